package dev.vigie.incident;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Parsing of enum values from API input, case-insensitively ({@code in-progress} and {@code in
 * progress} read as {@code IN_PROGRESS}), with errors that name the field, the bad value and the
 * accepted ones.
 */
public final class Enums {
  private Enums() {}

  /** A required value. */
  public static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidIncidentException(
          field, "required", field + " is missing; expected one of " + names(type));
    }
    var name = value.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new InvalidIncidentException(
          field, "invalid", field + " '" + value + "' is not one of " + names(type));
    }
  }

  /** An optional value: null or blank gives {@code absent}. */
  public static <E extends Enum<E>> E parseOr(Class<E> type, String field, String value, E absent) {
    return value == null || value.isBlank() ? absent : parse(type, field, value);
  }

  private static <E extends Enum<E>> String names(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining("|"));
  }
}
