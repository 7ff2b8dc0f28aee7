package dev.vigie.server.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.timeline.TimelineSource;
import dev.vigie.server.Json;
import dev.vigie.server.api.ApiError;
import dev.vigie.server.api.ApiRoutes;
import dev.vigie.server.api.WebApp;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/v1/incidents/{id}/publish} {@code {"title", "clientImpact"}} (both optional): an
 * operator publishes an incident to clients (status page, client notices); {@code GET
 * /api/v1/incidents/{id}/publication} says whether and how it is published. Publishing writes a
 * timeline entry. The public title and impact replace the internal ones in everything clients read;
 * without them an incident Vigie opened shows a generic wording.
 */
final class PublicationApi implements ApiRoutes {
  static final int MAX_TITLE = 500;
  static final int MAX_IMPACT = 2000;
  private final IncidentService incidents;
  private final Publications publications;
  private final PublicationPolicy policy;
  private final InstantSource clock;

  PublicationApi(
      IncidentService incidents,
      Publications publications,
      PublicationPolicy policy,
      InstantSource clock) {
    this.incidents = incidents;
    this.publications = publications;
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public void register(RoutesConfig r) {
    r.post("/api/v1/incidents/{id}/publish", this::publish);
    r.get("/api/v1/incidents/{id}/publication", this::get);
  }

  private void publish(Context ctx) {
    Incident i = incident(ctx);
    JsonNode body = body(ctx);
    String title = text(body, "title", MAX_TITLE, true);
    String impact = text(body, "clientImpact", MAX_IMPACT, false);
    var principal = WebApp.principal(ctx);
    String who = principal == null ? "operator" : principal.name();
    var now = clock.instant();
    publications.publish(i.id(), title, impact, now, who);
    incidents.addEntry(
        i.id(),
        now,
        "Incident publié aux clients" + (title == null ? "" : " (titre public : " + title + ")"),
        TimelineSource.OPERATOR,
        who);
    ctx.json(json(i));
  }

  private void get(Context ctx) {
    ctx.json(json(incident(ctx)));
  }

  private Map<String, Object> json(Incident i) {
    var p = publications.find(i.id()).orElse(null);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("published", policy.published(i, p));
    m.put("openedByVigie", PublicationPolicy.openedByVigie(i));
    m.put("publishedAt", p == null ? null : p.at());
    m.put("publishedBy", p == null ? null : p.by());
    m.put("title", PublicationPolicy.publicTitle(i, p));
    m.put("clientImpact", PublicationPolicy.publicImpact(i, p));
    return m;
  }

  private Incident incident(Context ctx) {
    String raw = ctx.pathParam("id");
    long id;
    try {
      id = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw ApiError.notFound("no incident '" + raw + "'");
    }
    return incidents.store().find(id).orElseThrow(() -> ApiError.notFound("no incident " + id));
  }

  private static JsonNode body(Context ctx) {
    String b = ctx.body();
    if (b == null || b.isBlank()) return Json.mapper().createObjectNode();
    try {
      JsonNode n = Json.mapper().readTree(b);
      if (n == null || !n.isObject()) throw ApiError.badRequest("the body must be a JSON object");
      return n;
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("invalid JSON body: " + e.getOriginalMessage());
    }
  }

  private static String text(JsonNode body, String field, int max, boolean oneLine) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw ApiError.badRequest(field + ": expected a string");
    String s = v.asText().strip();
    if (s.isEmpty()) return null;
    if (s.length() > max) throw ApiError.badRequest(field + ": at most " + max + " characters");
    if (oneLine && s.chars().anyMatch(c -> c == '\n' || c == '\r')) {
      throw ApiError.badRequest(field + ": one line expected");
    }
    return s;
  }
}
