package dev.vigie.server.web;

import dev.vigie.server.api.ApiError;
import dev.vigie.server.api.ApiRoutes;
import dev.vigie.server.api.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The web console's routes: {@code /login}, {@code /logout}, {@code /console/...} and {@code
 * /static/...}. The pages live in {@link LivePages}, {@link IncidentPages} and {@link AdminPages};
 * this class registers them behind {@link ConsoleAuth}'s filter and times each request ({@code
 * Server-Timing: app;dur=MS}) so tests can hold every page under 200 ms.
 */
public final class Console implements ApiRoutes {
  private static final String T0 = "vigie.t0";
  private final ConsoleAuth auth;
  private final Renderer renderer;
  private final LivePages live;
  private final IncidentPages incidents;
  private final IncidentEditor editor;
  private final AdminPages admin;
  private final ProbePages probes;
  private final LiveEvents events;

  public Console(
      ConsoleAuth auth,
      Renderer renderer,
      ConsoleServices s,
      UserStore users,
      SessionStore sessions,
      LiveEvents events) {
    this.auth = auth;
    this.renderer = renderer;
    this.events = events;
    this.live = new LivePages(renderer, s);
    this.incidents = new IncidentPages(renderer, s);
    this.editor = new IncidentEditor(incidents, s);
    this.admin = new AdminPages(renderer, s, users, sessions);
    this.probes = new ProbePages(renderer, s);
  }

  @Override
  public void register(RoutesConfig r) {
    r.before("/console", this::start);
    r.before("/console/*", this::start);
    r.before("/console", auth::filter);
    r.before("/console/*", auth::filter);
    r.after("/console", this::stop);
    r.after("/console/*", this::stop);
    r.get("/", ctx -> ctx.redirect("/console"));
    r.get("/login", timed(auth::loginPage));
    r.post("/login", auth::login);
    r.post("/console/logout", auth::logout);
    r.post("/console/language", auth::language);
    r.get("/static/{file}", this::asset);
    r.get("/static/vendor/{file}", this::vendor);
    r.sse("/console/events", events::connect);

    r.get("/console", live::dashboard);
    r.get("/console/fragments/traffic", live::trafficFragment);
    r.get("/console/fragments/alerts", live::alertsFragment);
    r.get("/console/fragments/isolations", live::isolationsFragment);
    r.post("/console/isolations/{id}/approve", op(live::approve));
    r.post("/console/isolations/{id}/release", op(live::release));
    r.post("/console/isolations/{id}/extend", op(live::extend));
    r.get("/console/thresholds", live::thresholds);
    r.post("/console/thresholds/{machine}", op(live::saveThresholds));
    r.post("/console/thresholds/{machine}/raise", op(live::raiseThresholds));
    r.get("/console/catalog", live::catalog);

    r.get("/console/incidents", incidents::list);
    r.post("/console/incidents", op(incidents::open));
    r.get("/console/incidents/{id}", incidents::detail);
    r.get("/console/incidents/{id}/timeline", incidents::timelineFragment);
    r.post("/console/incidents/{id}/edit", op(editor::edit));
    r.post("/console/incidents/{id}/entries", op(editor::addEntry));
    r.post("/console/incidents/{id}/entries/{entryId}", op(editor::editEntry));
    r.post("/console/incidents/{id}/entries/{entryId}/hide", op(ctx -> editor.hide(ctx, true)));
    r.post("/console/incidents/{id}/entries/{entryId}/unhide", op(ctx -> editor.hide(ctx, false)));
    r.post("/console/incidents/{id}/transitions", op(editor::transition));
    r.post("/console/incidents/{id}/declarations", op(editor::declare));
    r.post("/console/incidents/{id}/support-line", op(editor::supportLine));
    r.post("/console/incidents/{id}/review", op(incidents::saveReview));
    r.post("/console/incidents/{id}/publish", op(incidents::publish));
    r.get("/console/incidents/{id}/report", incidents::report);

    r.get("/console/admin/users", adm(admin::users));
    r.post("/console/admin/users", adm(admin::create));
    r.post("/console/admin/users/{name}", adm(admin::update));
    r.post("/console/admin/users/{name}/delete", adm(admin::delete));
    r.get("/console/audit", admin::audit);
    r.get("/console/probes", probes::page);
    r.get("/console/known-good", probes::knownGood);
    r.post("/console/probes/check", op(probes::checkAll));

    r.exception(ConsoleAuth.Refusal.class, (e, ctx) -> refuse(ctx, e.status(), e.getMessage()));
  }

