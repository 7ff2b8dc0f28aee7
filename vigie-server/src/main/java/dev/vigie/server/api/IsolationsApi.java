package dev.vigie.server.api;

import dev.vigie.contain.ContainmentService;
import dev.vigie.contain.IsolationKind;
import dev.vigie.contain.IsolationState;
import dev.vigie.contain.Outcome;
import dev.vigie.contain.Reason;
import dev.vigie.contain.config.ConfigException;
import dev.vigie.contain.config.ConfigReader;
import dev.vigie.contain.ledger.IsolationJson;
import dev.vigie.server.contain.ContainmentModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET|POST /isolations}, {@code POST /isolations/{id}/approve|release|extend}, {@code GET
 * /audit}. Handlers only translate: the containment service decides, and its reason picks the
 * status (201 acted, 202 waits for approval, 400 bad input, 404 unknown, 409 refused by a safeguard
 * or the entry's state, 502 an actuator failed).
 */
public final class IsolationsApi implements ApiRoutes {
  private final ContainmentModule containment;

  public IsolationsApi(ContainmentModule containment) {
    this.containment = containment;
  }

  @Override
  public void register(RoutesConfig r) {
    r.get("/api/v1/isolations", this::list);
    r.post("/api/v1/isolations", this::isolate);
    r.post(
        "/api/v1/isolations/{id}/approve",
        ctx -> answer(ctx, guarded(() -> svc().approve(id(ctx), op(ctx)))));
    r.post(
        "/api/v1/isolations/{id}/release",
        ctx -> answer(ctx, guarded(() -> svc().release(id(ctx), op(ctx)))));
    r.post("/api/v1/isolations/{id}/extend", this::extend);
    r.get(
        "/api/v1/audit",
        ctx ->
            ctx.json(
                Map.of(
                    "audit",
                    containment
                        .audit()
                        .recent(DetectionApi.intParam(ctx, "limit", 100, 1, 5000)))));
  }

  private ContainmentService svc() {
    return containment.service();
  }

  private void list(Context ctx) {
    String s = ctx.queryParam("state");
    IsolationState state = null;
    if (s != null && !s.equalsIgnoreCase("all")) {
      try {
        state = IsolationState.valueOf(s.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest(
            "state: '"
                + s
                + "' is not one of all, "
                + java.util.Arrays.toString(IsolationState.values()));
      }
    }
    int limit = DetectionApi.intParam(ctx, "limit", 500, 1, 5000);
    ctx.json(
        Map.of(
            "isolations",
            containment.ledger().recent(state, limit).stream().map(IsolationJson::toMap).toList(),
            "dryRun",
            svc().config().dryRun()));
  }

  private void isolate(Context ctx) {
    Map<?, ?> body = ctx.bodyAsClass(Map.class);
    String target = string(body, "target", true);
    String kindText = string(body, "kind", false);
    Duration duration = duration(body);
    String note = string(body, "reason", false);
    IsolationKind kind;
    if (kindText == null) {
      kind =
          looksLikeAddress(target) ? IsolationKind.SOURCE_BLOCK : IsolationKind.MACHINE_ISOLATION;
    } else {
      try {
        kind = IsolationKind.valueOf(kindText.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest(
            "kind: '" + kindText + "' is not SOURCE_BLOCK or MACHINE_ISOLATION");
      }
    }
    String op = op(ctx);
    answer(
        ctx,
        guarded(() ->
            kind == IsolationKind.SOURCE_BLOCK
                ? svc().isolateSource(target, duration, op, note)
                : svc().isolateMachine(target, duration, op, note)));
  }

  private void extend(Context ctx) {
    Map<?, ?> body = ctx.bodyAsClass(Map.class);
    Duration d = duration(body);
    if (d == null) throw ApiError.badRequest("field 'duration' is required (e.g. 10m)");
    answer(ctx, guarded(() -> containment.extend(id(ctx), d, op(ctx))));
  }

  /** Operator-input errors of the service (blank name, non-positive duration) become 400. */
  private static Outcome guarded(java.util.function.Supplier<Outcome> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private static void answer(Context ctx, Outcome o) {
    String detail = o.detail() == null ? "" : o.detail();
    switch (o.reason()) {
      case ISOLATE, APPROVED, DRY_RUN, RELEASED ->
          ctx.status(o.reason() == Reason.RELEASED ? 200 : 201);
      case ASK_OPERATOR, CAP_REACHED -> ctx.status(202);
      case NOT_FOUND, UNKNOWN_MACHINE -> throw ApiError.notFound(detail);
      case NO_TARGET -> throw ApiError.badRequest(detail);
      case PROTECTED -> throw ApiError.conflict("refused: " + lastClause(detail));
      case ACTUATOR_FAILED -> throw new ApiError(502, "actuator failed: " + detail);
      default -> throw ApiError.conflict(o.reason() + ": " + lastClause(detail));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reason", o.reason().name());
    m.put("detail", detail);
    m.put("isolation", o.isolation() == null ? null : IsolationJson.toMap(o.isolation()));
    ctx.json(m);
  }

  private static String lastClause(String detail) {
    int i = detail.lastIndexOf("; ");
    return (i < 0 ? detail : detail.substring(i + 2))
        .replace(" in protected range ", " in the protected range ");
  }

  private static boolean looksLikeAddress(String t) {
    return t.matches("[0-9.]+(/\\d+)?") || t.contains(":");
  }

  private static Duration duration(Map<?, ?> body) {
    Object v = body.get("duration");
    if (v == null) return null;
    try {
      return ConfigReader.duration("duration", v, null);
    } catch (ConfigException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private static String string(Map<?, ?> body, String field, boolean required) {
    Object v = body.get(field);
    if (v == null || v instanceof String s && s.isBlank()) {
      if (required) throw ApiError.badRequest("field '" + field + "' is required");
      return null;
    }
    if (!(v instanceof String s))
      throw ApiError.badRequest("field '" + field + "' must be a string");
    return s.strip();
  }

  private static String id(Context ctx) {
    return ctx.pathParam("id");
  }

  private static String op(Context ctx) {
    return WebApp.principal(ctx).name();
  }
}
