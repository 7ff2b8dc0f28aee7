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

  /** Null stays null; otherwise {@link #singleLine}. */
  static String optionalLine(String value, String field) {
    return value == null || value.isBlank() ? null : singleLine(value, field);
  }

  static <T> T notNull(T value, String field) {
    return Objects.requireNonNull(value, () -> field + ": required");
  }
}
