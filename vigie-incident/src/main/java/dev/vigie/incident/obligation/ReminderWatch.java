package dev.vigie.incident.obligation;

import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.Language;
import dev.vigie.incident.store.IncidentQuery;
import dev.vigie.incident.timeline.NewEntry;
import dev.vigie.incident.timeline.TimelineEntry;
import dev.vigie.incident.timeline.TimelineSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Reminds the NOC of what incidents owe: each deadline of a significant incident {@code
 * reminderBefore} (4 h) before it falls due ({@code SOON}) and once it is overdue ({@code
 * OVERDUE}), and the client notice when an incident affecting clients has told none of them {@code
 * clientNoticeTarget} (15 min) after detection ({@code CLIENT}, open incidents only).
 *
 * <p>Each reminder fires once, across restarts: it is sent through the {@link NocChannel} (whose
 * outbox deduplicates on the reminder's key), then claimed in the {@link ObligationStore} (an
 * insert-once row), and the claim's winner writes the timeline entry (a lifecycle record with state
 * {@code nis2:<key>}: in the timeline and the console, not in the IG report). A reminder whose
 * moment has passed fires late rather than never (the server was down), except {@code SOON} once
 * the deadline is overdue (then {@code OVERDUE} fires alone).
 *
 * <p>{@link #tick} is driven by a scheduler in the server and by tests with a test clock; one
 * thread at a time. Scans incidents started within the last 62 days (a final report falls due at
 * most a month after a notification due 72 hours after awareness), not cancelled, at most 1000.
 */
public final class ReminderWatch {
  static final Duration HORIZON = Duration.ofDays(62);
  private final ObligationService service;
  private final ObligationStore store;
  private final NocChannel channel;
  private final String consoleBase;

  /**
   * @param consoleBase the console's base URL for links in emails (e.g. {@code
   *     http://127.0.0.1:8080}), or null for none
   */
  public ReminderWatch(
      ObligationService service, ObligationStore store, NocChannel channel, String consoleBase) {
    this.service = service;
    this.store = store;
    this.channel = channel;
    this.consoleBase = consoleBase;
  }

  /** A reminder that fired (or is due) in this round. */
  public record Fired(long incidentId, String key) {}

  /** One round at {@code now}; returns the reminders that fired in it. */
  public List<Fired> tick(Instant now) {
    var statuses = EnumSet.allOf(IncidentStatus.class);
    statuses.remove(IncidentStatus.CANCELLED);
    var query = new IncidentQuery(statuses, null, now.minus(HORIZON), null, 1000);
    var fired = new ArrayList<Fired>();
    for (Incident i : service.incidents().store().search(query)) {
      check(i, now, fired);
    }
    return fired;
  }

  private void check(Incident incident, Instant now, List<Fired> fired) {
    var timeline = service.incidents().store().timeline(incident.id());
    var o = service.obligations(incident, timeline, Language.FR, now);
    var before = service.settings().reminderBefore();
    for (var d : o.deadlines()) {
      if (d.status() == DeadlineStatus.SUBMITTED) {
        continue;
      }
      String stage =
          d.status() == DeadlineStatus.OVERDUE
              ? "OVERDUE"
              : !now.isBefore(d.dueAt().minus(before)) ? "SOON" : null;
      if (stage != null) {
        fire(incident, d.kind().name() + ":" + stage, stage, d, now, fired);
      }
    }
    var users = o.usersAffected();
    var clock = service.clientClock(incident, users, timeline);
    if (incident.status().isOpen() && clock.remindNow(now)) {
      fire(incident, "CLIENT_NOTICE", "CLIENT", null, now, fired);
    }
  }

  private void fire(
      Incident incident, String key, String stage, Deadline d, Instant now, List<Fired> fired) {
    if (store.reminded(incident.id(), key)) {
      return;
    }
    var nocLang = Language.FR;
    var w = Words.of(nocLang, service.settings().zone());
    String subject;
    String text;
    String line;
    if (d == null) {
      var clock =
          service.clientClock(incident, 1, service.incidents().store().timeline(incident.id()));
      var late = w.duration(clock.elapsed(now));
      var target = w.duration(service.settings().clientNoticeTarget());
      subject = w.get("mail.CLIENT.subject", incident.number(), late);
      text = w.get("mail.CLIENT.body", incident.number(), incident.title(), late, target);
      line = w.get("timeline.reminder.CLIENT", late, target);
    } else {
      var kind = w.kind(d.kind());
      var due = w.dateTime(d.dueAt());
      var span =
          w.duration(
              stage.equals("OVERDUE")
                  ? Duration.between(d.dueAt(), now)
                  : Duration.between(now, d.dueAt()));
      var draft =
          (consoleBase == null ? "" : consoleBase)
              + "/api/v1/incidents/"
              + incident.id()
              + "/obligations/"
              + d.kind().name()
              + "/draft?format=pdf&lang=fr";
      subject = w.get("mail." + stage + ".subject", incident.number(), kind, due);
      text =
          w.get(
              "mail." + stage + ".body",
              incident.number(),
              incident.title(),
              kind,
              due,
              span,
              draft,
              String.valueOf(incident.id()),
              d.kind().name());
      line = w.get("timeline.reminder." + stage, kind, due);
    }
    channel.send(incident, "nis2:" + incident.id() + ":" + key, subject, text);
    if (store.claimReminder(incident.id(), key, now)) {
      service
          .incidents()
          .store()
          .append(
              incident.id(),
              new NewEntry(
                  now,
                  line,
                  TimelineSource.SYSTEM,
                  "vigie",
                  TimelineEntry.LIFECYCLE,
                  "nis2:" + key));
      fired.add(new Fired(incident.id(), key));
    }
  }
}
