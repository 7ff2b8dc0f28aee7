package dev.vigie.server.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentService;
import dev.vigie.server.Json;
import dev.vigie.server.api.ApiError;
import dev.vigie.server.api.ApiRoutes;
import dev.vigie.server.api.WebApp;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code POST /api/v1/incidents/{id}/publish} {@code {"title", "clientImpact"}} (both optional): an
 * operator publishes an incident to clients (status page, client notices); {@code GET
 * /api/v1/incidents/{id}/publication} says whether and how it is published ({@link
 * IncidentPublisher.State}). The public title and impact replace the internal ones in everything
 * clients read; without them an incident Vigie opened shows a generic wording.
 */
final class PublicationApi implements ApiRoutes {
  private final IncidentService incidents;
  private final IncidentPublisher publisher;

  PublicationApi(IncidentService incidents, IncidentPublisher publisher) {
    this.incidents = incidents;
    this.publisher = publisher;
  }

  @Override
  public void register(RoutesConfig r) {
    r.post("/api/v1/incidents/{id}/publish", this::publish);
    r.get("/api/v1/incidents/{id}/publication", this::get);
  }

  private void publish(Context ctx) {
    Incident i = incident(ctx);
    JsonNode body = body(ctx);
    var principal = WebApp.principal(ctx);
    String who = principal == null ? "operator" : principal.name();
    try {
      ctx.json(publisher.publish(i, text(body, "title"), text(body, "clientImpact"), who));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private void get(Context ctx) {
    ctx.json(publisher.state(incident(ctx)));
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

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw ApiError.badRequest(field + ": expected a string");
    return v.asText();
  }
}
