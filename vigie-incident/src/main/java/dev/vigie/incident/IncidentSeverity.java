package dev.vigie.incident;

/**
 * Impact of the incident on clients, kept apart from {@link Priority} (how urgently the team works
 * on it and how often it updates clients).
 */
public enum IncidentSeverity {
  /** Service down for many clients (the seed's incident: external calls failing). */
  CRITICAL,
  /** Service degraded or down for some clients. */
  MAJOR,
  /** Limited impact, workaround available. */
  MINOR,
  /** No client impact yet (suspicious traffic contained early). */
  LOW;

  public static IncidentSeverity parse(String field, String value) {
    return Enums.parse(IncidentSeverity.class, field, value);
  }
}
