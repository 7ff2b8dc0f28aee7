package dev.vigie.server.web;

import dev.vigie.incident.notify.PublicStatus;
import dev.vigie.server.api.ApiError;
import dev.vigie.server.api.ApiRoutes;
import dev.vigie.server.api.Role;
import dev.vigie.server.comms.CommsService;
import dev.vigie.server.notify.NotificationModule;
import dev.vigie.server.recovery.RecoveryRun;
import dev.vigie.server.recovery.RecoveryService;
import dev.vigie.server.recovery.RecoveryWords;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guided recovery panel of the incident page (docs/console.md): a fragment the page loads and
 * re-fetches on the live event {@code recovery} (sent when any run changes), and the operator's
 * forms: start, mark restarted, skip with a reason, check again, finish, and at the end the
 * prefilled publication and public update. Forms post and come back to the incident page; every
 * refusal is a console refusal naming what is wrong. Routes sit under {@code /console}, behind the
 * console's sign-in and CSRF filter.
 */
public final class RecoveryPages implements ApiRoutes {
  private final Renderer r = new Renderer();
  private final RecoveryService service;
  private final CommsService comms;
  private final NotificationModule notifications;

  public RecoveryPages(
      RecoveryService service, CommsService comms, NotificationModule notifications) {
    this.service = service;
    this.comms = comms;
    this.notifications = notifications;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/console/incidents/{id}/recovery", this::fragment);
    routes.post("/console/incidents/{id}/recovery", op(this::start));
    routes.post("/console/incidents/{id}/recovery/update", op(this::update));
    routes.post("/console/recovery/{run}/machines/{machine}/mark", op(this::mark));
    routes.post("/console/recovery/{run}/rerun", op(this::rerun));
    routes.post("/console/recovery/{run}/finish", op(this::finish));
  }

  /** A row of the panel, as the template shows it. */
  public record Row(
      String id,
      String name,
      String status,
      String css,
      String waitsFor,
      List<Line> checks,
      String meta,
      boolean open) {}

  /** One check of a row: its label, its words and its state for the colour. */
  public record Line(String label, String text, String css) {}

  void fragment(Context ctx) {
    View v = ConsoleAuth.view(ctx);
    long incident = id(ctx, "id");
    RecoveryRun run = service.latest(incident).orElse(null);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("incidentId", incident);
    m.put("run", run);
    RecoveryWords w = new RecoveryWords(v.t());
    List<Row> rows = new ArrayList<>();
    if (run != null) {
      for (RecoveryRun.Machine x : run.machines()) rows.add(row(x, run, w));
    }
    m.put("rows", rows);
    m.put(
        "progress",
        run == null
            ? ""
            : w.t("recovery.progress", run.done(), run.machines().size(), run.percent()));
    m.put("current", run == null || run.current() == null ? null : run.current().machineId());
    boolean ended = run != null && (run.state() == RecoveryRun.State.FINISHED || run.complete());
    m.put("proposal", ended ? service.proposal(run) : null);
    m.put(
        "finished",
        run == null || run.finishedAt() == null
            ? null
            : w.t("recovery.finished", w.hour(run.finishedAt()), run.finishedBy()));
    r.html(ctx, "recovery.jte", v, m);
  }

