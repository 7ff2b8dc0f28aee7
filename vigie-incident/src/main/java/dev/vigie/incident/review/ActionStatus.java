package dev.vigie.incident.review;

import dev.vigie.incident.Enums;

/** Progress of a corrective action. */
public enum ActionStatus {
  OPEN,
  IN_PROGRESS,
  DONE,
  WONT_DO;

  /** Parses a status; null or blank gives OPEN. */
  public static ActionStatus parse(String field, String value) {
    return Enums.parseOr(ActionStatus.class, field, value, OPEN);
  }
}
