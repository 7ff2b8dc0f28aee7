package dev.vigie.incident;

import java.time.Instant;
import java.util.List;

/**
 * An operator's edit of an incident's report fields; a null field keeps the stored value. Status is
 * not here: it changes only through a transition.
 */
public record IncidentPatch(
    String title,
    IncidentSeverity severity,
    Priority priority,
    Instant startedAt,
    Instant endedAt,
    Instant detectedAt,
    Instant mitigatedAt,
    Instant resolvedAt,
    List<String> services,
    String clientImpact,
    String cause,
    List<AffectedClient> affectedClients) {

  public IncidentPatch {
    title = Require.optional("title", title);
    services = services == null ? null : Require.texts("services", services);
    clientImpact = Require.optional("clientImpact", clientImpact);
    cause = Require.optional("cause", cause);
    affectedClients = affectedClients == null ? null : List.copyOf(affectedClients);
  }
}
