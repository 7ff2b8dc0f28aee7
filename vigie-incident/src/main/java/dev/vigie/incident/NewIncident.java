package dev.vigie.incident;

import java.time.Instant;
import java.util.List;

/**
 * What opening an incident takes (the body of {@code POST /incidents}, plus optional fields).
 * Validated at construction: the messages name the field.
 *
 * @param title required
 * @param startedAt required; also fixes the IG number's day
 * @param services impacted services, may be empty
 * @param clientImpact optional
 * @param cause optional (often unknown at first)
 * @param severity required
 * @param priority null gives P2
 * @param detectedAt null gives startedAt
 * @param affectedClients names or catalogue ids; resolved against the catalogue by the service
 * @param correlationKey null when opened by hand
 */
public record NewIncident(
    String title,
    Instant startedAt,
    List<String> services,
    String clientImpact,
    String cause,
    IncidentSeverity severity,
    Priority priority,
    Instant detectedAt,
    List<String> affectedClients,
    String correlationKey) {

  public NewIncident {
    title = Require.text("title", title);
    Require.present("startedAt", startedAt);
    services = Require.texts("services", services);
    clientImpact = Require.optional("clientImpact", clientImpact);
    cause = Require.optional("cause", cause);
    Require.present("severity", severity);
    priority = priority == null ? Priority.P2 : priority;
    detectedAt = detectedAt == null ? startedAt : detectedAt;
    affectedClients = Require.texts("affectedClients", affectedClients);
    correlationKey = Require.optional("correlationKey", correlationKey);
  }

  /** The minimal form of the contract's body. */
  public static NewIncident of(
      String title,
      Instant startedAt,
      List<String> services,
      String clientImpact,
      String cause,
      IncidentSeverity severity) {
    return new NewIncident(
        title, startedAt, services, clientImpact, cause, severity, null, null, null, null);
  }
}
