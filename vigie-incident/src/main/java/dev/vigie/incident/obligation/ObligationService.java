package dev.vigie.incident.obligation;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.incident.AffectedClient;
import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentCatalog;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.InvalidIncidentException;
import dev.vigie.incident.Language;
import dev.vigie.incident.timeline.NewEntry;
import dev.vigie.incident.timeline.TimelineEntry;
import dev.vigie.incident.timeline.TimelineSource;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * NIS2 obligations of incidents: impact facts, classification (Implementing Regulation (EU)
 * 2024/2690, Art. 10), deadlines (Directive (EU) 2022/2555, Art. 23(4)), submissions and the
 * client-communication clock. Each change appends a timeline entry. Thread-safe when the stores
 * are; facts of one incident edited at once by two operators: the last write wins (each edit names
 * the fields it changed in the timeline).
 */
public final class ObligationService {
  /** Alert kinds that make a malicious cause suspected (attacks, not outages). */
  public static final Set<AlertKind> SECURITY_KINDS =
      EnumSet.of(
          AlertKind.SCAN,
          AlertKind.ENUMERATION,
          AlertKind.BRUTE_FORCE,
          AlertKind.FLOOD,
          AlertKind.TOLL_FRAUD);

  private final IncidentService incidents;
  private final ObligationStore store;
  private final IncidentCatalog catalog;
  private final ObligationSettings settings;
  private final InstantSource clock;

  public ObligationService(
      IncidentService incidents,
      ObligationStore store,
      IncidentCatalog catalog,
      ObligationSettings settings,
      InstantSource clock) {
    this.incidents = incidents;
    this.store = store;
    this.catalog = catalog;
    this.settings = settings;
    this.clock = clock;
  }

  public ObligationSettings settings() {
    return settings;
  }

  public IncidentService incidents() {
    return incidents;
  }

  /** The incident's facts ({@link Impact#NONE} when none were given). */
  public Impact impact(long incidentId) {
    return store.impact(incidentId).orElse(Impact.NONE);
  }

  /**
   * Applies an edit of the facts (null fields keep the stored value) and records the changed fields
   * in the timeline; nothing is written when nothing changes.
   */
  public Impact editImpact(long incidentId, Impact edit, String author) {
    var incident = incidents.store().get(incidentId);
    var before = impact(incidentId);
    var after = before.merged(edit).complete();
    var fields = after.changedFrom(before);
    if (fields.isEmpty()) {
      return before;
    }
    store.saveImpact(incidentId, after);
    var text =
        Words.of(Language.FR, settings.zone()).get("timeline.impact", String.join(", ", fields));
    incidents
        .store()
        .append(
            incidentId,
            // a lifecycle record, like the incident's own edits: in the timeline, not in the report
            new NewEntry(
                clock.instant(),
                text,
                TimelineSource.OPERATOR,
                author,
                TimelineEntry.LIFECYCLE,
                incident.status().name()));
    return after;
  }

  /**
   * Checks that an edit can be applied to the stored facts, without writing.
   *
   * @throws InvalidIncidentException naming the field
   */
  public void checkImpact(long incidentId, Impact edit) {
    impact(incidentId).merged(edit).complete();
  }

  /** When the provider became aware: {@code detectedAt}, else {@code startedAt}. */
  public static Instant awareAt(Incident i) {
    return i.detectedAt() != null ? i.detectedAt() : i.startedAt();
  }

  /**
   * Users affected: as stated, else the sum of {@code users} of the incident's catalogue clients.
   */
  public long usersAffected(Incident incident, Impact impact) {
    if (impact.usersAffected() != null) {
      return impact.usersAffected();
    }
    long sum = 0;
    for (AffectedClient c : incident.affectedClients()) {
      if (c.catalogId() != null) {
        sum += catalog.users(c.catalogId());
      }
    }
    return sum;
  }

  /** Users of the service: the setting, else the sum over the catalogue's clients. */
  public long totalUsers() {
    return settings.totalUsers() > 0 ? settings.totalUsers() : catalog.totalUsers();
  }

  /** The classification of an incident now. */
  public Classification classify(Incident incident, Impact impact, Instant now) {
    return Classification.of(
        impact, usersAffected(incident, impact), totalUsers(), settings.thresholds(), now);
  }

  /** The obligations of an incident now, reasons in {@code language}. */
  public Obligations obligations(long incidentId, Language language) {
    var incident = incidents.store().get(incidentId);
    return obligations(incident, incidents.store().timeline(incidentId), language, clock.instant());
  }

