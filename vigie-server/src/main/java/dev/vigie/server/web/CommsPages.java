package dev.vigie.server.web;

import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentNotFoundException;
import dev.vigie.incident.Language;
import dev.vigie.incident.notify.NotificationState;
import dev.vigie.incident.notify.PublicStatus;
import dev.vigie.server.api.ApiRoutes;
import dev.vigie.server.api.Role;
import dev.vigie.server.comms.CommsService;
import dev.vigie.server.comms.Drafts;
import dev.vigie.server.notify.NotificationModule;
import dev.vigie.server.status.StatusPages;
import dev.vigie.server.storage.AuditLog;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The console's client communication pages: an incident's updates ({@code
 * /console/incidents/{id}/comms}), a draft with its preview (the e-mail in French and English, the
 * status page entry in both languages) and the exact recipients, published by an operator; and the
 * outbox ({@code /console/outbox}): what is queued, sent or failed, with recipients, attempts and
 * errors, and a retry for a failed message. Registered beside {@link Console}, behind its sign-in
 * and CSRF filter; actions need the operator role and are audited.
 */
public final class CommsPages implements ApiRoutes {
  private static final int OUTBOX_ROWS = 300;
  private final Renderer r;
  private final CommsService comms;
  private final NotificationModule notifications;
  private final StatusPages status;
  private final AuditLog audit;
  private final InstantSource clock;

