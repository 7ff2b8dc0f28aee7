package dev.vigie.incident.review;

import dev.vigie.incident.InvalidIncidentException;
import java.util.Locale;

/** Progress of a corrective action. */
public enum ActionStatus {
  OPEN,
  IN_PROGRESS,
  DONE,
  WONT_DO;

  public static ActionStatus parse(String field, String value) {
    if (value == null || value.isBlank()) {
      return OPEN;
    }
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
    } catch (IllegalArgumentException e) {
      throw new InvalidIncidentException(
          field + " '" + value + "' is not one of OPEN|IN_PROGRESS|DONE|WONT_DO", e);
    }
  }
}
