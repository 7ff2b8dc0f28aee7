package dev.vigie.incident;

import java.util.ArrayList;
import java.util.List;

/** Validation helpers whose errors name the field and the bad value. */
public final class Require {
  /** Longest free text accepted in one field (a timeline description, a cause). */
  public static final int MAX_TEXT = 10_000;

  private Require() {}

  /** A non-blank text, stripped. */
  public static String text(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidIncidentException(field, "required", field + " is missing or blank");
    }
    return bounded(field, value.strip());
  }

  /** An optional text: null or blank gives null, else stripped. */
  public static String optional(String field, String value) {
    return value == null || value.isBlank() ? null : bounded(field, value.strip());
  }

  /** A list of non-blank texts (null gives an empty list), stripped, order kept. */
  public static List<String> texts(String field, List<String> values) {
    if (values == null) {
      return List.of();
    }
    var out = new ArrayList<String>(values.size());
    for (int i = 0; i < values.size(); i++) {
      out.add(text(field + "[" + i + "]", values.get(i)));
    }
    return List.copyOf(out);
  }

  /** A present value. */
  public static <T> T present(String field, T value) {
    if (value == null) {
      throw new InvalidIncidentException(field, "required", field + " is missing");
    }
    return value;
  }

  private static String bounded(String field, String value) {
    if (value.length() > MAX_TEXT) {
      throw new InvalidIncidentException(
          field,
          "tooLong",
          field + " is " + value.length() + " characters long; the limit is " + MAX_TEXT,
          MAX_TEXT);
    }
    return value;
  }
}
