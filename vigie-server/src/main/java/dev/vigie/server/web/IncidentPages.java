package dev.vigie.server.web;

import dev.vigie.incident.IllegalTransitionException;
import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentConflictException;
import dev.vigie.incident.IncidentException;
import dev.vigie.incident.IncidentNotFoundException;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.IncidentSeverity;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.Language;
import dev.vigie.incident.NewIncident;
import dev.vigie.incident.report.IncidentReport;
import dev.vigie.incident.report.ReportData;
import dev.vigie.incident.report.ReportFormat;
import dev.vigie.incident.review.ActionStatus;
import dev.vigie.incident.review.CorrectiveAction;
import dev.vigie.incident.review.Review;
import dev.vigie.incident.store.IncidentQuery;
import dev.vigie.incident.timeline.TimelineEntry;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Incidents: list and search, opening by hand, the detail page (fields, transitions, live timeline
 * polled by htmx, a form to add an entry, the post-incident review editor) and report downloads in
 * Markdown, HTML or PDF, French or English. Without an incident stage the pages show a "not
 * configured" panel.
 */
final class IncidentPages {
  private final Renderer r;
  private final ConsoleServices s;

  IncidentPages(Renderer r, ConsoleServices s) {
    this.r = r;
    this.s = s;
  }

  void list(Context ctx) {
    list(ctx, EditorForm.empty());
  }

  private void list(Context ctx, EditorForm form) {
    View v = LivePages.nav(ctx, "incidents");
    if (form.hasErrors()) v = v.withNotice(v.t().t("ed.refused"), true);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("configured", s.incidents() != null);
    String q = LivePages.q(ctx, "q");
    String st = LivePages.q(ctx, "status");
    m.put("q", q);
    m.put("status", st);
    m.put("statuses", List.of(IncidentStatus.values()));
    m.put("severities", List.of(IncidentSeverity.values()));
    List<Incident> list = List.of();
    if (s.incidents() != null) {
      Set<IncidentStatus> statuses =
          switch (st) {
            case "" -> Set.of();
            case "open" ->
                Set.of(
                    IncidentStatus.TRIAGE, IncidentStatus.INVESTIGATING, IncidentStatus.MITIGATED);
            default -> Set.of(status(st));
          };
      list = s.incidents().store().search(new IncidentQuery(statuses, q, null, null, 200));
    }
    m.put("incidents", list);
    m.put("nis2Banners", nis2Banners(list, v));
    m.put("form", form);
    m.put("now", EditorForm.local(s.clock().instant(), s.zone()));
    r.html(ctx, "incidents.jte", v, m);
  }

  /**
   * The NIS2 banners of the listed incidents (the first 50 not cancelled), each prefixed with the
   * incident's number: what the NOC must not miss without opening every incident.
   */
  private List<String> nis2Banners(List<Incident> list, View v) {
    if (s.obligations() == null) return List.of();
    List<String> out = new java.util.ArrayList<>();
    Instant now = s.clock().instant();
    list.stream()
        .filter(i -> i.status() != IncidentStatus.CANCELLED)
        .limit(50)
        .forEach(i -> {
          var timeline = s.incidents().store().timeline(i.id());
          for (String b : Nis2Panel.of(s.obligations(), i, timeline, v.t(), now).banners()) {
            out.add(i.number() + " — " + b);
          }
        });
    return out;
  }

