package dev.vigie.server.web;

import dev.vigie.incident.Incident;
import dev.vigie.incident.Language;
import dev.vigie.incident.obligation.DeadlineStatus;
import dev.vigie.incident.obligation.ObligationService;
import dev.vigie.incident.obligation.Words;
import dev.vigie.incident.timeline.TimelineEntry;
import dev.vigie.server.i18n.Lang;
import dev.vigie.server.i18n.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The NIS2 panel of the console's incident page (docs/obligations.md): whether the incident is
 * significant and why, a countdown per deadline ("dans 3 h 20 min", "en retard de 2 h"), the
 * client-communication clock, and the banners the NOC must not miss (a deadline within {@code
 * obligations.reminderBefore} or overdue, clients not told after {@code
 * obligations.clientNoticeTarget}). Words from the console bundle and the obligation bundles in the
 * console's language, times in the configured zone. Computed per request.
 *
 * @param banners the reminders to show at the top of the page, empty when none
 */
public record Nis2Panel(
    boolean significant,
    List<String> reasons,
    List<Row> deadlines,
    String clientLine,
    List<String> banners) {

  /** A deadline row: words only. */
  public record Row(String kind, String due, String status, String countdown, String css) {}

  static Nis2Panel of(
      ObligationService service,
      Incident incident,
      List<TimelineEntry> timeline,
      Texts t,
      Instant now) {
    var lang = t.lang() == Lang.EN ? Language.EN : Language.FR;
    var w = Words.of(lang, t.zone());
    var o = service.obligations(incident, timeline, lang, now);
    var before = service.settings().reminderBefore();
    var rows = new ArrayList<Row>();
    var banners = new ArrayList<String>();
    for (var d : o.deadlines()) {
      var kind = w.kind(d.kind());
      String countdown;
      String css;
      if (d.status() == DeadlineStatus.SUBMITTED) {
        countdown = t.t("nis2.submittedAt", t.time(d.submittedAt()));
        css = "ok";
      } else if (d.status() == DeadlineStatus.OVERDUE) {
        var late = w.duration(Duration.between(d.dueAt(), now));
        countdown = t.t("nis2.late", late);
        css = "error";
        banners.add(t.t("nis2.banner.overdue", kind, late, t.time(d.dueAt())));
      } else {
        var left = w.duration(Duration.between(now, d.dueAt()));
        countdown = t.t("nis2.in", left);
        boolean soon = !now.isBefore(d.dueAt().minus(before));
        css = soon ? "warn" : "";
        if (soon) banners.add(t.t("nis2.banner.soon", kind, left, t.time(d.dueAt())));
      }
      rows.add(new Row(kind, t.time(d.dueAt()), w.status(d.status()), countdown, css));
    }
    var c = o.clientCommunication();
    var target = w.duration(Duration.ofMinutes(c.targetMinutes()));
    String client = null;
    if (c.applies()) {
      var elapsed = w.duration(Duration.ofMinutes(c.minutesAfterAwareness()));
      client =
          c.firstNoticeAt() == null
              ? t.t("nis2.client.none", elapsed, target)
              : t.t("nis2.client.done", t.time(c.firstNoticeAt()), elapsed, target);
      if (c.firstNoticeAt() == null && c.late() && incident.status().isOpen()) {
        banners.add(t.t("nis2.banner.client", elapsed, target));
      }
    }
    return new Nis2Panel(o.significant(), o.reasons(), rows, client, banners);
  }
}
