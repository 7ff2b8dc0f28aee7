package dev.vigie.server.api;

import dev.vigie.incident.Language;
import dev.vigie.incident.obligation.Impact;
import dev.vigie.incident.obligation.ObligationKind;
import dev.vigie.incident.obligation.ObligationService;
import dev.vigie.incident.report.DraftReport;
import dev.vigie.server.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * The NIS2 routes under {@code /api/v1/incidents/{id}} (docs/obligations.md, docs/api.md): {@code
 * GET obligations} (classification, reasons, deadlines, client clock), {@code POST
 * obligations/{kind}} (records a submission and a timeline row) and {@code GET
 * obligations/{kind}/draft?format=html|pdf|json&lang=fr|en}. Reads need the viewer role, writes the
 * operator role. Thin: {@link ObligationService} and {@link DraftReport} do the work.
 */
public final class ObligationApi implements ApiRoutes {
  private static final String ONE = "/api/v1/incidents/{id}/obligations";
  private final ObligationService service;
  private final DraftReport drafts;

  public ObligationApi(ObligationService service, DraftReport drafts) {
    this.service = service;
    this.drafts = drafts;
  }

  @Override
  public void register(RoutesConfig r) {
    r.get(ONE, this::get);
    r.post(ONE + "/{kind}", this::submit);
    r.get(ONE + "/{kind}/draft", this::draft);
  }

  private void get(Context ctx) {
    var id = IncidentApi.lookup(service.incidents(), ctx).id();
    ctx.json(service.obligations(id, lang(ctx)));
  }

  private void submit(Context ctx) {
    var id = IncidentApi.lookup(service.incidents(), ctx).id();
    var kind = ObligationKind.parse("kind", ctx.pathParam("kind"));
    var b = JsonBody.of(ctx);
    service.submit(id, kind, b.instant("submittedAt"), b.text("reference"), IncidentApi.user(ctx));
    ctx.status(201).json(service.obligations(id, lang(ctx)));
  }

  private void draft(Context ctx) {
    var incident = IncidentApi.lookup(service.incidents(), ctx);
    var kind = ObligationKind.parse("kind", ctx.pathParam("kind"));
    var lang = lang(ctx);
    var store = service.incidents().store();
    var timeline = store.timeline(incident.id());
    var obligations = service.obligations(incident.id(), lang);
    if (!obligations.significant()) {
      throw new ApiError(
          409,
          "incident "
              + incident.number()
              + " is not significant: no NIS2 submission is owed ("
              + String.join(" ", obligations.reasons())
              + ")");
    }
    var in =
        new DraftReport.Input(
            incident, timeline, store.review(incident.id()).orElse(null), obligations, kind);
    var format = ctx.queryParam("format");
    format = format == null || format.isBlank() ? "html" : format.strip().toLowerCase(Locale.ROOT);
    switch (format) {
      case "json" -> ctx.json(drafts.json(in, lang));
      case "html" ->
          ctx.contentType("text/html; charset=UTF-8")
              .header("Content-Disposition", disposition(incident, kind, lang, "html"))
              .result(drafts.htmlBytes(in, lang));
      case "pdf" ->
          ctx.contentType("application/pdf")
              .header("Content-Disposition", disposition(incident, kind, lang, "pdf"))
              .result(drafts.pdf(in, lang));
      default -> throw ApiError.badRequest("format '" + format + "' is not one of html, pdf, json");
    }
  }

  private static String disposition(
      dev.vigie.incident.Incident i, ObligationKind kind, Language lang, String ext) {
    return "inline; filename=\"" + DraftReport.fileName(i, kind, lang, ext) + "\"";
  }

  private static Language lang(Context ctx) {
    return Language.parse("lang", ctx.queryParam("lang"));
  }

  /**
   * The impact facts of an incident body ({@code POST /incidents}, {@code PATCH /incidents/{id}}):
   * null when the body has none of them.
   */
  static Impact impact(JsonBody b) {
    boolean any = false;
    for (var f :
        new String[] {
          "unavailableFrom",
          "unavailableUntil",
          "degradedFrom",
          "degradedUntil",
          "usersAffected",
          "suspectedMalicious",
          "crossBorder"
        }) {
      any |= b.has(f);
    }
    if (!any) return null;
    return new Impact(
        b.instant("unavailableFrom"),
        b.instant("unavailableUntil"),
        b.instant("degradedFrom"),
        b.instant("degradedUntil"),
        b.integer("usersAffected"),
        b.bool("suspectedMalicious"),
        b.bool("crossBorder"),
        null);
  }

  /** The impact facts as JSON fields added to an incident's JSON. */
  static void addImpact(com.fasterxml.jackson.databind.node.ObjectNode node, Impact i) {
    var m = Json.mapper();
    node.set("unavailableFrom", m.valueToTree(i.unavailableFrom()));
    node.set("unavailableUntil", m.valueToTree(i.unavailableUntil()));
    node.set("degradedFrom", m.valueToTree(i.degradedFrom()));
    node.set("degradedUntil", m.valueToTree(i.degradedUntil()));
    node.set("usersAffected", m.valueToTree(i.usersAffected()));
    node.put("suspectedMalicious", i.malicious());
    node.set("crossBorder", m.valueToTree(i.crossBorder()));
    node.set("indicators", m.valueToTree(i.indicators()));
  }
}
