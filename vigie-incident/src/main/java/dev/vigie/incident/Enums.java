package dev.vigie.incident;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parsing of enum values from API input with errors that name the field and the bad value. */
final class Enums {
  private Enums() {}

  static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidIncidentException(field + " is missing; expected one of " + names(type));
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidIncidentException(
          field + " '" + value + "' is not one of " + names(type), e);
    }
  }

  private static <E extends Enum<E>> String names(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining("|"));
  }
}
