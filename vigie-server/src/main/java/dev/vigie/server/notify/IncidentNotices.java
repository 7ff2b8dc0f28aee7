package dev.vigie.server.notify;

import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.Language;
import dev.vigie.incident.notify.Audience;
import dev.vigie.incident.notify.ClientContacts;
import dev.vigie.incident.notify.IncidentFacts;
import dev.vigie.incident.notify.Notification;
import dev.vigie.incident.notify.NotificationType;
import dev.vigie.incident.notify.Notifier;
import dev.vigie.incident.notify.PublicStatus;
import dev.vigie.incident.notify.Recipient;
import dev.vigie.incident.notify.RenderedMessage;
import dev.vigie.incident.notify.Templates;
import dev.vigie.incident.store.IncidentQuery;
import dev.vigie.server.i18n.Lang;
import dev.vigie.server.i18n.Texts;
import dev.vigie.server.incident.PublicationPolicy;
import dev.vigie.server.incident.Publications;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns incident changes into client notices: an incident with affected clients that opens gets
 * INCIDENT_OPENED, one that is resolved gets INCIDENT_RESOLVED (the outbox's dedup keys make each
 * notice once per recipient, across restarts). Public updates come from the API ({@link #update}).
 *
 * <p>The incident service has no change feed, so {@link #scan} polls it from the worker thread:
 * open and resolved incidents created after the module's first start (a baseline id kept in {@code
 * notification_watch}, so enabling notifications never mails clients about old incidents), skipping
 * those whose version it has already handled and those not published ({@link PublicationPolicy}: an
 * incident detection, probes or Alertmanager opened waits for an operator, and is noticed at the
 * first scan after its publication). What clients read is built from public fields only: the public
 * title and impact (a generic wording for an incident Vigie opened), catalogue service names (never
 * a machine), times and the status. O(incidents listed) per tick, bounded at 1000. Not thread-safe:
 * called from the one notification thread.
 */
final class IncidentNotices {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentNotices.class);
  private static final Set<IncidentStatus> WATCHED =
      EnumSet.of(
          IncidentStatus.TRIAGE,
          IncidentStatus.INVESTIGATING,
          IncidentStatus.MITIGATED,
          IncidentStatus.RESOLVED,
          IncidentStatus.CLOSED);

  private final IncidentService incidents;
  private final ClientDirectory directory;
  private final Notifier notifier;
  private final long baseline;
  private final Publications publications;
  private final PublicationPolicy policy;
  private final Map<Long, Long> handled = new HashMap<>();

  IncidentNotices(
      IncidentService incidents,
      ClientDirectory directory,
      Notifier notifier,
      Jdbi db,
      Publications publications,
      PublicationPolicy policy) {
    this.incidents = incidents;
    this.publications = publications;
    this.policy = policy;
    this.directory = directory;
    this.notifier = notifier;
    this.baseline = baseline(db);
  }

  /** Enqueues what changed incidents owe their clients; returns the number enqueued. */
  int scan() {
    int enqueued = 0;
    List<Incident> list =
        incidents.store().search(new IncidentQuery(WATCHED, null, null, null, 1000));
    for (Incident i : list) {
      if (i.id() <= baseline || Long.valueOf(i.version()).equals(handled.get(i.id()))) continue;
      if (!published(i)) continue; // not marked handled: noticed once published
      try {
        enqueued += notices(i);
        handled.put(i.id(), i.version());
      } catch (RuntimeException e) {
        LOG.warn("incident {}: notices not enqueued: {}", i.number(), e.getMessage());
      }
    }
    return enqueued;
  }

  private int notices(Incident i) {
    Set<String> clients = directory.affected(i);
    if (clients.isEmpty()) return 0;
    var ctx = directory.context();
    boolean resolved =
        i.resolvedAt() != null
            && (i.status() == IncidentStatus.RESOLVED || i.status() == IncidentStatus.CLOSED);
    int n = 0;
    // an incident first made public by an operator's update: that update is its first notice
    boolean announced = !publications.updates(i.id()).isEmpty();
    // each language apart: an English contact reads an English frame around an English title
    for (Language l : Language.values()) {
      var only = contactsIn(l);
      if (!announced)
        n +=
            notifier
                .notify(
                    NotificationType.INCIDENT_OPENED,
                    ctx.about(facts(i, PublicStatus.INVESTIGATING, null, null, null, l)),
                    clients,
                    only)
                .enqueued()
                .size();
      if (resolved) {
        n +=
            notifier
                .notify(
                    NotificationType.INCIDENT_RESOLVED,
                    ctx.about(facts(i, PublicStatus.RESOLVED, null, null, null, l)),
                    clients,
                    only)
                .enqueued()
                .size();
      }
    }
    return n;
  }

  /** The directory with only the contacts who read {@code language}. */
  private Map<String, ClientContacts> contactsIn(Language language) {
    Map<String, ClientContacts> only = new TreeMap<>();
    directory
        .contacts()
        .forEach((id, c) ->
            only.put(
                id,
                new ClientContacts(
                    c.clientId(),
                    c.clientName(),
                    c.contacts().stream().filter(k -> k.language() == language).toList())));
    return only;
  }

  /** Whether clients may hear about the incident. */
  boolean published(Incident i) {
    return policy.published(i, publications.find(i.id()).orElse(null));
  }

  /** A public update of an incident to its affected clients, one text for every language. */
  Notifier.Report update(Incident i, PublicStatus status, String text, String key, Instant at) {
    return update(i, status, Map.of(Language.FR, text, Language.EN, text), key, at);
  }

  /**
   * A public update of an incident to its affected clients, each contact in its language: the
   * French text to French contacts, the English one to English contacts (the generic title too).
   */
  Notifier.Report update(
      Incident i, PublicStatus status, Map<Language, String> texts, String key, Instant at) {
    Set<String> clients = directory.affected(i);
    List<Notification> enqueued = new ArrayList<>();
    int duplicates = 0;
    for (Language l : Language.values()) {
      var only = contactsIn(l);
      var r =
          notifier.notify(
              NotificationType.INCIDENT_UPDATE,
              directory.context().about(facts(i, status, texts.get(l), key, at, l)),
              clients,
              only);
      enqueued.addAll(r.enqueued());
      duplicates += r.duplicates();
    }
    return new Notifier.Report(enqueued, duplicates, audience(i));
  }

  /** Who an incident's notices go to: the contacts of its affected clients. */
  Audience.Selection audience(Incident i) {
    return Audience.select(directory.affected(i), directory.contacts());
  }

  /** The update e-mail as a recipient in {@code language} would receive it. */
  RenderedMessage preview(
      Incident i, PublicStatus status, String text, Language language, Instant at, Recipient r) {
    return Templates.render(
        NotificationType.INCIDENT_UPDATE,
        directory.context().about(facts(i, status, text, "preview", at, language)),
        r);
  }

  IncidentFacts facts(Incident i, PublicStatus status, String text, String key, Instant at) {
    return facts(i, status, text, key, at, Language.FR);
  }

  IncidentFacts facts(
      Incident i, PublicStatus status, String text, String key, Instant at, Language language) {
    var p = publications.find(i.id()).orElse(null);
    String title = PublicationPolicy.publicTitle(i, p);
    if (title == null)
      title =
          new Texts(language == Language.EN ? Lang.EN : Lang.FR, ZoneOffset.UTC)
              .t("status.incident.generic");
    String impact = PublicationPolicy.publicImpact(i, p);
    List<String> services = directory.publicServiceNames(i.services());
    return new IncidentFacts(
        Long.toString(i.id()),
        i.number(),
        title,
        status,
        impact != null ? impact : title,
        services.isEmpty() ? List.of(title) : services,
        text,
        key,
        i.startedAt(),
        at,
        status == PublicStatus.RESOLVED ? i.resolvedAt() : null);
  }

  private long baseline(Jdbi db) {
    return db.inTransaction(h -> {
      var stored =
          h.createQuery("SELECT incident_id FROM notification_watch WHERE name = 'baseline'")
              .mapTo(Long.class)
              .findOne();
      if (stored.isPresent()) return stored.get();
      long max =
          incidents.store().search(new IncidentQuery(null, null, null, null, 1000)).stream()
              .mapToLong(Incident::id)
              .max()
              .orElse(0);
      h.execute("INSERT INTO notification_watch (name, incident_id) VALUES ('baseline', ?)", max);
      return max;
    });
  }
}
