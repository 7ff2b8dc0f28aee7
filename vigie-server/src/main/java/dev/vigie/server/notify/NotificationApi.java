package dev.vigie.server.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.incident.IncidentException;
import dev.vigie.incident.notify.Notification;
import dev.vigie.incident.notify.NotificationState;
import dev.vigie.incident.notify.Notifier;
import dev.vigie.incident.notify.PublicStatus;
import dev.vigie.server.Json;
import dev.vigie.server.api.ApiError;
import dev.vigie.server.api.ApiRoutes;
import dev.vigie.server.api.WebApp;
import dev.vigie.server.comms.CommsService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/v1/notifications?state=&limit=} (the outbox, newest first, with states, attempts
 * and last errors), {@code POST /api/v1/notifications/backup-announcement} {@code {"force": false}}
 * (the one-off backup number announcement to every client with contacts), and {@code POST
 * /api/v1/notifications/incidents/{id}/update} {@code {"text", "status", "textEn"}} (a public
 * update, published at once through {@link CommsService#publishText}: the status page, the notice
 * to the incident's affected clients in their language, one timeline row).
 */
public final class NotificationApi implements ApiRoutes {
  private final NotificationModule module;
  private final CommsService comms;

  public NotificationApi(NotificationModule module, CommsService comms) {
    this.module = module;
    this.comms = comms;
  }

  @Override
  public void register(RoutesConfig r) {
    r.get("/api/v1/notifications", this::list);
    r.post("/api/v1/notifications/backup-announcement", this::announce);
    r.post("/api/v1/notifications/incidents/{id}/update", this::update);
  }

  private void list(Context ctx) {
    String s = ctx.queryParam("state");
    NotificationState state = null;
    if (s != null && !s.isBlank()) {
      try {
        state = NotificationState.valueOf(s.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("state: '" + s + "' is not PENDING, SENT or FAILED_PERMANENTLY");
      }
    }
    int limit = 500;
    String l = ctx.queryParam("limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 10_000)
        throw ApiError.badRequest("limit: '" + l + "' is not in 1..10000");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sending", module.sending());
    out.put(
        "notifications",
        module.outbox().list(state, limit).stream().map(NotificationApi::json).toList());
    ctx.json(out);
  }

  private void announce(Context ctx) throws Exception {
    JsonNode body = body(ctx);
    boolean force = body.path("force").asBoolean(false);
    Notifier.Report r = module.announceBackup(null, force);
    ctx.status(r.enqueued().isEmpty() ? 200 : 202).json(report(r));
  }

  private void update(Context ctx) throws Exception {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw ApiError.notFound("no incident '" + ctx.pathParam("id") + "'");
    }
    JsonNode body = body(ctx);
    String text = body.path("text").asText("").strip();
    if (text.isEmpty()) throw ApiError.badRequest("text: required (the public update)");
    PublicStatus status = PublicStatus.IDENTIFIED;
    if (body.hasNonNull("status")) {
      try {
        status = PublicStatus.valueOf(body.get("status").asText().strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest(
            "status: '"
                + body.get("status").asText()
                + "' is not INVESTIGATING, IDENTIFIED, MONITORING or RESOLVED");
      }
    }
    String who = WebApp.principal(ctx) == null ? "operator" : WebApp.principal(ctx).name();
    var incident = module.publishedIncident(id);
    String textEn = body.hasNonNull("textEn") ? body.get("textEn").asText("").strip() : null;
    var now = module.clock().instant();
    try {
      var p =
          comms.publishText(incident, status, text, textEn, who, "api-" + now.toEpochMilli(), now);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("enqueued", p.recipients().size());
      out.put("duplicates", p.duplicates());
      out.put("recipients", p.recipients());
      var a = module.audience(incident);
      out.put("clientsWithoutContacts", a.clientsWithoutContacts());
      out.put("unknownClients", a.unknownClients());
      ctx.status(202).json(out);
    } catch (CommsService.Refused e) {
      throw ApiError.badRequest(e.getMessage());
    } catch (IncidentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private static JsonNode body(Context ctx) throws Exception {
    String b = ctx.body();
    if (b == null || b.isBlank()) return Json.mapper().createObjectNode();
    JsonNode n = Json.mapper().readTree(b);
    if (!n.isObject()) throw ApiError.badRequest("the body must be a JSON object");
    return n;
  }

  static Map<String, Object> report(Notifier.Report r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enqueued", r.enqueued().size());
    m.put("duplicates", r.duplicates());
    m.put("recipients", r.enqueued().stream().map(n -> n.recipient().email()).toList());
    m.put("clientsWithoutContacts", r.audience().clientsWithoutContacts());
    m.put("unknownClients", r.audience().unknownClients());
    return m;
  }

  static Map<String, Object> json(Notification n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", n.id().toString());
    m.put("type", n.type().name());
    m.put("incidentId", n.incidentId());
    m.put("incidentNumber", n.incidentNumber());
    m.put("client", n.recipient().clientId());
    m.put("email", n.recipient().email());
    m.put("language", n.recipient().language().code());
    m.put("subject", n.subject());
    m.put("state", n.state().name());
    m.put("attempts", n.attempts());
    m.put("created", n.created());
    m.put("nextAttempt", n.state() == NotificationState.PENDING ? n.nextAttempt() : null);
    m.put("sentAt", n.sentAt());
    m.put("lastError", n.lastError());
    return m;
  }
}
