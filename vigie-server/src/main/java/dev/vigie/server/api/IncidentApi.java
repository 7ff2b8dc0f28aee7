package dev.vigie.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigie.incident.AffectedClient;
import dev.vigie.incident.IllegalTransitionException;
import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentConflictException;
import dev.vigie.incident.IncidentException;
import dev.vigie.incident.IncidentNotFoundException;
import dev.vigie.incident.IncidentPatch;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.IncidentSeverity;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.InvalidIncidentException;
import dev.vigie.incident.Language;
import dev.vigie.incident.NewIncident;
import dev.vigie.incident.Priority;
import dev.vigie.incident.alertmanager.AlertmanagerIntake;
import dev.vigie.incident.alertmanager.AlertmanagerPayload;
import dev.vigie.incident.obligation.ObligationService;
import dev.vigie.incident.report.IncidentReport;
import dev.vigie.incident.report.ReportData;
import dev.vigie.incident.report.ReportFormat;
import dev.vigie.incident.review.ActionStatus;
import dev.vigie.incident.review.CorrectiveAction;
import dev.vigie.incident.review.Review;
import dev.vigie.incident.store.IncidentQuery;
import dev.vigie.incident.timeline.EntryEdit;
import dev.vigie.incident.timeline.TimelineEntry;
import dev.vigie.incident.timeline.TimelineSource;
import dev.vigie.server.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The incident routes under {@code /api/v1}: incidents, timeline entries, transitions, review,
 * report and the Alertmanager webhook (docs/api.md lists bodies and answers). Handlers are thin:
 * read the body ({@link JsonBody}, 400 naming the field), call {@link IncidentService}, answer
 * JSON. Domain errors map to statuses in one place ({@link #status}): invalid 400, not found 404,
 * optimistic-locking conflict and illegal transition 409. Reads need the viewer role, writes the
 * operator role ({@link WebApp}). Thread-safe: no state besides the service.
 */
public final class IncidentApi implements ApiRoutes {
  private static final String BASE = "/api/v1/incidents";
  private static final String ONE = BASE + "/{id}";
  private final IncidentService service;
  private final IncidentReport report;
  private final AlertmanagerIntake alertmanager;
  private final ObligationService obligations;

  public IncidentApi(
      IncidentService service,
      IncidentReport report,
      AlertmanagerIntake alertmanager,
      ObligationService obligations) {
    this.service = service;
    this.report = report;
    this.alertmanager = alertmanager;
    this.obligations = obligations;
  }

  @Override
  public void register(RoutesConfig r) {
    r.get(BASE, this::list);
    r.post(BASE, this::create);
    r.get(ONE, this::get);
    r.put(ONE, this::edit);
    r.patch(ONE, this::edit);
    r.get(ONE + "/timeline", this::timeline);
    r.post(ONE + "/timeline", this::addEntry);
    r.put(ONE + "/timeline/{entryId}", this::editEntry);
    r.patch(ONE + "/timeline/{entryId}", this::editEntry);
    r.post(ONE + "/timeline/{entryId}/hide", ctx -> hide(ctx, true));
    r.post(ONE + "/timeline/{entryId}/unhide", ctx -> hide(ctx, false));
    r.post(ONE + "/transitions", this::transition);
    r.get(ONE + "/review", this::getReview);
    r.put(ONE + "/review", this::putReview);
    r.get(ONE + "/report", this::report);
    r.post("/api/v1/alertmanager", this::alertmanager);
    r.exception(IncidentException.class, (e, ctx) -> WebApp.error(ctx, status(e), e.getMessage()));
  }

  /** The HTTP status of a domain refusal. */
  static int status(IncidentException e) {
    return switch (e) {
      case InvalidIncidentException x -> 400;
      case IncidentNotFoundException x -> 404;
      case IncidentConflictException x -> 409;
      case IllegalTransitionException x -> 409;
    };
  }

  private void list(Context ctx) {
    var statuses = EnumSet.noneOf(IncidentStatus.class);
    var s = ctx.queryParam("status");
    if (s != null && !s.isBlank()) {
      for (var part : s.split(",")) {
        if (part.strip().equalsIgnoreCase("open")) {
          statuses.addAll(
              EnumSet.of(
                  IncidentStatus.TRIAGE, IncidentStatus.INVESTIGATING, IncidentStatus.MITIGATED));
        } else {
          statuses.add(IncidentStatus.parse("status", part));
        }
      }
    }
    int limit = DetectionApi.intParam(ctx, "limit", 100, 1, 1000);
    var query = new IncidentQuery(statuses, ctx.queryParam("q"), null, null, limit);
    ctx.json(Map.of("incidents", service.store().search(query)));
  }

  private void create(Context ctx) {
    var b = JsonBody.of(ctx);
    var req =
        new NewIncident(
            b.text("title"),
            b.instant("startedAt"),
            b.strings("services"),
            b.text("clientImpact"),
            b.text("cause"),
            IncidentSeverity.parse("severity", b.text("severity")),
            b.has("priority") ? Priority.parse("priority", b.text("priority")) : null,
            b.instant("detectedAt"),
            b.strings("affectedClients"),
            null);
    var impact = ObligationApi.impact(b);
    if (impact != null) {
      impact.complete(); // checked before the incident is opened
    }
    var incident = service.open(req, user(ctx));
    if (impact != null) {
      obligations.editImpact(incident.id(), impact, user(ctx));
    }
    ctx.status(201).json(withImpact(incident));
  }

  /** The incident's JSON with its NIS2 impact facts (docs/obligations.md). */
  private com.fasterxml.jackson.databind.node.ObjectNode withImpact(Incident incident) {
    var node = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().valueToTree(incident);
    ObligationApi.addImpact(node, obligations.impact(incident.id()));
    return node;
  }

  private void get(Context ctx) {
    var incident = incident(ctx);
    var node = withImpact(incident);
    node.set("timeline", Json.mapper().valueToTree(service.store().timeline(incident.id())));
    node.set(
        "review", Json.mapper().valueToTree(service.store().review(incident.id()).orElse(null)));
    ctx.json(node);
  }

  private void edit(Context ctx) {
    var id = incident(ctx).id();
    var b = JsonBody.of(ctx);
    var version = b.integer("version");
    var impact = ObligationApi.impact(b);
    if (impact != null) {
      obligations.checkImpact(id, impact); // before anything is written
    }
    if (version == null && impact != null && onlyImpact(b)) {
      obligations.editImpact(id, impact, user(ctx));
      ctx.json(withImpact(service.store().get(id)));
      return;
    }
    if (version == null) {
      throw ApiError.badRequest(
          "field 'version' is required: the version you edited (optimistic locking)");
    }
    var patch =
        new IncidentPatch(
            b.text("title"),
            b.has("severity") ? IncidentSeverity.parse("severity", b.text("severity")) : null,
            b.has("priority") ? Priority.parse("priority", b.text("priority")) : null,
            b.instant("startedAt"),
            b.instant("endedAt"),
            b.instant("detectedAt"),
            b.instant("mitigatedAt"),
            b.instant("resolvedAt"),
            b.strings("services"),
            b.text("clientImpact"),
            b.text("cause"),
            clients(b));
    service.requireNotFuture(patch);
    var edited = service.edit(id, version, patch, user(ctx));
    if (impact != null) {
      obligations.editImpact(id, impact, user(ctx));
    }
    ctx.json(withImpact(edited));
  }

  /** Whether a PATCH body holds impact facts only (no incident field): no version needed. */
  private static boolean onlyImpact(JsonBody b) {
    var it = b.root().fieldNames();
    while (it.hasNext()) {
      switch (it.next()) {
        case "unavailableFrom",
            "unavailableUntil",
            "degradedFrom",
            "degradedUntil",
            "usersAffected",
            "suspectedMalicious",
            "crossBorder" -> {}
        default -> {
          return false;
        }
      }
    }
    return true;
  }

  private static List<AffectedClient> clients(JsonBody b) {
    var node = b.root().get("affectedClients");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw ApiError.badRequest("field 'affectedClients' must be an array");
    }
    var out = new ArrayList<AffectedClient>();
    for (int i = 0; i < node.size(); i++) {
      var c = node.get(i);
      if (c.isTextual()) {
        out.add(AffectedClient.entered(c.asText()));
      } else if (c.isObject() && c.path("name").isTextual()) {
        var cat = c.path("catalogId");
        out.add(new AffectedClient(c.get("name").asText(), cat.isTextual() ? cat.asText() : null));
      } else {
        throw ApiError.badRequest(
            "field 'affectedClients[" + i + "]' must be a name or {\"name\", \"catalogId\"}");
      }
    }
    return out;
  }

  private void timeline(Context ctx) {
    var all = service.store().timeline(incident(ctx).id());
    boolean hidden = "true".equalsIgnoreCase(ctx.queryParam("hidden"));
    ctx.json(Map.of("entries", hidden ? all : all.stream().filter(e -> !e.hidden()).toList()));
  }

  private void addEntry(Context ctx) {
    var id = incident(ctx).id();
    var b = JsonBody.of(ctx);
    var entry =
        service.addEntry(
            id,
            b.instant("at"),
            b.text("description"),
            TimelineSource.parse("source", b.text("source")),
            user(ctx));
    ctx.status(201).json(entry);
  }

  private void editEntry(Context ctx) {
    var id = incident(ctx).id();
    var entry = entry(ctx, id);
    var b = JsonBody.of(ctx);
    var revision = b.integer("revision");
    var edit =
        new EntryEdit(
            revision == null ? entry.revision() : Math.toIntExact(revision),
            b.instant("at"),
            b.text("description"),
            b.bool("hidden"),
            user(ctx));
    ctx.json(service.editEntry(id, entry.id(), edit));
  }

  private void hide(Context ctx, boolean hidden) {
    var id = incident(ctx).id();
    var entry = entry(ctx, id);
    var revision = JsonBody.orEmpty(ctx).integer("revision");
    var edit =
        new EntryEdit(
            revision == null ? entry.revision() : Math.toIntExact(revision),
            null,
            null,
            hidden,
            user(ctx));
    ctx.json(service.editEntry(id, entry.id(), edit));
  }

  private void transition(Context ctx) {
    var id = incident(ctx).id();
    var b = JsonBody.of(ctx);
    var to = IncidentStatus.parse("to", b.text("to"));
    var at = b.instant("at");
    service.requireNotFuture("at", at);
    ctx.json(service.transition(id, to, b.integer("version"), at, user(ctx), b.text("note")));
  }

  private void getReview(Context ctx) {
    var review = service.store().review(incident(ctx).id());
    ctx.json(review.isPresent() ? review.get() : Map.of("version", 0));
  }

  private void putReview(Context ctx) {
    var id = incident(ctx).id();
    var b = JsonBody.of(ctx);
    var actions = new ArrayList<CorrectiveAction>();
    var given = b.objects("actions");
    for (var a : given == null ? List.<JsonBody>of() : given) {
      actions.add(
          new CorrectiveAction(
              a.text("description"),
              a.text("owner"),
              a.date("due"),
              ActionStatus.parse("actions[].status", a.text("status"))));
    }
    var review =
        new Review(
            b.strings("findings"),
            b.text("rootCause"),
            b.strings("wentWell"),
            b.strings("wentBadly"),
            actions,
            0);
    var version = b.integer("version");
    long expected =
        version != null ? version : service.store().review(id).map(Review::version).orElse(0L);
    ctx.json(service.saveReview(id, review, expected));
  }

  private void report(Context ctx) {
    var id = incident(ctx).id();
    var format = ReportFormat.parse(ctx.queryParam("format"));
    var lang = Language.parse("lang", ctx.queryParam("lang"));
    var data = ReportData.load(service.store(), id);
    var bytes = report.render(data, format, lang);
    ctx.contentType(format.contentType())
        .header(
            "Content-Disposition",
            "inline; filename=\"" + IncidentReport.fileName(data, format, lang) + "\"")
        .result(bytes);
  }

  private void alertmanager(Context ctx) {
    var b = JsonBody.of(ctx);
    AlertmanagerPayload payload;
    try {
      payload = Json.mapper().treeToValue(b.root(), AlertmanagerPayload.class);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("invalid Alertmanager payload: " + e.getOriginalMessage());
    }
    var result = alertmanager.accept(payload);
    var alerts =
        result.alerts().stream()
            .map(o -> {
              var m = new HashMap<String, Object>();
              m.put("fingerprint", o.fingerprint());
              m.put("decision", o.decision().name());
              m.put("incidentId", o.incident() == null ? null : o.incident().id());
              return m;
            })
            .toList();
    var out = new HashMap<String, Object>();
    out.put("incident", result.incident());
    out.put("alerts", alerts);
    out.put("mitigationSuggested", result.mitigationSuggested());
    ctx.json(out);
  }

  private Incident incident(Context ctx) {
    return lookup(service, ctx);
  }

  /** The incident of the {@code {id}} path parameter: a store id or an IG number. */
  static Incident lookup(IncidentService service, Context ctx) {
    var raw = ctx.pathParam("id");
    if (raw.regionMatches(true, 0, "IG-", 0, 3)) {
      return service
          .store()
          .findByNumber(raw.toUpperCase(java.util.Locale.ROOT))
          .orElseThrow(() -> new IncidentNotFoundException("incident " + raw));
    }
    try {
      return service.store().get(Long.parseLong(raw));
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(
          "incident id '" + raw + "' is neither a number nor IG-YYYY-MM-DD-NNN");
    }
  }

  private TimelineEntry entry(Context ctx, long incidentId) {
    var raw = ctx.pathParam("entryId");
    long entryId;
    try {
      entryId = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("timeline entry id '" + raw + "' is not a number");
    }
    return service.store().timeline(incidentId).stream()
        .filter(e -> e.id() == entryId)
        .findFirst()
        .orElseThrow(() ->
            new IncidentNotFoundException(
                "timeline entry " + entryId + " of incident " + incidentId));
  }

  static String user(Context ctx) {
    var p = WebApp.principal(ctx);
    return p == null ? "api" : p.name();
  }
}
