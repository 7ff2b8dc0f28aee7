package dev.vigie.server.comms;

import dev.vigie.catalog.Catalog;
import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.Language;
import dev.vigie.incident.notify.Audience;
import dev.vigie.incident.notify.PublicStatus;
import dev.vigie.incident.notify.Recipient;
import dev.vigie.incident.notify.RenderedMessage;
import dev.vigie.incident.timeline.NewEntry;
import dev.vigie.incident.timeline.TimelineSource;
import dev.vigie.server.i18n.Lang;
import dev.vigie.server.i18n.Texts;
import dev.vigie.server.incident.IncidentModule;
import dev.vigie.server.notify.NotificationModule;
import dev.vigie.server.status.PublishedIncident;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Client communication with a human step: an update is drafted (prefilled from the incident's
 * {@link PublicFacts} in French and English), edited, previewed as clients will see it (the e-mail
 * in each language, the status page entry) with the exact list of recipients, then published by an
 * operator: the public update (status page), one e-mail per contact of the affected clients in the
 * contact's language, and one timeline row that says what really happened ("page d'état et 3
 * destinataires", or "page d'état seulement, aucun destinataire"). Publishing an update of an
 * incident Vigie opened by itself publishes the incident too (the operator's act is the human
 * step), in the same single row. Every text passes {@link PublicWording} before it is saved or
 * published. Thread-safe (the stores are).
 */
public final class CommsService {
  /**
   * A text was refused: field name ({@code textFr}, {@code textEn}, {@code text}) to its problems
   * (bundle key and offending text, for the reader's language); the message is in English.
   */
  public static final class Refused extends RuntimeException {
    private final Map<String, List<PublicWording.Problem>> fields;

    Refused(Map<String, List<PublicWording.Problem>> fields, String message) {
      super(message);
      this.fields = fields;
    }

    public Map<String, List<PublicWording.Problem>> fields() {
      return fields;
    }

    /** The problems in one language, field by field. */
    public Map<String, List<String>> in(Texts t) {
      Map<String, List<String>> out = new LinkedHashMap<>();
      fields.forEach((k, v) -> out.put(k, v.stream().map(p -> t.t(p.key(), p.found())).toList()));
      return out;
    }
  }

  /** A draft changed or was published meanwhile (HTTP 409). */
  public static final class Conflict extends RuntimeException {
    Conflict(String message) {
      super(message);
    }
  }

  /** What publishing did: the public update is stored, {@code recipients} addresses queued. */
  public record Published(Instant at, List<String> recipients, int duplicates) {}

  /** The preview of an update: e-mail per language, status page entry per language, recipients. */
  public record Preview(
      Map<Language, RenderedMessage> emails,
      Map<Language, PublishedIncident> page,
      List<Recipient> recipients,
      List<String> clientsWithoutContacts,
      boolean notifying,
      boolean incidentPublished) {}

  static final int MAX_TEXT = 4000;
  private final IncidentModule incidents;
  private final NotificationModule notifications;
  private final Drafts drafts;
  private final Catalog catalog;
  private final PublicWording wording;
  private final InstantSource clock;
  private final ZoneId zone;

  public CommsService(
      IncidentModule incidents,
      NotificationModule notifications,
      Drafts drafts,
      Catalog catalog,
      InstantSource clock,
      ZoneId zone) {
    this.incidents = incidents;
    this.notifications = notifications;
    this.drafts = drafts;
    this.catalog = catalog;
    this.wording = new PublicWording(catalog);
    this.clock = clock;
    this.zone = zone;
  }

  public Drafts drafts() {
    return drafts;
  }

  public IncidentService incidentService() {
    return incidents.service();
  }

  /** Whether e-mails go out (a notification module is configured). */
  public boolean notifying() {
    return notifications != null;
  }

  /** The public facts of an incident. */
  public PublicFacts facts(Incident i) {
    return PublicFacts.of(i, incidents.publications().find(i.id()).orElse(null), catalog);
  }