  /** The obligations of an incident at {@code now}. */
  public Obligations obligations(
      Incident incident, List<TimelineEntry> timeline, Language language, Instant now) {
    var impact = impact(incident.id());
    var c = classify(incident, impact, now);
    var words = Words.of(language, settings.zone());
    var aware = awareAt(incident);
    List<Deadline> deadlines =
        c.significant()
            ? Deadlines.of(aware, store.submissions(incident.id()), settings.zone(), now)
            : List.of();
    var users = usersAffected(incident, impact);
    var clock = clientClock(incident, users, timeline);
    var comm =
        new Obligations.ClientCommunication(
            clock.applies(),
            clock.firstNoticeAt(),
            clock.elapsed(now).toMinutes(),
            settings.clientNoticeTarget().toMinutes(),
            clock.late(now));
    return new Obligations(
        c.significant(),
        c.reasons().stream().map(r -> r.words(words)).toList(),
        aware,
        deadlines,
        users,
        totalUsers(),
        impact,
        comm);
  }

  /** The client-communication clock of an incident. */
  public ClientClock clientClock(Incident incident, long usersAffected, List<TimelineEntry> tl) {
    boolean applies = !incident.affectedClients().isEmpty() || usersAffected > 0;
    return ClientClock.of(applies, awareAt(incident), tl, settings.clientNoticeTarget());
  }

  /**
   * Records a submission to the authority and a timeline entry.
   *
   * @throws InvalidIncidentException when the incident is not significant (nothing is owed), or the
   *     submission is incomplete
   */
  public Submission submit(
      long incidentId, ObligationKind kind, Instant submittedAt, String reference, String author) {
    var incident = incidents.store().get(incidentId);
    var now = clock.instant();
    var c = classify(incident, impact(incidentId), now);
    if (!c.significant()) {
      var words = Words.of(Language.EN, settings.zone());
      throw new InvalidIncidentException(
          "incident "
              + incident.number()
              + " is not significant, nothing is owed: "
              + String.join("; ", c.reasons().stream().map(r -> r.words(words)).toList()));
    }
    var s = new Submission(kind, submittedAt, reference, author, now);
    store.saveSubmission(incidentId, s);
    var w = Words.of(Language.FR, settings.zone());
    var text =
        reference == null
            ? w.get("timeline.submitted", w.kind(kind), w.dateTime(submittedAt))
            : w.get("timeline.submittedRef", w.kind(kind), w.dateTime(submittedAt), s.reference());
    incidents
        .store()
        .append(
            incidentId,
            new NewEntry(
                submittedAt,
                text,
                TimelineSource.OPERATOR,
                author,
                "obligation:" + kind.name(),
                "SUBMITTED"));
    return s;
  }

  /**
   * Takes an alert that opened or joined {@code incident}: a security alert marks a malicious cause
   * suspected and adds its source and User-Agents as indicators; a {@code SERVICE_DEGRADED} alert
   * starts the degraded window when none is known. Writes (and adds a timeline entry) only when a
   * fact changes.
   */
  public void onAlert(Alert alert, Incident incident) {
    Impact edit = null;
    if (SECURITY_KINDS.contains(alert.kind())) {
      edit = new Impact(null, null, null, null, null, true, null, indicators(alert));
    } else if ("SERVICE_DEGRADED".equals(alert.kind().name())
        && impact(incident.id()).degradedFrom() == null) {
      var from = alert.firstSeen() != null ? alert.firstSeen() : alert.detectedAt();
      edit = new Impact(null, null, from, null, null, null, null, List.of());
    }
    if (edit != null) {
      editImpact(incident.id(), edit, "vigie");
    }
  }

  /**
   * A probed outage began for the incident: a component whose loss takes critical services down
   * starts the unavailability window, another one the degraded window, unless already known.
   */
  public void onOutageStart(long incidentId, Instant at, boolean critical) {
    var known = impact(incidentId);
    if (critical && known.unavailableFrom() == null) {
      editImpact(incidentId, new Impact(at, null, null, null, null, null, null, null), "probe");
    } else if (!critical && known.degradedFrom() == null) {
      editImpact(incidentId, new Impact(null, null, at, null, null, null, null, null), "probe");
    }
  }

  /** The probed outage ended: closes the open window(s) it started. */
  public void onOutageEnd(long incidentId, Instant at) {
    var known = impact(incidentId);
    Instant down = open(known.unavailableFrom(), known.unavailableUntil(), at);
    Instant degraded = open(known.degradedFrom(), known.degradedUntil(), at);
    if (down != null || degraded != null) {
      editImpact(
          incidentId, new Impact(null, down, null, degraded, null, null, null, null), "probe");
    }
  }

  private static Instant open(Instant from, Instant until, Instant at) {
    return from != null && until == null && !at.isBefore(from) ? at : null;
  }

  private static List<String> indicators(Alert alert) {
    var out = new ArrayList<String>();
    if (alert.source() != null) {
      out.add("ip:" + alert.source());
    }
    var ua = alert.evidence() == null ? null : alert.evidence().get("userAgents");
    if (ua instanceof Collection<?> list) {
      list.stream().limit(5).forEach(u -> out.add("user-agent:" + u));
    } else if (ua instanceof Map<?, ?> map) {
      map.keySet().stream().limit(5).forEach(u -> out.add("user-agent:" + u));
    } else if (ua != null) {
      out.add("user-agent:" + ua);
    }
    return out;
  }
}
