package dev.vigie.incident.report;

import java.util.regex.Pattern;

/** Escaping of user text for the report's markups. Pure functions, O(length). */
final class Escape {
  private static final Pattern ENTITY =
      Pattern.compile("(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});");

  private Escape() {}

  /** What replaces a character a report cannot hold. */
  static final char REPLACEMENT = '\uFFFD';

  /**
   * Any string made storable in XML 1.0 (the PDF renderer parses the page as XML) and in UTF-8: C0
   * control characters other than tab, line feed and carriage return, U+FFFE, U+FFFF and unpaired
   * surrogates are replaced by U+FFFD; everything else, pairs of surrogates included, is kept.
   * Returns {@code s} itself when nothing needs replacing. O(length).
   */
  static String xmlSafe(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean bad;
      if (Character.isHighSurrogate(c)) {
        bad = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        if (!bad) {
          if (out != null) out.append(c).append(s.charAt(i + 1));
          i++;
          continue;
        }
      } else {
        bad =
            Character.isLowSurrogate(c)
                || c < 0x20 && c != '\t' && c != '\n' && c != '\r'
                || c == '\uFFFE'
                || c == '\uFFFF';
      }
      if (bad && out == null) out = new StringBuilder(s.length()).append(s, 0, i);
      if (out != null) out.append(bad ? REPLACEMENT : c);
    }
    return out == null ? s : out.toString();
  }

  /**
   * HTML/XML text and attribute escaping ({@code & < > " '}), and line breaks as {@code <br />}.
   * Characters XML cannot hold are replaced ({@link #xmlSafe}).
   */
  static String html(String raw) {
    String s = xmlSafe(raw);
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
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Markdown inline escaping: backslash before the characters that start emphasis, code, links,
   * HTML or table cells ({@code \ ` * _ [ ] < > |}), before an {@code &} that would start an
   * entity, and before a {@code # + -} or an ordered list marker that would start a line; line
   * breaks become {@code <br>} so that a value stays in its paragraph or table cell. Characters XML
   * cannot hold are replaced ({@link #xmlSafe}): Markdown is often turned into HTML.
   */
  static String markdown(String raw) {
    String s = xmlSafe(raw);
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
