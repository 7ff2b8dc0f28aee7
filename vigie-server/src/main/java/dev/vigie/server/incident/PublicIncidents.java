package dev.vigie.server.incident;

import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.Language;
import dev.vigie.incident.notify.PublicStatus;
import dev.vigie.incident.store.IncidentQuery;
import dev.vigie.incident.store.IncidentStore;
import dev.vigie.incident.timeline.TimelineSource;
import dev.vigie.server.status.PublicIncident;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * The incidents the public status page shows: every open one, and those resolved or closed in the
 * last {@link #RECENT} days; never a cancelled one. Only what clients may read leaves: number,
 * title, public status (the status-page vocabulary, French labels), services, affected clients
 * (catalogue ids, else names) and public updates, which are the visible status changes (as public
 * labels, repeats folded) and the client notifications of the timeline; operators' notes, alerts
 * and actions stay internal, and so do the incidents detection opened by itself ({@link
 * #isPublic}). Two bounded queries and one timeline read per incident shown.
 */
final class PublicIncidents {
  static final Duration RECENT = Duration.ofDays(7);
  private static final int MAX = 50;

  private PublicIncidents() {}

  static List<PublicIncident> of(IncidentStore store, InstantSource clock) {
    var since = clock.instant().minus(RECENT);
    var open =
        store.search(
            new IncidentQuery(
                EnumSet.of(
                    IncidentStatus.TRIAGE, IncidentStatus.INVESTIGATING, IncidentStatus.MITIGATED),
                null,
                null,
                null,
                MAX));
    var ended =
        store.search(
            new IncidentQuery(
                EnumSet.of(IncidentStatus.RESOLVED, IncidentStatus.CLOSED),
                null,
                since.minus(Duration.ofDays(30)),
                null,
                MAX));
    var out = new ArrayList<PublicIncident>();
    for (var i : open) {
      if (isPublic(i)) out.add(view(store, i));
    }
    for (var i : ended) {
      if (isPublic(i) && i.resolvedAt() != null && !i.resolvedAt().isBefore(since)) {
        out.add(view(store, i));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Incidents opened by detection alerts (correlation key {@code source:}, {@code machine:} or
   * {@code group:}) stay internal: their titles name attackers' addresses and machines. What
   * clients see are the incidents operators open and those of component failures ({@code
   * component:}, from probes).
   */
  static boolean isPublic(Incident i) {
    String k = i.correlationKey();
    return k == null
        || !(k.startsWith("source:") || k.startsWith("machine:") || k.startsWith("group:"));
  }

  private static PublicIncident view(IncidentStore store, Incident i) {
    var updates = new ArrayList<PublicIncident.Update>();
    String last = null;
    for (var e : store.timeline(i.id())) {
      if (e.hidden()) {
        continue;
      }
      if (e.isLifecycle() && e.refState() != null) {
        var label = label(e.refState());
        if (label != null && !label.equals(last)) {
          updates.add(new PublicIncident.Update(e.at(), label));
          last = label;
        }
      } else if (e.source() == TimelineSource.NOTIFICATION) {
        updates.add(new PublicIncident.Update(e.at(), e.description()));
      }
    }
    var clients =
        i.affectedClients().stream()
            .map(c -> c.catalogId() != null ? c.catalogId() : c.name())
            .toList();
    return new PublicIncident(
        i.number(),
        i.title(),
        Objects.requireNonNullElse(label(i.status().name()), i.status().name()),
        i.startedAt(),
        i.resolvedAt(),
        i.services(),
        clients,
        updates);
  }

  private static String label(String lifecycleState) {
    try {
      return PublicStatus.fromLifecycle(lifecycleState).label(Language.FR);
    } catch (IllegalArgumentException cancelled) {
      return null;
    }
  }
}
