package dev.vigie.server.incident;

import dev.vigie.contain.Reason;
import dev.vigie.contain.ledger.AuditEntry;
import dev.vigie.detect.Alert;
import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentCatalog;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.store.IncidentQuery;
import dev.vigie.incident.timeline.TimelineEvent;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the other stages' actions into the incident they belong to, so that the timeline writes
 * itself: containment decisions and releases (by the correlation key of the alert behind them) and
 * threshold changes (the machine's incident, or every open incident for a default). Never throws: a
 * timeline that cannot be written must not stop containment or a threshold change.
 */
public final class StageTimeline {
  private static final Logger LOG = LoggerFactory.getLogger(StageTimeline.class);

  /** Decisions worth a line in the timeline (refusals included: they say why nothing happened). */
  private static final Set<Reason> SHOWN =
      EnumSet.of(
          Reason.ISOLATE,
          Reason.ISOLATE_PROVEN,
          Reason.ISOLATE_FLOOD,
          Reason.ASK_OPERATOR,
          Reason.ASK_UNPROVEN,
          Reason.LONE_PROBE,
          Reason.KNOWN_GOOD,
          Reason.PROTECTED,
          Reason.CAP_REACHED,
          Reason.DRY_RUN,
          Reason.APPROVED,
          Reason.ACTUATOR_FAILED);

  private static final Set<Reason> RELEASES = EnumSet.of(Reason.RELEASED, Reason.EXPIRED);

  private final IncidentService incidents;
  private final IncidentCatalog catalog;

  /** alert id to correlation key, the last 10,000 alerts (a release refers to its alert by id). */
  private final Map<String, String> keyByAlert =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> e) {
              return size() > 10_000;
            }
          });

  public StageTimeline(IncidentService incidents, IncidentCatalog catalog) {
    this.incidents = incidents;
    this.catalog = catalog;
  }

  public void onAlert(Alert a) {
    keyByAlert.put(a.id(), catalog.keyOf(a));
  }

  /** A containment audit entry. */
  public void onContainment(AuditEntry e) {
    try {
      if (e.alertId() == null) return;
      String key = keyByAlert.get(e.alertId());
      if (key == null) return;
      String actor = e.actor() == null ? "vigie" : e.actor();
      if (SHOWN.contains(e.reason())) {
        incidents.record(
            new TimelineEvent.Containment(
                e.at(), key, e.target(), e.reason().name(), e.detail(), actor));
      } else if (RELEASES.contains(e.reason())) {
        incidents.record(new TimelineEvent.Release(e.at(), key, e.target(), actor));
      }
    } catch (RuntimeException x) {
      LOG.warn("timeline: containment entry not recorded: {}", x.toString());
    }
  }

  /** A threshold change: into the machine's open incident, or every open incident for a default. */
  public void onThresholdChange(
      Instant at, String machine, String setting, String oldValue, String newValue, String author) {
    try {
      if (machine != null) {
        incidents.record(
            new TimelineEvent.ThresholdChange(
                at, "machine:" + machine, setting, oldValue, newValue, author));
        return;
      }
      Set<IncidentStatus> open =
          EnumSet.complementOf(
              EnumSet.of(IncidentStatus.CLOSED, IncidentStatus.CANCELLED, IncidentStatus.RESOLVED));
      for (Incident i : incidents.store().search(new IncidentQuery(open, null, null, null, 200))) {
        incidents.record(
            i.id(),
            new TimelineEvent.ThresholdChange(
                at, i.correlationKey(), "default " + setting, oldValue, newValue, author));
      }
    } catch (RuntimeException x) {
      LOG.warn("timeline: threshold change not recorded: {}", x.toString());
    }
  }
}
