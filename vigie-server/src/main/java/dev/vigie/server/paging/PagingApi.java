package dev.vigie.server.paging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.incident.Incident;
import dev.vigie.server.Json;
import dev.vigie.server.api.ApiError;
import dev.vigie.server.api.ApiRoutes;
import dev.vigie.server.api.WebApp;
import dev.vigie.server.paging.PageStore.Page;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paging REST API (docs/api.md, "Paging"): {@code GET /oncall} (who is on call now, next, the
 * coming shifts), {@code GET /pages}, {@code GET /pages/{id}} (with deliveries and audit rows),
 * {@code POST /pages} ({@code {"incidentId"}}: page now), {@code POST /pages/{id}/acknowledge}.
 * Never shows a channel's URL, headers, a phone number or an email address.
 */
public final class PagingApi implements ApiRoutes {
  private final PagingModule module;

  public PagingApi(PagingModule module) {
    this.module = module;
  }

  @Override
  public void register(RoutesConfig r) {
    r.get("/api/v1/oncall", ctx -> ctx.json(onCall(module, module.clock().instant())));
    r.get("/api/v1/pages", this::list);
    r.get("/api/v1/pages/{id}", ctx -> ctx.json(detail(page(ctx))));
    r.post("/api/v1/pages", this::pageNow);
    r.post("/api/v1/pages/{id}/acknowledge", this::acknowledge);
  }

  /** Who is on call: now, next and the next 8 shifts. */
  static Map<String, Object> onCall(PagingModule m, Instant now) {
    Rotation r = m.config().rotation();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("zone", m.config().zone().getId());
    out.put("now", shift(m, r.at(now)));
    out.put("next", shift(m, r.next(now)));
    out.put("upcoming", r.upcoming(now, 8).stream().map(s -> shift(m, s)).toList());
    return out;
  }

  private static Map<String, Object> shift(PagingModule m, Rotation.Shift s) {
    var p = m.config().people().get(s.person());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("person", Map.of("id", s.person(), "name", p == null ? s.person() : p.name()));
    out.put("from", s.from().toString());
    out.put("until", s.until().toString());
    out.put("override", s.override());
    return out;
  }

  private void list(Context ctx) {
    String state = ctx.queryParam("state");
    if (state != null
        && java.util.Arrays.stream(PageStore.State.values())
            .noneMatch(x -> x.name().equalsIgnoreCase(state))) {
      throw ApiError.badRequest(
          "state '" + state + "' is not one of OPEN|ACKNOWLEDGED|EXHAUSTED|ENDED");
    }
    List<Map<String, Object>> pages =
        module.pager().store().list(200).stream()
            .filter(p -> state == null || p.state().name().equalsIgnoreCase(state))
            .map(PagingApi::json)
            .toList();
    ctx.json(Map.of("pages", pages));
  }

  static Map<String, Object> json(Page p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", p.id());
    out.put("incidentId", p.incidentId());
    out.put("incidentNumber", p.number());
    out.put("severity", p.severity());
    out.put("reason", p.reason());
    out.put("state", p.state().name());
    out.put("created", p.created().toString());
    out.put("level", p.level());
    out.put("round", p.round() + 1);
    out.put("nextEscalation", p.nextEscalation() == null ? null : p.nextEscalation().toString());
    out.put("acknowledgedAt", p.acknowledgedAt() == null ? null : p.acknowledgedAt().toString());
    out.put("acknowledgedBy", p.acknowledgedBy());
    out.put("acknowledgedVia", p.acknowledgedVia());
    return out;
  }

  private Map<String, Object> detail(Page p) {
    Map<String, Object> out = json(p);
    PageStore s = module.pager().store();
    out.put(
        "deliveries",
        s.deliveries(p.id()).stream()
            .map(d -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("id", d.id());
              m.put("level", d.level());
              m.put("round", d.round() + 1);
              m.put("person", d.person());
              m.put("channel", d.channel());
              m.put("state", d.state());
              m.put("attempts", d.attempts());
              m.put("nextAttempt", d.nextAttempt().toString());
              m.put("sentAt", d.sentAt() == null ? null : d.sentAt().toString());
              m.put("lastError", d.lastError());
              return m;
            })
            .toList());
    out.put(
        "events",
        s.events(p.id()).stream()
            .map(e -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("at", e.at().toString());
              m.put("kind", e.kind());
              m.put("person", e.person());
              m.put("channel", e.channel());
              m.put("level", e.level());
              m.put("detail", e.detail());
              return m;
            })
            .toList());
    return out;
  }

  private Page page(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("page id must be a number, got '" + ctx.pathParam("id") + "'");
    }
    return module.pager().store().find(id).orElseThrow(() -> ApiError.notFound("no page " + id));
  }

  private void acknowledge(Context ctx) {
    Page p = page(ctx);
    String by = WebApp.principal(ctx).name();
    switch (module.pager().acknowledge(p.id(), by, "API")) {
      case ACKNOWLEDGED -> ctx.json(json(module.pager().store().find(p.id()).orElseThrow()));
      case ALREADY ->
          throw ApiError.conflict(
              "page "
                  + p.id()
                  + " is "
                  + p.state().name().toLowerCase(java.util.Locale.ROOT)
                  + (p.acknowledgedBy() == null ? "" : " (by " + p.acknowledgedBy() + ")"));
      case NOT_FOUND -> throw ApiError.notFound("no page " + p.id());
    }
  }

  private void pageNow(Context ctx) throws Exception {
    JsonNode body;
    try {
      body = Json.mapper().readTree(ctx.body());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiError.badRequest("invalid JSON body");
    }
    if (body == null || !body.path("incidentId").canConvertToLong()) {
      throw ApiError.badRequest("field 'incidentId' is required (a number)");
    }
    long id = body.path("incidentId").asLong();
    Incident i =
        module
            .incidents()
            .store()
            .find(id)
            .orElseThrow(() -> ApiError.notFound("no incident " + id));
    var page = module.pageNow(i);
    if (page.isEmpty()) {
      throw ApiError.conflict("incident " + i.number() + " has paged already");
    }
    ctx.status(201).json(json(page.get()));
  }
}
