package dev.vigie.incident.notify;

/**
 * The four client notices, and the NOC reminders. The announcement and reminders are not about an
 * incident.
 */
public enum NotificationType {
  /** An incident affecting the client's services has been opened. */
  INCIDENT_OPENED,
  /** A public update on an open incident (what is known, what is being done). */
  INCIDENT_UPDATE,
  /** The incident is resolved: services are working again. */
  INCIDENT_RESOLVED,
  /** One-off: the backup support number to call when the main numbers fail. */
  BACKUP_NUMBER_ANNOUNCEMENT,
  /**
   * Not a client notice: a NIS2 reminder to the NOC (docs/obligations.md), rendered by the
   * obligations module, sent through the same outbox. Carries no incident id, so that sending it
   * writes no NOTIFICATION timeline entry (which would count as a client notice).
   */
  NOC_REMINDER;

  /** Whether the notice concerns an incident (and so needs the incident's facts). */
  public boolean aboutIncident() {
    return this != BACKUP_NUMBER_ANNOUNCEMENT && this != NOC_REMINDER;
  }
}
