package dev.vigie.incident.report;

import dev.vigie.incident.AffectedClient;
import dev.vigie.incident.Language;
import dev.vigie.incident.Wording;
import dev.vigie.incident.obligation.ClientClock;
import dev.vigie.incident.obligation.ObligationService;
import dev.vigie.incident.obligation.Words;
import dev.vigie.incident.review.CorrectiveAction;
import dev.vigie.incident.review.Review;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The report as text fields, in one language, before any markup: what the HTML and Markdown
 * renderers print (they only add structure and escaping). Built in O(n) over the timeline.
 *
 * <p>Summary: the seed's three lines (services, client impact, cause), then the details the seed
 * lacks (severity, priority, status, detection/mitigation/resolution times, affected clients).
 * Timeline rows: visible entries that are not lifecycle records (transitions are shown as the
 * summary's times instead), ordered by time. Dates and times are written in the configured zone.
 */
record ReportView(
    Labels labels,
    Language language,
    String company,
    List<String> address,
    String heading,
    String number,
    String start,
    String end,
    List<Field> summary,
    String cause,
    List<Field> details,
    List<Row> rows,
    Review review,
    List<String[]> actions) {

  /** A "label: value" line of the summary. */
  record Field(String label, String value) {}

  /** A timeline row. */
  record Row(String date, String time, String description) {}

  static ReportView of(ReportData data, ReportConfig config, Language language) {
    var l = Labels.of(language);
    var i = data.incident();
    var fmt = new Formatter(l, config);
    var summary = new ArrayList<Field>();
    summary.add(new Field(l.services(), String.join(", ", i.services())));
    summary.add(new Field(l.clientImpact(), nullToEmpty(i.clientImpact())));
    var extra = new ArrayList<Field>();
    extra.add(new Field(l.severity(), l.severity(i.severity())));
    extra.add(new Field(l.priority(), i.priority().name()));
    extra.add(new Field(l.status(), new Wording(language).status(i.status())));
    addTime(extra, l.detected(), i.detectedAt(), fmt);
    firstClientNotice(extra, data, language, config);
    addTime(extra, l.mitigated(), i.mitigatedAt(), fmt);
    addTime(extra, l.resolved(), i.resolvedAt(), fmt);
    if (!i.affectedClients().isEmpty()) {
      var names = i.affectedClients().stream().map(AffectedClient::name).toList();
      extra.add(new Field(l.affectedClients(), String.join(", ", names)));
    }
    var rows =
        data.timeline().stream()
            .filter(e -> !e.hidden() && !e.isLifecycle())
            .map(e -> new Row(fmt.date(e.at()), fmt.time(e.at()), e.description()))
            .toList();
    var actions = new ArrayList<String[]>();
    if (data.review() != null) {
      for (CorrectiveAction a : data.review().actions()) {
        actions.add(
            new String[] {
              a.description(),
              nullToEmpty(a.owner()),
              a.due() == null ? "" : l.dateFormat().format(a.due()),
              l.actionStatus(a.status())
            });
      }
    }
    return new ReportView(
        l,
        language,
        config.companyName(),
        config.address(),
        l.title() + " " + i.number(),
        i.number(),
        l.start() + " " + fmt.dateTime(i.startedAt()),
        l.end() + " " + (i.endedAt() == null ? l.ongoing() : fmt.dateTime(i.endedAt())),
        List.copyOf(summary),
        nullToEmpty(i.cause()),
        List.copyOf(extra),
        rows,
        data.review(),
        List.copyOf(actions));
  }

  /**
   * "Première communication client : 11h00 (200 min après la détection)": the first visible
   * NOTIFICATION entry of the timeline (see {@link ClientClock}), when there is one.
   */
  private static void firstClientNotice(
      List<Field> out, ReportData data, Language language, ReportConfig config) {
    var first = ClientClock.firstNotice(data.timeline());
    if (first == null) {
      return;
    }
    var w = Words.of(language, config.zone());
    var aware = ObligationService.awareAt(data.incident());
    long minutes = first.isAfter(aware) ? Duration.between(aware, first).toMinutes() : 0;
    out.add(
        new Field(
            w.get("report.firstClientNotice"),
            w.get("report.firstClientNotice.value", w.time(first), String.valueOf(minutes))));
  }

  private static void addTime(List<Field> out, String label, Instant at, Formatter fmt) {
    if (at != null) {
      out.add(new Field(label, fmt.dateTime(at)));
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Formats instants in the report's zone and language. */
  private record Formatter(Labels l, ReportConfig config) {
    String date(Instant at) {
      return l.dateFormat().format(at.atZone(config.zone()));
    }

    String time(Instant at) {
      return l.timeFormat().format(at.atZone(config.zone()));
    }

    String dateTime(Instant at) {
      return date(at) + " " + l.at() + " " + time(at);
    }
  }

  /** The analysis paragraphs (findings), empty when there is no review. */
  List<String> findings() {
    return review == null ? List.of() : review.findings();
  }
}
