package dev.vigie.server.incident;

import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.notify.PublicStatus;
import dev.vigie.incident.store.IncidentQuery;
import dev.vigie.incident.store.IncidentStore;
import dev.vigie.server.status.PublishedIncident;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The incidents the public status page shows: every open one, and those resolved or closed in the
 * last {@link #RECENT} days; never a cancelled one, and only published ones ({@link
 * PublicationPolicy}). Built by an allow-list, field by field: the IG number, the public title
 * ({@link PublicationPolicy#publicTitle}), the public status, start and end times, the services as
 * stored, the affected clients' catalogue ids (to choose client pages, never rendered), and public
 * updates: the visible status changes (repeats folded) and the texts operators published for
 * clients ({@link Publications#updates}). Nothing is read from the timeline's text: operators'
 * notes, alerts, actions and the record of sent notices (which names contacts) cannot reach a page.
 * Three bounded queries and two reads per incident shown.
 */
final class PublicIncidents {
  static final Duration RECENT = Duration.ofDays(7);
  private static final int MAX = 50;

  private PublicIncidents() {}

  static List<PublishedIncident> of(
      IncidentStore store,
      Publications publications,
      PublicationPolicy policy,
      InstantSource clock) {
    return of(store, publications, policy, clock, RECENT, MAX);
  }

  /**
   * The same for a longer past: open incidents and those resolved within {@code recent} (the status
   * page's 90-day history and its Atom feed), at most {@code max} of each.
   */
  static List<PublishedIncident> of(
      IncidentStore store,
      Publications publications,
      PublicationPolicy policy,
      InstantSource clock,
      Duration recent,
      int max) {
    var since = clock.instant().minus(recent);
    var open =
        store.search(
            new IncidentQuery(
                EnumSet.of(
                    IncidentStatus.TRIAGE, IncidentStatus.INVESTIGATING, IncidentStatus.MITIGATED),
                null,
                null,
                null,
                max));
    var ended =
        store.search(
            new IncidentQuery(
                EnumSet.of(IncidentStatus.RESOLVED, IncidentStatus.CLOSED),
                null,
                since.minus(Duration.ofDays(30)),
                null,
                max));
    var candidates = new ArrayList<Incident>(open);
    for (var i : ended) {
      if (i.resolvedAt() != null && !i.resolvedAt().isBefore(since)) candidates.add(i);
    }
    Map<Long, Publications.Publication> pubs =
        publications.of(candidates.stream().map(Incident::id).toList());
    var out = new ArrayList<PublishedIncident>();
    for (var i : candidates) {
      var p = pubs.get(i.id());
      if (policy.published(i, p)) out.add(view(store, publications, i, p));
    }
    return List.copyOf(out);
  }

  /** One incident as the status page would show it once published (a draft's preview). */
  static PublishedIncident preview(IncidentStore store, Publications publications, Incident i) {
    return view(store, publications, i, publications.find(i.id()).orElse(null));
  }

  private static PublishedIncident view(
      IncidentStore store, Publications publications, Incident i, Publications.Publication p) {
    var updates = new ArrayList<PublishedIncident.Update>();
    PublicStatus last = null;
    for (var e : store.timeline(i.id())) {
      if (e.hidden() || !e.isLifecycle() || e.refState() == null) continue;
      var status = status(e.refState());
      if (status != null && status != last) {
        updates.add(new PublishedIncident.Update(e.at(), status, null));
        last = status;
      }
    }
    for (var u : publications.updates(i.id())) {
      updates.add(new PublishedIncident.Update(u.at(), u.status(), u.text(), u.textEn()));
    }
    updates.sort(java.util.Comparator.comparing(PublishedIncident.Update::at));
    Set<String> clients = new LinkedHashSet<>();
    for (var c : i.affectedClients()) clients.add(c.catalogId() != null ? c.catalogId() : c.name());
    var status = status(i.status().name());
    return new PublishedIncident(
        i.number(),
        PublicationPolicy.publicTitle(i, p),
        status != null ? status : PublicStatus.INVESTIGATING,
        i.startedAt(),
        i.resolvedAt(),
        i.services(),
        clients,
        updates);
  }

  private static PublicStatus status(String lifecycleState) {
    try {
      return PublicStatus.fromLifecycle(lifecycleState);
    } catch (IllegalArgumentException cancelled) {
      return null;
    }
  }
}
