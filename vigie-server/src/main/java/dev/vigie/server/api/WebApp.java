package dev.vigie.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.vigie.server.Json;
import dev.vigie.server.config.OperationsConfig;
import dev.vigie.server.reliability.Outage;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web application factory: returns an unstarted Javalin with the REST API (bearer tokens, JSON
 * errors), {@code /healthz} and {@code /metrics}. Route groups are plain objects registered in
 * order; handlers stay thin. Tests start it on port 0.
 *
 * <p>Authorization: every {@code /api/v1} call needs {@code Authorization: Bearer TOKEN}; reads
 * need the viewer role, writes (POST, PUT, DELETE) the operator role.
 */
public final class WebApp {
  private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
  static final String PRINCIPAL = "vigie.principal";

  private WebApp() {}

  public static Javalin create(
      TokenStore tokens,
      PrometheusMeterRegistry metrics,
      BooleanSupplier healthy,
      List<ApiRoutes> apis,
      List<ApiRoutes> pages) {
    return create(
        tokens,
        metrics,
        () -> healthy.getAsBoolean() ? Map.of() : Map.of("database", "unreachable"),
        apis,
        pages,
        null);
  }

  /**
   * The app with {@code /healthz} answering from {@code problems} (dependency to reason, empty when
   * all is well; the server's {@code Health} keeps it from a background check, so the endpoint
   * never waits for a dependency): 200 {@code {"status": "ok"}}, or 503 {@code {"status":
   * "unhealthy", "reasons": {"database": "..."}}}. A request that fails because the database cannot
   * be reached answers 503 {@code {"error": "database unavailable: ..."}} with {@code Retry-After},
   * within the pool's connection timeout. {@code /metrics} is served here behind a bearer token
   * (the metrics token or any API token) unless {@code ops} puts it on its own listener ({@link
   * #management}), in which case this listener does not serve it at all.
   */
  public static Javalin create(
      TokenStore tokens,
      PrometheusMeterRegistry metrics,
      Supplier<Map<String, String>> problems,
      List<ApiRoutes> apis,
      List<ApiRoutes> pages,
      OperationsConfig ops) {
    OperationsConfig o = ops == null ? new OperationsConfig(null, 0, null) : ops;
    return Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.jsonMapper(new JavalinJackson(Json.mapper(), false));
      cfg.http.maxRequestSize = 4 * 1024 * 1024;
      var r = cfg.routes;
      r.before("/api/v1/*", ctx -> authenticate(ctx, tokens));
      r.get("/healthz", ctx -> health(ctx, problems));
      if (!o.managementListener()) {
        r.get("/metrics", ctx -> metrics(ctx, metrics, tokens, o.metricsToken()));
      }
      for (ApiRoutes api : apis) api.register(r);
      for (ApiRoutes page : pages) page.register(r);
      r.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
      r.exception(
          JsonProcessingException.class,
          (e, ctx) -> error(ctx, 400, "invalid JSON body: " + jsonProblem(e)));
      r.exception(
          HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
      r.exception(
          Exception.class,
          (e, ctx) -> {
            Throwable cause = e.getCause();
            if (cause instanceof JsonProcessingException jpe) {
              error(ctx, 400, "invalid JSON body: " + jsonProblem(jpe));
              return;
            }
            if (cause instanceof ApiError ae) {
              error(ctx, ae.status(), ae.getMessage());
              return;
            }
            if (Outage.isDatabaseDown(e)) {
              LOG.warn("{} {}: database unavailable", ctx.method(), ctx.path());
              ctx.header("Retry-After", "10");
              error(
                  ctx,
                  503,
                  "database unavailable: the request could not be completed; retry when /healthz"
                      + " answers ok");
              return;
            }
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
          });
      r.error(
          404,
          ctx -> {
            if (ctx.path().startsWith("/api/") && ctx.result() == null) {
              error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path());
            }
          });
      r.error(
          405,
          ctx -> {
            if (ctx.path().startsWith("/api/")) {
              error(ctx, 405, "method " + ctx.method() + " not allowed on " + ctx.path());
            }
          });
    });
  }

  /**
   * The management listener ({@code server.management}): {@code /metrics} and {@code /healthz}
   * only. {@code /metrics} needs the metrics token when one is configured, else it is open to
   * whoever reaches this listener (keep it on a management network).
   */
  public static Javalin management(
      TokenStore tokens,
      PrometheusMeterRegistry metrics,
      Supplier<Map<String, String>> problems,
      OperationsConfig ops) {
    return Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.jsonMapper(new JavalinJackson(Json.mapper(), false));
      var r = cfg.routes;
      r.get("/healthz", ctx -> health(ctx, problems));
      r.get(
          "/metrics",
          ctx -> {
            if (ops.metricsToken() == null) {
              scrape(ctx, metrics);
            } else {
              metrics(ctx, metrics, tokens, ops.metricsToken());
            }
          });
      r.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
    });
  }

  private static void health(Context ctx, Supplier<Map<String, String>> problems) {
    Map<String, String> down = problems.get();
    if (down.isEmpty()) ctx.json(Map.of("status", "ok"));
    else ctx.status(503).json(Map.of("status", "unhealthy", "reasons", down));
  }

  /** {@code /metrics} behind a bearer token: the metrics token, or any API token. */
  private static void metrics(
      Context ctx, PrometheusMeterRegistry metrics, TokenStore tokens, String metricsToken) {
    String auth = ctx.header("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiError(401, "metrics need a bearer token (server.metricsToken or an API token)");
    }
    String token = auth.substring(7).strip();
    boolean ok =
        metricsToken != null
            && MessageDigest.isEqual(
                metricsToken.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    if (!ok && tokens.find(token).isEmpty()) throw new ApiError(401, "unknown token");
    scrape(ctx, metrics);
  }

  private static void scrape(Context ctx, PrometheusMeterRegistry metrics) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  /** The authenticated caller of an API request. */
  public static TokenStore.Principal principal(Context ctx) {
    return ctx.attribute(PRINCIPAL);
  }

  /** Refuses with 403 unless the caller has at least the role. */
  public static void require(Context ctx, Role role) {
    TokenStore.Principal p = principal(ctx);
    if (p == null || !p.role().atLeast(role)) {
      throw new ApiError(403, "this needs the " + role.name().toLowerCase() + " role");
    }
  }

  private static void authenticate(Context ctx, TokenStore tokens) {
    if (ctx.method() == HandlerType.OPTIONS) return;
    String auth = ctx.header("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiError(401, "missing bearer token (Authorization: Bearer TOKEN)");
    }
    TokenStore.Principal p =
        tokens
            .find(auth.substring(7).strip())
            .orElseThrow(() -> new ApiError(401, "unknown token"));
    ctx.attribute(PRINCIPAL, p);
    boolean write = ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD;
    require(ctx, write ? Role.OPERATOR : Role.VIEWER);
  }

  static void error(Context ctx, int status, String message) {
    ctx.status(status).json(Map.of("error", message == null ? "error" : message));
  }

  private static String jsonProblem(JsonProcessingException e) {
    if (e instanceof InvalidFormatException ife && !ife.getPath().isEmpty()) {
      return "field '"
          + ife.getPath().get(ife.getPath().size() - 1).getFieldName()
          + "' cannot be '"
          + ife.getValue()
          + "'";
    }
    if (e instanceof MismatchedInputException mie && !mie.getPath().isEmpty()) {
      return "field '"
          + mie.getPath().get(mie.getPath().size() - 1).getFieldName()
          + "' has the wrong type";
    }
    return e.getOriginalMessage();
  }
}