  /**
   * Opens an incident from the list page's form; a refused form is shown again (400) with the error
   * next to its field and what was typed kept.
   */
  void open(Context ctx) {
    IncidentService svc = required();
    View v = ConsoleAuth.view(ctx);
    EditorForm f = EditorForm.empty();
    for (String k : List.of("title", "severity", "startedAt", "services", "clientImpact", "cause"))
      f.put(k, ctx.formParam(k));
    Instant started = null;
    String t = ctx.formParam("startedAt");
    if (t != null && !t.isBlank()) {
      try {
        started = LocalDateTime.parse(t.strip()).atZone(s.zone()).toInstant();
        if (started.isAfter(s.clock().instant()))
          f.error("startedAt", v.t().t("ed.err.future", v.t().time(s.clock().instant())));
      } catch (DateTimeParseException e) {
        f.error("startedAt", v.t().t("ed.err.time"));
      }
    }
    if (!f.hasErrors()) {
      try {
        Incident i =
            svc.open(
                NewIncident.of(
                    ctx.formParam("title"),
                    started == null ? s.clock().instant() : started,
                    lines(ctx.formParam("services")),
                    ctx.formParam("clientImpact"),
                    ctx.formParam("cause"),
                    IncidentSeverity.parse("severity", ctx.formParam("severity"))),
                LivePages.user(ctx));
        ctx.redirect("/console/incidents/" + i.id());
        return;
      } catch (dev.vigie.incident.InvalidIncidentException e) {
        String field = e.field() == null ? "title" : e.field().replaceAll("\\[.*", "");
        f.error(field, IncidentEditor.message(v, e));
      }
    }
    ctx.status(400);
    list(ctx, f);
  }

  void detail(Context ctx) {
    IncidentService svc = required();
    long id = id(ctx);
    Incident i = guarded(() -> svc.store().get(id));
    render(ctx, id, EditorForm.of(i, s.catalogModel(), s.zone()), 200);
  }

  /**
   * The incident page with its forms as given (the stored values, or what was typed with the errors
   * next to their fields when a form was refused).
   */
  void render(Context ctx, long id, EditorForm form, int status) {
    IncidentService svc = required();
    Incident i = guarded(() -> svc.store().get(id));
    View v = LivePages.nav(ctx, "incidents");
    if (form.err("form") != null) v = v.withNotice(form.err("form"), true);
    else if (form.hasErrors()) v = v.withNotice(v.t().t("ed.refused"), true);
    else if (ctx.queryParam("saved") != null) v = v.withNotice(v.t().t("ed.saved"), false);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("i", i);
    m.put("targets", List.copyOf(i.status().allowedTargets()));
    List<TimelineEntry> all = svc.store().timeline(id);
    m.put("timeline", all.stream().filter(e -> !e.hidden()).toList().reversed());
    m.put("hiddenEntries", all.stream().filter(TimelineEntry::hidden).toList());
    m.put("form", form);
    m.put("catalog", s.catalogModel());
    m.put("undo", LivePages.q(ctx, "undo"));
    m.put("now", EditorForm.local(s.clock().instant(), s.zone()));
    m.put("earliest", svc.previousMove(i));
    m.put("decl", s.declarations());
    m.put(
        "nis2",
        s.obligations() == null
            ? null
            : Nis2Panel.of(s.obligations(), i, all, v.t(), s.clock().instant()));
    Review review = svc.store().review(id).orElse(null);
    m.put("review", review);
    m.put("findings", review == null ? "" : String.join("\n", review.findings()));
    m.put("rootCause", review == null || review.rootCause() == null ? "" : review.rootCause());
    m.put("actions", review == null ? "" : actionsText(review.actions()));
    m.put("reviewVersion", review == null ? 0L : review.version());
    m.put("canReport", s.report() != null);
    m.put("publication", s.publisher() == null ? null : s.publisher().state(i));
    ctx.status(status);
    r.html(ctx, "incident.jte", v, m);
  }

  /** Publishes the incident to clients (status page, notices) with the public title and impact. */
  void publish(Context ctx) {
    IncidentService svc = required();
    if (s.publisher() == null) throw new ConsoleAuth.Refusal(404, "publication is not configured");
    long id = id(ctx);
    Incident i = guarded(() -> svc.store().get(id));
    try {
      s.publisher()
          .publish(i, ctx.formParam("title"), ctx.formParam("clientImpact"), LivePages.user(ctx));
    } catch (IllegalArgumentException e) {
      throw new ConsoleAuth.Refusal(400, e.getMessage());
    }
    ctx.redirect("/console/incidents/" + id);
  }

  void timelineFragment(Context ctx) {
    IncidentService svc = required();
    long id = id(ctx);
    guarded(() -> svc.store().get(id));
    r.html(
        ctx,
        "timeline.jte",
        ConsoleAuth.view(ctx),
        Map.of(
            "timeline",
            visible(svc, id),
            "incidentId",
            id,
            "form",
            EditorForm.empty(),
            "zone",
            s.zone()));
  }

