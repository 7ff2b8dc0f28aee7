package dev.vigie.incident.notify;

/**
 * A notification's state in the outbox. Transitions: {@code PENDING -> PENDING} (a failed attempt,
 * rescheduled), {@code PENDING -> SENT}, {@code PENDING -> FAILED_PERMANENTLY}. SENT and
 * FAILED_PERMANENTLY are final.
 */
public enum NotificationState {
  PENDING,
  SENT,
  FAILED_PERMANENTLY
}
