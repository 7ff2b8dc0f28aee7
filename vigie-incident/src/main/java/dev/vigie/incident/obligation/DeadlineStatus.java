package dev.vigie.incident.obligation;

/** Where a deadline stands at a given instant. */
public enum DeadlineStatus {
  /** Not submitted, due time not passed. */
  DUE,
  /** A submission is recorded (whether on time or late). */
  SUBMITTED,
  /** Not submitted and the due time has passed. */
  OVERDUE
}