  void saveReview(Context ctx) {
    IncidentService svc = required();
    long id = id(ctx);
    long version = LivePages.longParam(ctx, "version", 0, 0, Long.MAX_VALUE);
    Review review =
        guarded(() ->
            new Review(
                lines(ctx.formParam("findings")),
                ctx.formParam("rootCause"),
                null,
                null,
                actions(ctx.formParam("actions")),
                version));
    guarded(() -> svc.saveReview(id, review, version));
    ctx.redirect("/console/incidents/" + id + "#review");
  }

  void report(Context ctx) {
    IncidentService svc = required();
    if (s.report() == null) throw new ConsoleAuth.Refusal(404, "reports are not configured");
    long id = id(ctx);
    ReportFormat f;
    Language lang;
    try {
      f = ReportFormat.parse(LivePages.q(ctx, "format"));
      lang =
          Language.parse(
              "lang", LivePages.q(ctx, "lang").isEmpty() ? "fr" : LivePages.q(ctx, "lang"));
    } catch (IncidentException | IllegalArgumentException e) {
      throw new ConsoleAuth.Refusal(400, e.getMessage());
    }
    ReportData data = guarded(() -> ReportData.load(svc.store(), id));
    byte[] body = s.report().render(data, f, lang);
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\"" + IncidentReport.fileName(data, f, lang) + "\"");
    ctx.contentType(f.contentType()).result(body);
  }

  private List<TimelineEntry> visible(IncidentService svc, long id) {
    return svc.store().timeline(id).stream().filter(e -> !e.hidden()).toList().reversed();
  }

  IncidentService required() {
    if (s.incidents() == null) throw new ConsoleAuth.Refusal(404, "incidents are not configured");
    return s.incidents();
  }

  private static <T> T guarded(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (IncidentNotFoundException e) {
      throw new ConsoleAuth.Refusal(404, e.getMessage());
    } catch (IllegalTransitionException | IncidentConflictException e) {
      throw new ConsoleAuth.Refusal(409, e.getMessage());
    } catch (IncidentException e) {
      throw new ConsoleAuth.Refusal(400, e.getMessage());
    }
  }

  static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new ConsoleAuth.Refusal(404, "no incident '" + ctx.pathParam("id") + "'");
    }
  }

  private static IncidentStatus status(String v) {
    return guarded(() -> IncidentStatus.parse("status", v));
  }

  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) return out;
    for (String l : text.split("\\R")) if (!l.isBlank()) out.add(l.strip());
    return out;
  }

  /** Actions, one a line: {@code description | owner | yyyy-mm-dd | STATUS}. */
  static List<CorrectiveAction> actions(String text) {
    List<CorrectiveAction> out = new ArrayList<>();
    int n = 0;
    for (String l : lines(text)) {
      n++;
      String[] p = l.split("\\|", -1);
      String owner = p.length > 1 && !p[1].isBlank() ? p[1].strip() : null;
      LocalDate due = null;
      if (p.length > 2 && !p[2].isBlank()) {
        try {
          due = LocalDate.parse(p[2].strip());
        } catch (DateTimeParseException e) {
          throw new ConsoleAuth.Refusal(
              400, "actions line " + n + ": '" + p[2].strip() + "' is not a date (yyyy-mm-dd)");
        }
      }
      String st = p.length > 3 ? p[3].strip() : null;
      out.add(
          new CorrectiveAction(
              p[0].strip(), owner, due, guarded(() -> ActionStatus.parse("actions line", st))));
    }
    return out;
  }

  static String actionsText(List<CorrectiveAction> actions) {
    StringBuilder sb = new StringBuilder();
    for (CorrectiveAction a : actions) {
      sb.append(a.description())
          .append(" | ")
          .append(a.owner() == null ? "" : a.owner())
          .append(" | ")
          .append(a.due() == null ? "" : a.due())
          .append(" | ")
          .append(a.status() == null ? "OPEN" : a.status().name())
          .append('\n');
    }
    return sb.toString();
  }
}