  /** A new draft, prefilled from the incident's public facts in both languages. */
  public Drafts.Draft draft(Incident i, String who) {
    PublicFacts f = facts(i);
    return drafts.create(
        i.id(), f.status(), prefill(f, Lang.FR), prefill(f, Lang.EN), clock.instant(), who);
  }

  /** The prefilled text of an update in one language, from public facts only. */
  public String prefill(PublicFacts f, Lang lang) {
    Texts t = new Texts(lang, zone);
    String services =
        f.services().isEmpty() ? t.t("comms.prefill.ourServices") : String.join(", ", f.services());
    String impact =
        f.impact() == null || f.impact().isBlank()
            ? ""
            : " " + t.t("comms.prefill.impact", f.impact().strip());
    String end = f.resolvedAt() == null ? "" : time(f.resolvedAt(), lang);
    return t.t("comms.prefill." + f.status().name(), services, impact, end).strip();
  }

  /** Saves a draft's status and texts after the public wording check. */
  public void save(long draftId, int version, PublicStatus status, String fr, String en) {
    Drafts.Draft d = drafts.find(draftId).orElseThrow(() -> new Conflict("no draft " + draftId));
    Map<String, List<PublicWording.Problem>> all = new LinkedHashMap<>();
    String f = collect(fr, "textFr", all);
    String e = collect(en, "textEn", all);
    if (!all.isEmpty()) {
      throw new Refused(
          all, String.join("; ", List.of(all.keySet().toString(), "public wording refused")));
    }
    if (!drafts.save(d.id(), version, status, f, e, clock.instant()))
      throw new Conflict("draft " + draftId + " was changed or published meanwhile");
  }

  /** The preview of a draft as clients will see it. */
  public Preview preview(Drafts.Draft d) {
    Incident i = incidents.service().store().get(d.incidentId());
    Instant now = clock.instant();
    Map<Language, RenderedMessage> emails = new LinkedHashMap<>();
    List<Recipient> recipients = List.of();
    List<String> silent = List.of();
    if (notifications != null) {
      Audience.Selection a = notifications.audience(i);
      recipients = a.recipients();
      silent = a.clientsWithoutContacts();
      for (Language l : Language.values()) {
        Recipient sample =
            recipients.stream()
                .filter(r -> r.language() == l)
                .findFirst()
                .orElse(
                    new Recipient(
                        "preview",
                        new Texts(lang(l), zone).t("comms.preview.sampleClient"),
                        "client@example.org",
                        l));
        emails.put(l, notifications.preview(i, d.status(), text(d, l), now, sample));
      }
    }
    Map<Language, PublishedIncident> page = new LinkedHashMap<>();
    PublishedIncident base = incidents.publicView(i);
    for (Language l : Language.values()) {
      List<PublishedIncident.Update> updates = new ArrayList<>(base.updates());
      updates.add(new PublishedIncident.Update(now, d.status(), d.textFr(), d.textEn()));
      page.put(
          l,
          new PublishedIncident(
              base.number(),
              base.title(),
              d.status(),
              base.startedAt(),
              base.resolvedAt(),
              base.services(),
              base.clientIds(),
              updates));
    }
    boolean published =
        incidents
            .publicationPolicy()
            .published(i, incidents.publications().find(i.id()).orElse(null));
    return new Preview(emails, page, recipients, silent, notifications != null, published);
  }

