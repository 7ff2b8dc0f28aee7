package dev.vigie.incident.report;

import static dev.vigie.incident.report.Escape.html;

import dev.vigie.incident.AffectedClient;
import dev.vigie.incident.Incident;
import dev.vigie.incident.Language;
import dev.vigie.incident.obligation.Deadline;
import dev.vigie.incident.obligation.ObligationKind;
import dev.vigie.incident.obligation.Obligations;
import dev.vigie.incident.obligation.Words;
import dev.vigie.incident.timeline.TimelineEntry;
import dev.vigie.incident.timeline.TimelineSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prefilled draft of one NIS2 submission (early warning, incident notification, final report),
 * holding the fields Directive (EU) 2022/2555 Article 23(4) asks for, built from the incident, its
 * timeline, its alerts (as the indicators and the malicious-cause flag they left on the impact
 * facts) and its review. Rendered as XHTML (the report's stylesheet), PDF (openhtmltopdf, like the
 * IG report, fonts embedded) or a JSON-ready map. Words from the obligation bundles, times in the
 * configured zone. Immutable and thread-safe; O(timeline).
 *
 * <p>Sections per kind: the early warning has the identification, the suspected unlawful or
 * malicious cause, the cross-border impact and a first assessment; the notification adds the
 * indicators of compromise and the mitigation so far; the final report adds the detailed
 * description, the type of threat or root cause, and the corrective actions.
 */
public final class DraftReport {
  private final ReportConfig config;

  public DraftReport(ReportConfig config) {
    this.config = config;
  }

  /** What a draft is made of. */
  public record Input(
      Incident incident,
      List<TimelineEntry> timeline,
      dev.vigie.incident.review.Review review,
      Obligations obligations,
      ObligationKind kind) {}

  /** A section: a heading and its lines. */
  public record Section(String key, String heading, List<String> lines) {}

  /** The sections of the draft, in order (the JSON's and the HTML's content). */
  public List<Section> sections(Input in, Language lang) {
    var w = Words.of(lang, config.zone());
    var i = in.incident();
    var o = in.obligations();
    var out = new ArrayList<Section>();
    var id = new ArrayList<String>();
    id.add(w.field("draft.f.provider") + config.companyName());
    id.add(w.field("draft.f.number") + i.number());
    id.add(w.field("draft.f.title") + i.title());
    id.add(w.field("draft.f.awareAt") + w.dateTime(o.awareAt()));
    id.add(w.field("draft.f.started") + w.dateTime(i.startedAt()));
    id.add(
        w.field("draft.f.ended")
            + (i.endedAt() == null ? w.get("draft.ongoing") : w.dateTime(i.endedAt())));
    var due = deadline(o, in.kind());
    if (due != null) {
      id.add(w.field("draft.f.dueAt") + w.dateTime(due.dueAt()));
    }
    out.add(section("identification", w, id));
    var impact = o.impact();
    out.add(
        section(
            "malicious",
            w,
            List.of(w.get(impact.malicious() ? "draft.malicious.yes" : "draft.malicious.no"))));
    var cb = impact.crossBorder();
    out.add(
        section(
            "crossBorder",
            w,
            List.of(
                w.get(
                    cb == null
                        ? "draft.crossBorder.unknown"
                        : cb ? "draft.crossBorder.yes" : "draft.crossBorder.no"))));
    out.add(section("assessment", w, assessment(in, w)));
    out.add(section("classification", w, o.reasons()));
    if (in.kind() != ObligationKind.EARLY_WARNING) {
      var ioc = impact.indicators();
      out.add(
          section("indicators", w, ioc.isEmpty() ? List.of(w.get("draft.indicators.none")) : ioc));
      out.add(section("mitigation", w, mitigation(in, w)));
    }
    if (in.kind() == ObligationKind.FINAL_REPORT) {
      out.add(section("description", w, description(in, w)));
      var root =
          in.review() != null && in.review().rootCause() != null
              ? in.review().rootCause()
              : i.cause() != null ? i.cause() : w.get("draft.rootCause.unknown");
      var rc = new ArrayList<String>();
      rc.add(root);
      if (in.review() != null) {
        rc.addAll(in.review().findings());
      }
      out.add(section("rootCause", w, rc));
    }
    return out;
  }

