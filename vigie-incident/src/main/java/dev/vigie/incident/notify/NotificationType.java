package dev.vigie.incident.notify;

/** The four client notices. Only the announcement is not about an incident. */
public enum NotificationType {
  /** An incident affecting the client's services has been opened. */
  INCIDENT_OPENED,
  /** A public update on an open incident (what is known, what is being done). */
  INCIDENT_UPDATE,
  /** The incident is resolved: services are working again. */
  INCIDENT_RESOLVED,
  /** One-off: the backup support number to call when the main numbers fail. */
  BACKUP_NUMBER_ANNOUNCEMENT;

  /** Whether the notice concerns an incident (and so needs the incident's facts). */
  public boolean aboutIncident() {
    return this != BACKUP_NUMBER_ANNOUNCEMENT;
  }
}