  private static Handler op(Handler h) {
    return ctx -> {
      ConsoleAuth.require(ctx, Role.OPERATOR);
      actOn(ctx, h);
    };
  }

  private static Handler adm(Handler h) {
    return ctx -> {
      ConsoleAuth.require(ctx, Role.ADMIN);
      actOn(ctx, h);
    };
  }

  /** Runs an action; a domain refusal (bad value, unknown id) becomes a console refusal page. */
  private static void actOn(Context ctx, Handler h) throws Exception {
    try {
      h.handle(ctx);
    } catch (ApiError e) {
      throw new ConsoleAuth.Refusal(e.status(), e.getMessage());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConsoleAuth.Refusal(400, e.getMessage());
    }
  }

  private Handler timed(Handler h) {
    return ctx -> {
      start(ctx);
      h.handle(ctx);
      stop(ctx);
    };
  }

  private void start(Context ctx) {
    ctx.attribute(T0, System.nanoTime());
  }

  private void stop(Context ctx) {
    Long t0 = ctx.attribute(T0);
    if (t0 != null && !ctx.res().isCommitted()) {
      double ms = (System.nanoTime() - t0) / 1e6;
      ctx.header("Server-Timing", String.format(java.util.Locale.ROOT, "app;dur=%.1f", ms));
    }
  }

  private void refuse(Context ctx, int status, String message) {
    ctx.status(status);
    if (ctx.header("HX-Request") != null) {
      ctx.contentType("text/html; charset=utf-8")
          .result("<div class=\"notice error\">" + Svg.esc(message) + "</div>");
      return;
    }
    View v = ConsoleAuth.view(ctx);
    if (v == null) {
      ctx.contentType("text/plain; charset=utf-8").result(message);
      return;
    }
    renderer.html(
        ctx, "error.jte", v.withNotice(message, true), Map.of("status", status, "back", back(ctx)));
  }

  /**
   * Where "back" leads after a refused form: the console page the request came from (same origin, a
   * path under /console only), else the live view.
   */
  static String back(Context ctx) {
    String ref = ctx.header("Referer");
    if (ref == null) return "/console";
    try {
      java.net.URI u = java.net.URI.create(ref);
      String host = ctx.header("Host");
      String path = u.getRawPath();
      if (host == null || !host.equals(u.getRawAuthority()) || path == null) return "/console";
      if (!path.startsWith("/console")) return "/console";
      return path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    } catch (IllegalArgumentException e) {
      return "/console";
    }
  }

  private void asset(Context ctx) throws IOException {
    serve(ctx, "/public/" + ctx.pathParam("file"));
  }

  private void vendor(Context ctx) throws IOException {
    serve(ctx, "/public/vendor/" + ctx.pathParam("file"));
  }

  private static void serve(Context ctx, String path) throws IOException {
    if (path.contains("..")) throw new ConsoleAuth.Refusal(404, "no such file");
    try (InputStream in = Console.class.getResourceAsStream(path)) {
      if (in == null) {
        ctx.status(404).result("no such file");
        return;
      }
      String type =
          path.endsWith(".css")
              ? "text/css; charset=utf-8"
              : path.endsWith(".js")
                  ? "text/javascript; charset=utf-8"
                  : "text/plain; charset=utf-8";
      ctx.header("Cache-Control", "public, max-age=3600");
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.contentType(type).result(in.readAllBytes());
    }
  }
}
