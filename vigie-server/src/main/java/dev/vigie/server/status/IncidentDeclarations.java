package dev.vigie.server.status;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.NumberRole;
import dev.vigie.catalog.PhoneNumber;
import dev.vigie.incident.IncidentNotFoundException;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.InvalidIncidentException;
import dev.vigie.incident.store.IncidentQuery;
import dev.vigie.incident.timeline.TimelineEntry;
import dev.vigie.incident.timeline.TimelineSource;
import java.util.Locale;
import java.util.Set;

/**
 * Declarations made from an incident: a component's state on the status page and the support line
 * down (the backup number shown). Each one writes a row in the incident's timeline, then reaches
 * the {@link StatusBoard} with the incident's id, so that what it sets off (the failover to the
 * backup number, its announcement, its webhook) joins the same incident instead of opening another.
 *
 * <p>Declarations made through {@code PUT /api/v1/status/...} without an incident join the only
 * open incident when there is exactly one ({@link #incidentFor}). Thread-safe (the board and the
 * store are).
 */
public final class IncidentDeclarations {
  private final StatusBoard board;
  private final IncidentService incidents;
  private final Catalog catalog;

  public IncidentDeclarations(StatusBoard board, IncidentService incidents, Catalog catalog) {
    this.board = board;
    this.incidents = incidents;
    this.catalog = catalog;
  }

  /** Declares a component's state from incident {@code incidentId}; the timeline row it wrote. */
  public TimelineEntry component(
      long incidentId, String componentId, ComponentState state, String note, String who) {
    incidents.store().get(incidentId);
    if (componentId == null || componentId.isBlank()) {
      throw new InvalidIncidentException("component", "required", "component is missing");
    }
    String id = componentId.strip();
    if (catalog == null || catalog.component(id).isEmpty()) {
      throw new InvalidIncidentException(
          "component", "invalid", "no component '" + id + "' in the catalogue");
    }
    if (state == null)
      throw new InvalidIncidentException("status", "required", "status is missing");
    String name = catalog.component(id).map(c -> c.name() == null ? id : c.name()).orElse(id);
    String n = note == null || note.isBlank() ? "" : " — " + note.strip();
    var entry =
        incidents.addEntry(
            incidentId,
            null,
            incidents
                .wording()
                .declared(
                    "component",
                    name,
                    new dev.vigie.server.i18n.Texts(
                            french()
                                ? dev.vigie.server.i18n.Lang.FR
                                : dev.vigie.server.i18n.Lang.EN,
                            java.time.ZoneOffset.UTC)
                        .e("cstate", state),
                    n),
            TimelineSource.OPERATOR,
            who);
    board.declare(id, state, note, who, incidentId);
    return entry;
  }

  /** Declares the main support numbers down (backup number shown) or up, from an incident. */
  public TimelineEntry supportLine(long incidentId, boolean down, String who) {
    incidents.store().get(incidentId);
    String text =
        down
            ? incidents.wording().declared("supportDown", backupNumber())
            : incidents.wording().declared("supportUp");
    var entry = incidents.addEntry(incidentId, null, text, TimelineSource.OPERATOR, who);
    board.declareSupportDown(down, who, down ? incidentId : null);
    return entry;
  }

  /** Whether the support line is declared down now. */
  public boolean supportDown() {
    return board.supportLine().declaredDown();
  }

  /** The components declared by operators now, id to state name. */
  public java.util.Map<String, Object> declared() {
    return board.declarations();
  }

  /**
   * The incident a status declaration joins: the one named ({@code id} or IG number), else the only
   * open incident, else none (null).
   *
   * @throws IncidentNotFoundException when the named incident does not exist
   */
  public Long incidentFor(Object named) {
    if (named instanceof Number n) return incidents.store().get(n.longValue()).id();
    if (named instanceof String s && !s.isBlank()) {
      String v = s.strip();
      if (v.regionMatches(true, 0, "IG-", 0, 3)) {
        return incidents
            .store()
            .findByNumber(v.toUpperCase(Locale.ROOT))
            .orElseThrow(() -> new IncidentNotFoundException("incident " + v))
            .id();
      }
      try {
        return incidents.store().get(Long.parseLong(v)).id();
      } catch (NumberFormatException e) {
        throw new InvalidIncidentException(
            "incident", "invalid", "incident '" + v + "' is neither a number nor an IG number");
      }
    }
    var open =
        incidents
            .store()
            .search(
                new IncidentQuery(
                    Set.of(
                        IncidentStatus.TRIAGE,
                        IncidentStatus.INVESTIGATING,
                        IncidentStatus.MITIGATED),
                    null,
                    null,
                    null,
                    2));
    return open.size() == 1 ? open.get(0).id() : null;
  }

  private String backupNumber() {
    if (catalog != null)
      for (PhoneNumber n : catalog.numbers())
        if (n.role() == NumberRole.BACKUP) return n.number() != null ? n.number() : n.id();
    return "—";
  }

  private boolean french() {
    return incidents.wording().language() == dev.vigie.incident.Language.FR;
  }
}
