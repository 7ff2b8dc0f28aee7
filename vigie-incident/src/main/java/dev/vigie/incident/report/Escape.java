package dev.vigie.incident.report;

import java.util.regex.Pattern;

/** Escaping of user text for the report's markups. Pure functions, O(length). */
final class Escape {
  private static final Pattern ENTITY =
      Pattern.compile("(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});");

  private Escape() {}

  /**
   * HTML/XML text and attribute escaping ({@code & < > " '}), and line breaks as {@code <br />}.
   * Control characters other than tab and newline are dropped (XML forbids them, the PDF renderer
   * parses the page as XML).
   */
  static String html(String s) {
    var out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\n' -> out.append("<br />");
        case '\r' -> {}
        default -> {
          if (c >= 0x20 || c == '\t') {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * Markdown inline escaping: backslash before the characters that start emphasis, code, links,
   * HTML or table cells ({@code \ ` * _ [ ] < > |}), before an {@code &} that would start an
   * entity, and before a {@code # + -} or an ordered list marker that would start a line; line
   * breaks become {@code <br>} so that a value stays in its paragraph or table cell.
   */
  static String markdown(String s) {
    var out = new StringBuilder(s.length() + 16);
    boolean lineStart = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r') {
        continue;
      }
      if (c == '\n') {
        out.append("<br>");
        lineStart = true;
        continue;
      }
      if (c < 0x20 && c != '\t') {
        continue;
      }
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '<', '>', '|' -> out.append('\\').append(c);
        case '#', '+', '-', '=' -> out.append(lineStart ? "\\" : "").append(c);
        case '&' -> out.append(entityStart(s, i + 1) ? "\\&" : "&");
        default -> {
          if (lineStart && Character.isDigit(c) && orderedMarker(s, i)) {
            out.append(s, i, dotIndex(s, i)).append('\\');
            i = dotIndex(s, i) - 1;
          } else {
            out.append(c);
          }
        }
      }
      lineStart = lineStart && c == ' ';
    }
    return out.toString();
  }

  /** Whether an {@code &} here would start an entity reference ({@code &copy;}, {@code &#60;}). */
  private static boolean entityStart(String s, int next) {
    return ENTITY.matcher(s).region(next, s.length()).lookingAt();
  }

  private static int dotIndex(String s, int i) {
    int j = i;
    while (j < s.length() && Character.isDigit(s.charAt(j))) {
      j++;
    }
    return j;
  }

  private static boolean orderedMarker(String s, int i) {
    int j = dotIndex(s, i);
    return j < s.length() && (s.charAt(j) == '.' || s.charAt(j) == ')');
  }
}
