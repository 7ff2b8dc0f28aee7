package dev.vigie.server.web;

import dev.vigie.server.api.ApiRoutes;
import dev.vigie.server.api.Role;
import dev.vigie.server.i18n.Lang;
import dev.vigie.server.i18n.Texts;
import dev.vigie.server.paging.PageStore;
import dev.vigie.server.paging.Pager;
import dev.vigie.server.paging.PagingModule;
import dev.vigie.server.paging.Rotation;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paging pages. In the console (signed in): {@code /console/oncall} (who is on call now and
 * next, the coming shifts, the pages with their state and audit rows, acknowledge buttons), the
 * incident page's paging panel ({@code /console/incidents/{id}/paging}, loaded by htmx) with
 * "acknowledge" and "page the on-call engineer now". Public, for the link in a page: {@code GET
 * /page/ack/{token}} shows what the link acknowledges and a button, changing nothing; {@code POST}
 * acknowledges (once: the link is single-use). The token is the credential; the page is sent with
 * {@code Cache-Control: no-store} and {@code Referrer-Policy: no-referrer}.
 */
public final class PagingPages implements ApiRoutes {
  private final PagingModule module;
  private final Renderer r = new Renderer();
  private final ZoneId zone;

  /** The pages; {@code module} null when paging is not configured (the on-call page says so). */
  public PagingPages(PagingModule module, ZoneId zone) {
    this.module = module;
    this.zone = zone;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/console/oncall", this::onCall);
    routes.get("/console/incidents/{id}/paging", this::panel);
    if (module == null) return;
    routes.post("/console/incidents/{id}/page", this::pageNow);
    routes.post("/console/pages/{id}/acknowledge", this::acknowledge);
    routes.get("/page/ack/{token}", this::linkPage);
    routes.post("/page/ack/{token}", this::linkAcknowledge);
  }

  private Pager pager() {
    return module.pager();
  }

  private void onCall(Context ctx) {
    View v = LivePages.nav(ctx, "oncall");
    if (module == null) {
      r.html(ctx, "oncall-off.jte", v, Map.of());
      return;
    }
    render(ctx, v, null);
  }

  private void render(Context ctx, View v, String notice) {
    Instant now = module.clock().instant();
    Rotation rot = module.config().rotation();
    List<PageStore.Page> pages = pager().store().list(50);
    Map<Long, List<String>> events = new HashMap<>();
    Map<Long, List<Instant>> times = new HashMap<>();
    for (PageStore.Page p : pages) {
      var ev = pager().store().events(p.id());
      events.put(p.id(), ev.stream().map(e -> pager().describe(e, v.t())).toList());
      times.put(p.id(), ev.stream().map(PageStore.Event::at).toList());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("current", rot.at(now));
    m.put("next", rot.next(now));
    m.put("upcoming", rot.upcoming(now, 8));
    m.put("names", names());
    m.put("pages", pages);
    m.put("events", events);
    m.put("times", times);
    r.html(ctx, "oncall.jte", notice == null ? v : v.withNotice(notice, false), m);
  }

  private Map<String, String> names() {
    Map<String, String> names = new HashMap<>();
    module.config().people().forEach((id, p) -> names.put(id, p.name()));
    return names;
  }

  private void panel(Context ctx) {
    View v = ConsoleAuth.view(ctx);
    if (module == null) {
      ctx.contentType("text/html; charset=utf-8").result("");
      return;
    }
    long id = id(ctx);
    Map<String, Object> m = new HashMap<>();
    var page = pager().store().forIncident(id).orElse(null);
    m.put("incidentId", id);
    m.put("page", page);
    m.put(
        "events",
        page == null
            ? List.of()
            : pager().store().events(page.id()).stream()
                .map(e -> v.t().shortTime(e.at()) + " — " + pager().describe(e, v.t()))
                .toList());
    m.put("oncall", pager().name(module.config().rotation().at(module.clock().instant()).person()));
    r.html(ctx, "pagingpanel.jte", v, m);
  }

  private void pageNow(Context ctx) {
    ConsoleAuth.require(ctx, Role.OPERATOR);
    long id = id(ctx);
    var i =
        module
            .incidents()
            .store()
            .find(id)
            .orElseThrow(() -> new ConsoleAuth.Refusal(404, "incident " + id));
    module.pageNow(i);
    ctx.redirect("/console/incidents/" + id);
  }

  private void acknowledge(Context ctx) {
    ConsoleAuth.require(ctx, Role.OPERATOR);
    long id = id(ctx);
    View v = LivePages.nav(ctx, "oncall");
    var page =
        pager().store().find(id).orElseThrow(() -> new ConsoleAuth.Refusal(404, "page " + id));
    Pager.Ack a = pager().acknowledge(id, v.user().name(), "CONSOLE");
    String back = ctx.formParam("back");
    if (back != null && back.matches("/console/incidents/\\d+")) {
      ctx.redirect(back);
      return;
    }
    render(
        ctx,
        v,
        v.t()
            .t(
                a == Pager.Ack.ACKNOWLEDGED ? "paging.ack.done" : "paging.ack.already",
                page.number()));
  }

  private static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new ConsoleAuth.Refusal(400, "not a number: " + ctx.pathParam("id"));
    }
  }

  private View publicView(Context ctx) {
    String al = ctx.header("Accept-Language");
    Lang lang =
        al != null && al.toLowerCase(java.util.Locale.ROOT).startsWith("en") ? Lang.EN : Lang.FR;
    return new View(null, "", new Texts(lang, zone), "", null, false);
  }

  private void linkPage(Context ctx) {
    noStore(ctx);
    Pager.LinkView lv = pager().peek(ctx.pathParam("token"));
    if (lv.status() == Pager.LinkResult.INVALID) ctx.status(404);
    link(ctx, lv.status(), lv.page());
  }

  private void linkAcknowledge(Context ctx) {
    noStore(ctx);
    String token = ctx.pathParam("token");
    Pager.LinkView before = pager().peek(token);
    Pager.LinkResult res = pager().acknowledgeLink(token);
    if (res == Pager.LinkResult.INVALID) ctx.status(404);
    else if (res != Pager.LinkResult.ACKNOWLEDGED) ctx.status(409);
    PageStore.Page p =
        before.page() == null ? null : pager().store().find(before.page().id()).orElse(null);
    link(ctx, res, p);
  }

  private void link(Context ctx, Pager.LinkResult status, PageStore.Page page) {
    View v = publicView(ctx);
    Map<String, Object> m = new HashMap<>();
    m.put("status", status.name());
    m.put("page", page);
    r.html(ctx, "pageack.jte", v, m);
  }

  private static void noStore(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer");
  }
}