  private static Section section(String key, Words w, List<String> lines) {
    return new Section(key, w.get("draft.h." + key), List.copyOf(lines));
  }

  private static Deadline deadline(Obligations o, ObligationKind kind) {
    return o.deadlines().stream().filter(d -> d.kind() == kind).findFirst().orElse(null);
  }

  private List<String> assessment(Input in, Words w) {
    var i = in.incident();
    var o = in.obligations();
    var imp = o.impact();
    var lines = new ArrayList<String>();
    lines.add(w.field("draft.f.services") + String.join(", ", i.services()));
    lines.add(w.field("draft.f.severity") + Labels.of(w.language()).severity(i.severity()));
    if (i.clientImpact() != null) {
      lines.add(w.field("draft.f.clientImpact") + i.clientImpact());
    }
    var names = i.affectedClients().stream().map(AffectedClient::name).toList();
    lines.add(
        w.field("draft.f.clients")
            + (names.isEmpty() ? w.get("draft.none") : String.join(", ", names)));
    lines.add(
        w.field("draft.f.users")
            + w.number(o.usersAffected())
            + (o.totalUsers() > 0 ? " / " + w.number(o.totalUsers()) : ""));
    lines.add(
        w.field("draft.f.unavailable") + window(w, imp.unavailableFrom(), imp.unavailableUntil()));
    lines.add(w.field("draft.f.degraded") + window(w, imp.degradedFrom(), imp.degradedUntil()));
    var c = o.clientCommunication();
    if (c.applies()) {
      lines.add(
          w.field("draft.f.firstClientNotice")
              + (c.firstNoticeAt() == null
                  ? w.get("report.firstClientNotice.none")
                  : w.get(
                      "report.firstClientNotice.value",
                      w.dateTime(c.firstNoticeAt()),
                      String.valueOf(c.minutesAfterAwareness()))));
    }
    return lines;
  }

  private static String window(Words w, Instant from, Instant until) {
    if (from == null) {
      return w.get("draft.none");
    }
    var end = until == null ? w.get("draft.ongoing") : w.dateTime(until);
    var len = until == null ? "…" : w.duration(Duration.between(from, until));
    return w.get("draft.window", w.dateTime(from), end, len);
  }

  private List<String> mitigation(Input in, Words w) {
    var lines = new ArrayList<String>();
    for (var e : in.timeline()) {
      if (!e.hidden() && e.source() == TimelineSource.ACTION) {
        lines.add(w.dateTime(e.at()) + " — " + e.description());
      }
    }
    if (in.review() != null) {
      for (var a : in.review().actions()) {
        lines.add(
            w.get("draft.actions")
                + " ("
                + Labels.of(w.language()).actionStatus(a.status())
                + ")"
                + w.get("field.sep")
                + a.description()
                + (a.owner() == null ? "" : " — " + a.owner()));
      }
    }
    if (lines.isEmpty()) {
      lines.add(w.get("draft.mitigation.none"));
    }
    return lines;
  }

  private List<String> description(Input in, Words w) {
    var lines = new ArrayList<String>();
    for (var e : in.timeline()) {
      if (!e.hidden() && !e.isLifecycle()) {
        lines.add(w.dateTime(e.at()) + " — " + e.description());
      }
    }
    return lines;
  }