  /**
   * Publishes a draft: the incident (when not yet public), the public update, the e-mails, one
   * timeline row, and the draft marked published with its recipient count.
   *
   * @throws Conflict when the draft is no longer a draft or changed since {@code version}
   * @throws Refused when a text fails the public wording check
   */
  public Published publish(long draftId, int version, String who) {
    Drafts.Draft d = drafts.find(draftId).orElseThrow(() -> new Conflict("no draft " + draftId));
    if (d.state() != Drafts.State.DRAFT || d.version() != version)
      throw new Conflict("draft " + draftId + " was changed or published meanwhile");
    checked(d.textFr(), "textFr", Lang.FR);
    checked(d.textEn(), "textEn", Lang.EN);
    Incident i = incidents.service().store().get(d.incidentId());
    Instant now = clock.instant();
    // claim the draft first: a second click (or operator) gets a conflict, never a second send
    if (!drafts.markPublished(d.id(), version, now, who, 0))
      throw new Conflict("draft " + draftId + " was changed or published meanwhile");
    Published p = publishText(i, d.status(), d.textFr(), d.textEn(), who, "draft-" + d.id(), now);
    drafts.recordRecipients(d.id(), p.recipients().size());
    return p;
  }

  /**
   * Publishes a public update written outside a draft (the REST API): same effects as {@link
   * #publish}. {@code en} null: the French text for everyone.
   */
  public Published publishText(
      Incident i, PublicStatus status, String fr, String en, String who, String key, Instant at) {
    String f = checked(fr, "text", Lang.FR);
    String e = en == null ? f : checked(en, "textEn", Lang.EN);
    var pubs = incidents.publications();
    boolean wasPublished =
        incidents.publicationPolicy().published(i, pubs.find(i.id()).orElse(null));
    if (!wasPublished) pubs.publish(i.id(), null, null, at, who);
    pubs.addUpdate(i.id(), at, status, f, en == null ? null : e, who);
    List<String> to = new ArrayList<>();
    int dup = 0;
    if (notifications != null) {
      var r = notifications.publishUpdate(i, status, f, e, key, at);
      for (var n : r.enqueued()) to.add(n.recipient().email());
      dup = r.duplicates();
    }
    Texts t = new Texts(Lang.FR, zone);
    String row =
        t.t(
            to.isEmpty() ? "comms.timeline.pageOnly" : "comms.timeline.sent",
            t.t("comms.status." + status.name()),
            to.size(),
            f);
    if (!wasPublished) row = t.t("comms.timeline.incidentPublished") + " " + row;
    incidents
        .service()
        .store()
        .append(
            i.id(),
            new NewEntry(at, row, TimelineSource.OPERATOR, who, "public-update", status.name()));
    return new Published(at, List.copyOf(to), dup);
  }

  private String collect(String text, String field, Map<String, List<PublicWording.Problem>> all) {
    try {
      return checked(text, field, Lang.FR);
    } catch (Refused r) {
      all.putAll(r.fields());
      return null;
    }
  }

  private String checked(String text, String field, Lang lang) {
    List<PublicWording.Problem> problems = new ArrayList<>();
    String s = text == null ? "" : text.strip();
    if (s.isEmpty()) problems.add(new PublicWording.Problem("comms.err.required", ""));
    if (s.length() > MAX_TEXT)
      problems.add(new PublicWording.Problem("comms.err.tooLong", Integer.toString(MAX_TEXT)));
    problems.addAll(wording.check(s));
    if (!problems.isEmpty()) {
      Texts en = new Texts(Lang.EN, zone);
      throw new Refused(
          Map.of(field, List.copyOf(problems)),
          field
              + ": "
              + String.join(" ", problems.stream().map(p -> en.t(p.key(), p.found())).toList()));
    }
    return s;
  }

  private static String text(Drafts.Draft d, Language l) {
    return l == Language.EN ? d.textEn() : d.textFr();
  }

  private static Lang lang(Language l) {
    return l == Language.EN ? Lang.EN : Lang.FR;
  }

  private String time(Instant at, Lang lang) {
    return DateTimeFormatter.ofPattern(
            lang == Lang.FR ? "dd/MM/yyyy 'à' HH'h'mm" : "d MMMM yyyy 'at' HH:mm",
            lang == Lang.FR ? Locale.FRENCH : Locale.ENGLISH)
        .format(at.atZone(zone));
  }
}
