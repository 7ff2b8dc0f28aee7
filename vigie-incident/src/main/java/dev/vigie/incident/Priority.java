package dev.vigie.incident;

/** Urgency of handling and client-update cadence; independent of {@link IncidentSeverity}. */
public enum Priority {
  /** All hands, updates every 30 minutes. */
  P1,
  /** Handled now, updates every hour. */
  P2,
  /** Handled in working hours. */
  P3,
  /** Backlog. */
  P4;

  public static Priority parse(String field, String value) {
    return Enums.parse(Priority.class, field, value);
  }
}