  private Row row(RecoveryRun.Machine x, RecoveryRun run, RecoveryWords w) {
    List<Line> lines = new ArrayList<>();
    for (RecoveryRun.Check c : x.checks()) {
      String client = c.subject() == null ? null : service.clientName(c.subject());
      String label = w.t("recovery.kind." + c.kind().name());
      if (client != null) label = label + " " + client;
      lines.add(
          new Line(label, w.check(c, client), c.state().name().toLowerCase(java.util.Locale.ROOT)));
    }
    if (lines.isEmpty()) {
      lines.add(new Line(w.t("recovery.kind.SIP"), w.t("recovery.state.PENDING"), "pending"));
    }
    List<String> meta = new ArrayList<>();
    if (x.checkedAt() != null) {
      meta.add(w.t("recovery.attempts", x.attempts(), w.hour(x.checkedAt())));
    }
    if (x.restartedAt() != null) {
      meta.add(w.t("recovery.restartedBy", w.hour(x.restartedAt()), x.restartedBy()));
    }
    if (x.skipReason() != null) meta.add(w.t("recovery.skippedBecause", x.skipReason()));
    return new Row(
        x.machineId(),
        x.name().equals(x.machineId()) ? "" : x.name(),
        w.status(x.status()),
        x.status().name().toLowerCase(java.util.Locale.ROOT),
        x.waitsFor().isEmpty() ? "" : w.t("recovery.waitsFor", String.join(", ", x.waitsFor())),
        lines,
        String.join(" · ", meta),
        run.state() == RecoveryRun.State.RUNNING && x.status() != RecoveryRun.Status.SKIPPED);
  }

  void start(Context ctx) {
    long incident = id(ctx, "id");
    List<String> machines = IncidentPages.lines(ctx.formParam("machines"));
    service.start(incident, machines, LivePages.user(ctx));
    back(ctx, incident);
  }

  void mark(Context ctx) {
    long run = id(ctx, "run");
    RecoveryRun after =
        service.mark(
            run,
            ctx.pathParam("machine"),
            ctx.formParam("action"),
            ctx.formParam("reason"),
            LivePages.user(ctx));
    back(ctx, after.incidentId());
  }

  void rerun(Context ctx) {
    RecoveryRun after = service.rerun(id(ctx, "run"), ctx.formParam("machine"));
    back(ctx, after.incidentId());
  }

  void finish(Context ctx) {
    RecoveryRun after = service.finish(id(ctx, "run"), LivePages.user(ctx));
    back(ctx, after.incidentId());
  }

  /** The proposed public update, as the operator edited it: status page and client notice. */
  void update(Context ctx) {
    long incident = id(ctx, "id");
    if (notifications == null) {
      throw new ConsoleAuth.Refusal(404, "client notifications are not configured");
    }
    String text = ctx.formParam("text") == null ? "" : ctx.formParam("text").strip();
    if (text.isEmpty()) throw new ConsoleAuth.Refusal(400, "text: required (the public update)");
    if (text.length() > 2000) throw new ConsoleAuth.Refusal(400, "text: at most 2000 characters");
    PublicStatus status;
    try {
      status = PublicStatus.valueOf(String.valueOf(ctx.formParam("status")));
    } catch (IllegalArgumentException e) {
      throw new ConsoleAuth.Refusal(
          400, "status: '" + ctx.formParam("status") + "' is not MONITORING or RESOLVED");
    }
    // through the client communication's one path: public wording checked, one timeline row with
    // the number of recipients, each contact in its language
    var inc = notifications.publishedIncident(incident); // ApiError 404/409: op() words it
    var now = notifications.now();
    try {
      comms.publishText(
          inc, status, text, null, LivePages.user(ctx), "recovery-" + now.toEpochMilli(), now);
    } catch (CommsService.Refused e) {
      throw new ConsoleAuth.Refusal(400, e.getMessage());
    }
    back(ctx, incident);
  }

  private static void back(Context ctx, long incident) {
    ctx.redirect("/console/incidents/" + incident + "#recovery-card");
  }

  private static Handler op(Handler h) {
    return ctx -> {
      ConsoleAuth.require(ctx, Role.OPERATOR);
      try {
        h.handle(ctx);
      } catch (ApiError e) {
        throw new ConsoleAuth.Refusal(e.status(), e.getMessage());
      }
    };
  }

  private static long id(Context ctx, String param) {
    try {
      return Long.parseLong(ctx.pathParam(param));
    } catch (NumberFormatException e) {
      throw new ConsoleAuth.Refusal(404, "no such " + param + " '" + ctx.pathParam(param) + "'");
    }
  }
}
