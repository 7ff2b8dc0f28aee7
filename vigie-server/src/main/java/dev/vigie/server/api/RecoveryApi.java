package dev.vigie.server.api;

import dev.vigie.server.recovery.RecoveryRun;
import dev.vigie.server.recovery.RecoveryService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Guided recovery runs under {@code /api/v1} (docs/api.md, "Recovery runs"): start one from an
 * incident, read it, mark a machine restarted or skipped, re-run checks, finish it (the answer
 * carries the proposed client notice and status page update). Reads need the viewer role, writes
 * the operator role ({@link WebApp}). Thin: {@link RecoveryService} does the work and refuses with
 * {@link ApiError}s.
 */
public final class RecoveryApi implements ApiRoutes {
  private final RecoveryService service;

  public RecoveryApi(RecoveryService service) {
    this.service = service;
  }

  @Override
  public void register(RoutesConfig r) {
    r.post("/api/v1/incidents/{id}/recovery", this::start);
    r.get("/api/v1/incidents/{id}/recovery", this::latest);
    r.get("/api/v1/recovery/{run}", ctx -> ctx.json(json(service.get(run(ctx)))));
    r.post("/api/v1/recovery/{run}/machines/{machine}/mark", this::mark);
    r.post("/api/v1/recovery/{run}/rerun", this::rerun);
    r.post("/api/v1/recovery/{run}/finish", this::finish);
  }

  private void start(Context ctx) {
    var b = JsonBody.orEmpty(ctx);
    var run =
        service.start(id(ctx, "id", "incident"), b.strings("machines"), IncidentApi.user(ctx));
    ctx.status(201).json(json(run));
  }

  private void latest(Context ctx) {
    long id = id(ctx, "id", "incident");
    var run =
        service
            .latest(id)
            .orElseThrow(() -> ApiError.notFound("incident " + id + " has no recovery run"));
    ctx.json(json(run));
  }

  private void mark(Context ctx) {
    var b = JsonBody.of(ctx);
    if (!b.has("action"))
      throw ApiError.badRequest("field 'action' is required: restarted or skipped");
    var run =
        service.mark(
            run(ctx),
            ctx.pathParam("machine"),
            b.text("action"),
            b.text("reason"),
            IncidentApi.user(ctx));
    ctx.json(json(run));
  }

  private void rerun(Context ctx) {
    var b = JsonBody.orEmpty(ctx);
    ctx.json(json(service.rerun(run(ctx), b.text("machine"))));
  }

  private void finish(Context ctx) {
    ctx.json(json(service.finish(run(ctx), IncidentApi.user(ctx))));
  }

  /** The JSON of a run: its machines and checks, its progress and, once finished, the proposal. */
  Map<String, Object> json(RecoveryRun run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", run.id());
    m.put("incidentId", run.incidentId());
    m.put("state", run.state().name());
    m.put("startedAt", run.startedAt());
    m.put("startedBy", run.startedBy());
    m.put("finishedAt", run.finishedAt());
    m.put("finishedBy", run.finishedBy());
    m.put(
        "progress",
        Map.of("done", run.done(), "total", run.machines().size(), "percent", run.percent()));
    m.put("complete", run.complete());
    m.put("current", run.current() == null ? null : run.current().machineId());
    m.put("machines", run.machines().stream().map(RecoveryApi::machine).toList());
    if (run.state() == RecoveryRun.State.FINISHED || run.complete()) {
      m.put("proposal", service.proposal(run));
    }
    return m;
  }

  private static Map<String, Object> machine(RecoveryRun.Machine x) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("position", x.position() + 1);
    m.put("id", x.machineId());
    m.put("name", x.name());
    m.put("waitsFor", x.waitsFor());
    m.put("status", x.status().name());
    m.put("attempts", x.attempts());
    m.put("checkedAt", x.checkedAt());
    m.put("passedAt", x.passedAt());
    m.put("restartedAt", x.restartedAt());
    m.put("restartedBy", x.restartedBy());
    m.put("skipReason", x.skipReason());
    List<Map<String, Object>> checks =
        x.checks().stream()
            .map(c -> {
              Map<String, Object> one = new LinkedHashMap<>();
              one.put("kind", c.kind().name());
              if (c.subject() != null) one.put("client", c.subject());
              one.put("state", c.state().name());
              one.putAll(c.facts());
              return one;
            })
            .toList();
    m.put("checks", checks);
    return m;
  }

  private static long run(Context ctx) {
    return id(ctx, "run", "recovery run");
  }

  private static long id(Context ctx, String param, String what) {
    String raw = ctx.pathParam(param);
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw ApiError.notFound("no " + what + " '" + raw + "'");
    }
  }
}