  public CommsPages(
      CommsService comms,
      NotificationModule notifications,
      StatusPages status,
      AuditLog audit,
      InstantSource clock) {
    this.r = new Renderer();
    this.comms = comms;
    this.notifications = notifications;
    this.status = status;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void register(RoutesConfig c) {
    c.get("/console/incidents/{id}/comms", this::list);
    c.post("/console/incidents/{id}/comms", op(this::create));
    c.get("/console/incidents/{id}/comms/{draft}", this::draft);
    c.post("/console/incidents/{id}/comms/{draft}", op(this::save));
    c.post("/console/incidents/{id}/comms/{draft}/publish", op(this::publish));
    c.post("/console/incidents/{id}/comms/{draft}/discard", op(this::discard));
    c.get("/console/incidents/{id}/comms/{draft}/email", this::email);
    c.get("/console/outbox", this::outbox);
    c.post("/console/outbox/{nid}/retry", op(this::retry));
  }

  private static Handler op(Handler h) {
    return ctx -> {
      ConsoleAuth.require(ctx, Role.OPERATOR);
      h.handle(ctx);
    };
  }

  // ------------------------------------------------------------------------------ incident comms

  private void list(Context ctx) {
    Incident i = incident(ctx);
    View v = LivePages.nav(ctx, "incidents");
    String done = ctx.queryParam("published");
    if (done != null) {
      var d = comms.drafts().find(parse(done)).orElse(null);
      if (d != null && d.incidentId() == i.id() && d.recipients() != null) {
        v =
            v.withNotice(
                d.recipients() == 0
                    ? v.t().t("comms.publishedPageOnly")
                    : v.t().t("comms.published", d.recipients()),
                false);
      }
    }
    if (ctx.queryParam("discarded") != null) v = v.withNotice(v.t().t("comms.discarded"), false);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("i", i);
    m.put("drafts", comms.drafts().of(i.id()));
    r.html(ctx, "comms.jte", v, m);
  }

  private void create(Context ctx) {
    Incident i = incident(ctx);
    var d = comms.draft(i, LivePages.user(ctx));
    ctx.redirect("/console/incidents/" + i.id() + "/comms/" + d.id());
  }

  private void draft(Context ctx) {
    Incident i = incident(ctx);
    Drafts.Draft d = draftOf(ctx, i);
    View v = LivePages.nav(ctx, "incidents");
    if (ctx.queryParam("saved") != null) v = v.withNotice(v.t().t("comms.saved"), false);
    render(ctx, v, i, d, d.status(), d.textFr(), d.textEn(), Map.of());
  }

  private void render(
      Context ctx,
      View v,
      Incident i,
      Drafts.Draft d,
      PublicStatus st,
      String fr,
      String en,
      Map<String, List<String>> errors) {
    var p = comms.preview(d);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("i", i);
    m.put("d", d);
    m.put("status", st);
    m.put("textFr", fr);
    m.put("textEn", en);
    m.put("errors", errors);
    m.put("statuses", List.of(PublicStatus.values()));
    m.put("p", p);
    Map<String, String> page = new LinkedHashMap<>();
    p.page().forEach((l, pi) -> page.put(l.name(), status.previewEntry(pi, l == Language.FR)));
    m.put("page", page);
    r.html(ctx, "commsdraft.jte", v, m);
  }

  private void save(Context ctx) {
    Incident i = incident(ctx);
    Drafts.Draft d = draftOf(ctx, i);
    PublicStatus st = publicStatus(ctx.formParam("status"));
    String fr = ctx.formParam("textFr");
    String en = ctx.formParam("textEn");
    int version = (int) LivePages.longParam(ctx, "version", d.version(), 0, Integer.MAX_VALUE);
    try {
      comms.save(d.id(), version, st, fr, en);
    } catch (CommsService.Refused e) {
      View v = LivePages.nav(ctx, "incidents");
      ctx.status(400);
      render(
          ctx,
          v.withNotice(v.t().t("comms.err.fix"), true),
          i,
          d,
          st,
          fr == null ? "" : fr,
          en == null ? "" : en,
          e.in(v.t()));
      return;
    } catch (CommsService.Conflict e) {
      throw new ConsoleAuth.Refusal(409, ConsoleAuth.view(ctx).t().t("comms.conflict"));
    }
    ctx.redirect("/console/incidents/" + i.id() + "/comms/" + d.id() + "?saved=1#preview");
  }

  private void publish(Context ctx) {
    Incident i = incident(ctx);
    Drafts.Draft d = draftOf(ctx, i);
    int version = (int) LivePages.longParam(ctx, "version", -1, -1, Integer.MAX_VALUE);
    String who = LivePages.user(ctx);
    try {
      var p = comms.publish(d.id(), version, who);
      audit.record(
          clock.instant(),
          who,
          "CLIENT_UPDATE_PUBLISHED",
          i.number(),
          null,
          "draft " + d.id() + ", " + p.recipients().size() + " recipient(s)");
    } catch (CommsService.Conflict e) {
      throw new ConsoleAuth.Refusal(409, ConsoleAuth.view(ctx).t().t("comms.conflict"));
    } catch (CommsService.Refused e) {
      throw new ConsoleAuth.Refusal(400, e.getMessage());
    }
    ctx.redirect("/console/incidents/" + i.id() + "/comms?published=" + d.id());
  }

  private void discard(Context ctx) {
    Incident i = incident(ctx);
    Drafts.Draft d = draftOf(ctx, i);
    if (!comms.drafts().discard(d.id(), clock.instant()))
      throw new ConsoleAuth.Refusal(409, ConsoleAuth.view(ctx).t().t("comms.conflict"));
    ctx.redirect("/console/incidents/" + i.id() + "/comms?discarded=1");
  }

  /**
   * The HTML part of the draft's e-mail in one language, alone in the page as a mail reader shows
   * it; its inline styles are allowed here only (nothing else: no script, no remote content).
   */
  private void email(Context ctx) {
    Incident i = incident(ctx);
    Drafts.Draft d = draftOf(ctx, i);
    var p = comms.preview(d);
    var m = p.emails().get("en".equals(ctx.queryParam("lang")) ? Language.EN : Language.FR);
    if (m == null) throw new ConsoleAuth.Refusal(404, "e-mail is not configured");
    ctx.header(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'");
    ctx.contentType("text/html; charset=utf-8").result(m.html());
  }

  // ---------------------------------------------------------------------------------- outbox

  private void outbox(Context ctx) {
    View v = LivePages.nav(ctx, "outbox");
    if ("1".equals(ctx.queryParam("retried"))) v = v.withNotice(v.t().t("outbox.retried"), false);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("configured", notifications != null);
    String s = LivePages.q(ctx, "state");
    NotificationState state = null;
    if (!s.isEmpty()) {
      try {
        state = NotificationState.valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConsoleAuth.Refusal(400, "state: '" + s + "'");
      }
    }
    m.put("state", state == null ? "" : state.name());
    m.put("states", List.of(NotificationState.values()));
    if (notifications != null) {
      var out = notifications.outbox();
      m.put("sending", notifications.sending());
      m.put("rows", out.list(state, OUTBOX_ROWS));
      m.put(
          "counts",
          List.of(
              out.count(NotificationState.PENDING),
              out.count(NotificationState.SENT),
              out.count(NotificationState.FAILED_PERMANENTLY)));
    } else {
      m.put("sending", false);
      m.put("rows", List.of());
      m.put("counts", List.of(0, 0, 0));
    }
    m.put("max", OUTBOX_ROWS);
    r.html(ctx, "outbox.jte", v, m);
  }

  private void retry(Context ctx) {
    if (notifications == null) throw new ConsoleAuth.Refusal(404, "notifications off");
    UUID id;
    try {
      id = UUID.fromString(ctx.pathParam("nid"));
    } catch (IllegalArgumentException e) {
      throw new ConsoleAuth.Refusal(404, "no message '" + ctx.pathParam("nid") + "'");
    }
    if (!notifications.outbox().retry(id, clock.instant()))
      throw new ConsoleAuth.Refusal(409, ConsoleAuth.view(ctx).t().t("outbox.notRetried"));
    audit.record(
        clock.instant(), LivePages.user(ctx), "NOTIFICATION_RETRIED", id.toString(), null, null);
    ctx.redirect("/console/outbox?retried=1");
  }

  // --------------------------------------------------------------------------------- helpers

  private Incident incident(Context ctx) {
    long id = parse(ctx.pathParam("id"));
    try {
      return comms.incidentService().store().get(id);
    } catch (IncidentNotFoundException e) {
      throw new ConsoleAuth.Refusal(404, e.getMessage());
    }
  }

  private Drafts.Draft draftOf(Context ctx, Incident i) {
    long id = parse(ctx.pathParam("draft"));
    return comms
        .drafts()
        .find(id)
        .filter(d -> d.incidentId() == i.id())
        .orElseThrow(() -> new ConsoleAuth.Refusal(404, "no draft " + id));
  }

  private static long parse(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new ConsoleAuth.Refusal(404, "not found: '" + s + "'");
    }
  }

  private static PublicStatus publicStatus(String s) {
    try {
      return PublicStatus.valueOf(s == null ? "" : s.strip());
    } catch (IllegalArgumentException e) {
      throw new ConsoleAuth.Refusal(400, "status: '" + s + "'");
    }
  }
}
