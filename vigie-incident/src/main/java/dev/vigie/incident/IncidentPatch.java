package dev.vigie.incident;

import java.time.Instant;
import java.util.List;

/**
 * An operator's edit of an incident's report fields; a null field keeps the stored value. The free
 * texts {@code clientImpact} and {@code cause} given blank clear the stored text (an operator who
 * empties the field in the editor means it). Status is not here: it changes only through a
 * transition.
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
    clientImpact = clearable("clientImpact", clientImpact);
    cause = clearable("cause", cause);
    affectedClients = affectedClients == null ? null : List.copyOf(affectedClients);
  }

  /** Null keeps the stored text; blank clears it (""); else the text, stripped and bounded. */
  private static String clearable(String field, String value) {
    if (value == null) return null;
    String v = Require.optional(field, value);
    return v == null ? "" : v;
  }
}
