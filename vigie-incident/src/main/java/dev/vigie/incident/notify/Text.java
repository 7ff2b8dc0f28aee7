package dev.vigie.incident.notify;

import java.util.Objects;

/** Small argument checks shared by the records of this package. */
final class Text {
  private Text() {}

  /** Non-null, not blank, stripped; the error names the field. */
  static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": required, got '" + value + "'");
    }
    return value.strip();
  }

  /**
   * Like {@link #required} and on one line: for subjects, names and numbers that go into headers.
   */
  static String singleLine(String value, String field) {
    String stripped = required(value, field);
    if (stripped.chars().anyMatch(c -> c == '\r' || c == '\n' || Character.isISOControl(c))) {
      throw new IllegalArgumentException(
          field + ": must be one line without control characters, got '" + stripped + "'");
    }
    return stripped;
  }

  /**
   * Any text made one printable line, for incident facts that clients read (titles, services,
   * impact): required, then every control character (line breaks included) becomes a space, and
   * U+FFFE, U+FFFF and unpaired surrogates become U+FFFD. Never refuses hostile text: a notice must
   * go out whatever a SIP header put in a title.
   */
  static String printableLine(String value, String field) {
    return clean(required(value, field), false).strip();
  }

  /** Like {@link #printableLine} but keeping line feeds (and tabs): for the public update text. */
  static String printableText(String value) {
    return value == null ? null : clean(value, true);
  }

  private static String clean(String s, boolean keepLines) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
        out.append('\uFFFD');
      } else if (keepLines && (c == '\n' || c == '\t')) {
        out.append(c);
      } else if (keepLines && c == '\r') {
        // CR LF and lone CR read as one line break
        if (i + 1 >= s.length() || s.charAt(i + 1) != '\n') out.append('\n');
      } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Null stays null; otherwise {@link #singleLine}. */
  static String optionalLine(String value, String field) {
    return value == null || value.isBlank() ? null : singleLine(value, field);
  }

  static <T> T notNull(T value, String field) {
    return Objects.requireNonNull(value, () -> field + ": required");
  }
}
