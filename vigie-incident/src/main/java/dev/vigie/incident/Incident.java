package dev.vigie.incident;

import dev.vigie.incident.number.IgNumber;
import java.time.Instant;
import java.util.List;

/**
 * One incident as stored: the fields of the provider's IG report plus the lifecycle.
 *
 * <p>Immutable; a change makes a new value. {@link #version} is the optimistic-locking counter: the
 * store accepts an update only if the caller's expected version equals the stored one, then stores
 * version + 1.
 *
 * @param id store id (0 before the store created it)
 * @param number IG number {@code IG-YYYY-MM-DD-NNN}, fixed at creation (see {@link IgNumber})
 * @param title short title (free text)
 * @param severity impact on clients
 * @param priority urgency and update cadence
 * @param status lifecycle state
 * @param startedAt when the impact started ("Début de l'incident")
 * @param endedAt when the impact ended ("Fin de l'incident"), null while it lasts
 * @param detectedAt when the provider knew (first alert, or the operator's statement)
 * @param mitigatedAt when the impact was contained (set on the move to MITIGATED)
 * @param resolvedAt when the service was back (set on the move to RESOLVED)
 * @param closedAt when the incident left the active list (CLOSED or CANCELLED)
 * @param services impacted services ("Service(s) impacté(s)")
 * @param clientImpact what clients experienced ("Impact Client")
 * @param cause cause as known ("Cause")
 * @param affectedClients clients affected, from the catalogue or entered
 * @param correlationKey key alerts attach by ({@code machine:ID}, {@code group:ID}, {@code
 *     am:GROUPKEY}), null for an incident opened by hand without one
 * @param version optimistic-locking version, 1 at creation
 */
public record Incident(
    long id,
    String number,
    String title,
    IncidentSeverity severity,
    Priority priority,
    IncidentStatus status,
    Instant startedAt,
    Instant endedAt,
    Instant detectedAt,
    Instant mitigatedAt,
    Instant resolvedAt,
    Instant closedAt,
    List<String> services,
    String clientImpact,
    String cause,
    List<AffectedClient> affectedClients,
    String correlationKey,
    long version) {

  public Incident {
    IgNumber.parse(number);
    Require.present("status", status);
    Require.present("startedAt", startedAt);
    Require.present("severity", severity);
    Require.present("priority", priority);
    services = List.copyOf(services);
    affectedClients = List.copyOf(affectedClients);
    if (endedAt != null && endedAt.isBefore(startedAt)) {
      throw new InvalidIncidentException(
          "endedAt",
          "beforeStart",
          "endedAt " + endedAt + " is before startedAt " + startedAt,
          startedAt);
    }
  }

  /** The parsed IG number. */
  public IgNumber igNumber() {
    return IgNumber.parse(number);
  }

  /** The same incident with a store id and version. */
  public Incident stored(long newId, long newVersion) {
    return new Incident(
        newId,
        number,
        title,
        severity,
        priority,
        status,
        startedAt,
        endedAt,
        detectedAt,
        mitigatedAt,
        resolvedAt,
        closedAt,
        services,
        clientImpact,
        cause,
        affectedClients,
        correlationKey,
        newVersion);
  }

  /**
   * The incident after a legal move to {@code target} at {@code at}, with the timestamps the
   * lifecycle sets: MITIGATED sets mitigatedAt; RESOLVED sets resolvedAt (and mitigatedAt and
   * endedAt when still unset); a reopen to INVESTIGATING from RESOLVED clears resolvedAt and
   * endedAt; CLOSED and CANCELLED set closedAt. A timestamp already set is kept, except on reopen.
   *
   * @throws IllegalTransitionException when the table refuses the move
   */
  public Incident moved(IncidentStatus target, Instant at) {
    status.requireMove(target, number);
    Instant ended = endedAt;
    Instant mitigated = mitigatedAt;
    Instant resolved = resolvedAt;
    Instant closed = closedAt;
    switch (target) {
      case TRIAGE -> {}
      case INVESTIGATING -> {
        if (status == IncidentStatus.RESOLVED) {
          resolved = null;
          ended = null;
        }
      }
      case MITIGATED -> mitigated = mitigated == null ? at : mitigated;
      case RESOLVED -> {
        resolved = at;
        mitigated = mitigated == null ? at : mitigated;
        ended = ended == null ? latest(at, startedAt) : ended;
      }
      case CLOSED, CANCELLED -> closed = at;
    }
    return new Incident(
        id,
        number,
        title,
        severity,
        priority,
        target,
        startedAt,
        ended,
        detectedAt,
        mitigated,
        resolved,
        closed,
        services,
        clientImpact,
        cause,
        affectedClients,
        correlationKey,
        version);
  }

  /**
   * The incident with the fields of a patch applied (null fields of the patch keep the value; an
   * empty cause or client impact clears it).
   */
  public Incident patched(IncidentPatch p) {
    return new Incident(
        id,
        number,
        p.title() != null ? p.title() : title,
        p.severity() != null ? p.severity() : severity,
        p.priority() != null ? p.priority() : priority,
        status,
        p.startedAt() != null ? p.startedAt() : startedAt,
        p.endedAt() != null ? p.endedAt() : endedAt,
        p.detectedAt() != null ? p.detectedAt() : detectedAt,
        p.mitigatedAt() != null ? p.mitigatedAt() : mitigatedAt,
        p.resolvedAt() != null ? p.resolvedAt() : resolvedAt,
        closedAt,
        p.services() != null ? p.services() : services,
        p.clientImpact() == null ? clientImpact : emptyToNull(p.clientImpact()),
        p.cause() == null ? cause : emptyToNull(p.cause()),
        p.affectedClients() != null ? p.affectedClients() : affectedClients,
        correlationKey,
        version);
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