  /** The draft as XHTML (well-formed: the PDF's input). */
  public String xhtml(Input in, Language lang) {
    var w = Words.of(lang, config.zone());
    var title = w.get("draft.title." + in.kind().name()) + " — " + in.incident().number();
    var h = new StringBuilder(8192);
    h.append("<!DOCTYPE html>\n<html lang=\"").append(lang.code()).append("\">\n<head>\n");
    h.append("<meta charset=\"UTF-8\" />\n<title>").append(html(title)).append("</title>\n");
    h.append("<style>\n").append(HtmlReport.css()).append("</style>\n</head>\n<body>\n");
    h.append("<div class=\"page-header\">\n<div class=\"company\">")
        .append(html(config.companyName()))
        .append("</div>\n");
    for (var line : config.address()) {
      h.append("<div class=\"address\">").append(html(line)).append("</div>\n");
    }
    h.append("</div>\n<div class=\"page-footer\">")
        .append(html(in.incident().number()))
        .append("</div>\n");
    h.append("<h1>").append(html(title)).append("</h1>\n");
    h.append("<p class=\"field\">").append(html(w.get("draft.basis." + in.kind().name())));
    h.append("</p>\n<p class=\"empty\">").append(html(w.get("draft.draftNote"))).append("</p>\n");
    for (var s : sections(in, lang)) {
      h.append("<h2>").append(html(s.heading())).append("</h2>\n<ul>\n");
      for (var l : s.lines()) {
        h.append("<li>").append(html(l)).append("</li>\n");
      }
      h.append("</ul>\n");
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /** The draft as PDF. */
  public byte[] pdf(Input in, Language lang) {
    return PdfReport.render(xhtml(in, lang), in.incident().number() + " " + in.kind());
  }

  /** The draft as a JSON-ready map: the structured facts and the sections in words. */
  public Map<String, Object> json(Input in, Language lang) {
    var w = Words.of(lang, config.zone());
    var o = in.obligations();
    var m = new LinkedHashMap<String, Object>();
    m.put("kind", in.kind().name());
    m.put("language", lang.code());
    m.put("title", w.get("draft.title." + in.kind().name()));
    m.put("basis", w.get("draft.basis." + in.kind().name()));
    m.put("incident", in.incident().number());
    m.put("provider", config.companyName());
    m.put("awareAt", o.awareAt());
    var d = deadline(o, in.kind());
    m.put("dueAt", d == null ? null : d.dueAt());
    m.put("significant", o.significant());
    m.put("suspectedMalicious", o.impact().malicious());
    m.put("crossBorder", o.impact().crossBorder());
    m.put("severity", in.incident().severity().name());
    m.put("services", in.incident().services());
    m.put("usersAffected", o.usersAffected());
    m.put("totalUsers", o.totalUsers());
    m.put("unavailableFrom", o.impact().unavailableFrom());
    m.put("unavailableUntil", o.impact().unavailableUntil());
    m.put("degradedFrom", o.impact().degradedFrom());
    m.put("degradedUntil", o.impact().degradedUntil());
    m.put("indicatorsOfCompromise", o.impact().indicators());
    m.put("firstClientNoticeAt", o.clientCommunication().firstNoticeAt());
    m.put(
        "rootCause",
        in.review() != null && in.review().rootCause() != null
            ? in.review().rootCause()
            : in.incident().cause());
    m.put("reasons", o.reasons());
    var sections = new ArrayList<Map<String, Object>>();
    for (var s : sections(in, lang)) {
      sections.add(Map.of("key", s.key(), "heading", s.heading(), "lines", s.lines()));
    }
    m.put("sections", sections);
    return m;
  }

  /** A file name: {@code IG-2024-09-23-001-EARLY_WARNING-fr.pdf}. */
  public static String fileName(Incident i, ObligationKind kind, Language lang, String ext) {
    return i.number() + "-" + kind.name() + "-" + lang.code() + "." + ext;
  }

  /** UTF-8 bytes of the HTML. */
  public byte[] htmlBytes(Input in, Language lang) {
    return xhtml(in, lang).getBytes(StandardCharsets.UTF_8);
  }
}
