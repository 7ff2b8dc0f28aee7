package dev.vigie.server;

/**
 * Text from the network made safe for one log line: SIP headers, CDR fields, SMTP and webhook
 * answers can hold line breaks (a forged second log line), ANSI escapes (that rewrite an operator's
 * terminal) and invisible reordering marks. Control characters (C0, DEL, C1), line and paragraph
 * separators, bidirectional overrides and unpaired surrogates are written as {@code \n}, {@code
 * \r}, {@code \t} or {@code \}{@code uXXXX}; a backslash is doubled so that an escape cannot be
 * faked; the result is cut at {@value #MAX} characters. Pure, O(length).
 */
public final class LogText {
  static final int MAX = 2000;

  private LogText() {}

  /** {@code String.valueOf(o)} escaped for a log line. */
  public static String safe(Object o) {
    String s = String.valueOf(o);
    StringBuilder out = null;
    int n = Math.min(s.length(), MAX);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      String rep = null;
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        if (out != null) out.append(c).append(s.charAt(i + 1));
        i++;
        continue;
      }
      switch (c) {
        case '\n' -> rep = "\\n";
        case '\r' -> rep = "\\r";
        case '\t' -> rep = "\\t";
        case '\\' -> rep = "\\\\";
        default -> {
          if (Character.isISOControl(c)
              || Character.isSurrogate(c)
              || c == '\u2028'
              || c == '\u2029'
              || c >= '\u202A' && c <= '\u202E'
              || c >= '\u2066' && c <= '\u2069') {
            rep = String.format("\\u%04x", (int) c);
          }
        }
      }
      if (rep != null && out == null) out = new StringBuilder(n + 16).append(s, 0, i);
      if (out != null) {
        if (rep != null) out.append(rep);
        else out.append(c);
      }
    }
    String r = out == null ? s.substring(0, n) : out.toString();
    return s.length() > MAX ? r + "…(" + s.length() + " chars)" : r;
  }
}
