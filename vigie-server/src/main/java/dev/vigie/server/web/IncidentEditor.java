package dev.vigie.server.web;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.Client;
import dev.vigie.catalog.Service;
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
import dev.vigie.incident.Priority;
import dev.vigie.incident.timeline.EntryEdit;
import dev.vigie.incident.timeline.TimelineEntry;
import dev.vigie.incident.timeline.TimelineSource;
import dev.vigie.server.status.ComponentState;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The incident editor's actions: every field of the incident (services and clients ticked from the
 * catalogue), status changes with an optional time, timeline entries added, edited, hidden and
 * shown again, declarations made from the incident. A refused form is rendered again (400) with the
 * error next to its field in the user's language and what was typed kept ({@link EditorForm}); only
 * a missing incident or role leads to the error page.
 */
final class IncidentEditor {
  private final IncidentPages pages;
  private final ConsoleServices s;

  IncidentEditor(IncidentPages pages, ConsoleServices s) {
    this.pages = pages;
    this.s = s;
  }

  /** {@code POST /console/incidents/{id}/edit}: the editor's fields. */
  void edit(Context ctx) {
    IncidentService svc = pages.required();
    long id = IncidentPages.id(ctx);
    View v = ConsoleAuth.view(ctx);
    Incident current = found(() -> svc.store().get(id));
    Catalog cat = s.catalogModel();
    EditorForm f = EditorForm.of(current, cat, s.zone());
    for (String k :
        List.of(
            "title",
            "severity",
            "priority",
            "startedAt",
            "detectedAt",
            "endedAt",
            "mitigatedAt",
            "resolvedAt",
            "cause",
            "clientImpact",
            "otherServices",
            "otherClients")) {
      f.put(k, ctx.formParam(k));
    }
    Set<String> serviceIds = new LinkedHashSet<>(ctx.formParams("service"));
    Set<String> clientIds = new LinkedHashSet<>(ctx.formParams("client"));
    f.tick(serviceIds, clientIds);
    String title = ctx.formParam("title");
    if (title == null || title.isBlank()) f.error("title", v.t().t("ed.err.required"));
    IncidentSeverity severity = choice(f, v, "severity", IncidentSeverity.class);
    Priority priority = choice(f, v, "priority", Priority.class);
    Instant started = time(ctx, f, v, "startedAt", "startedAt");
    Instant detected = time(ctx, f, v, "detectedAt", "detectedAt");
    Instant ended = time(ctx, f, v, "endedAt", "endedAt");
    Instant mitigated = time(ctx, f, v, "mitigatedAt", "mitigatedAt");
    Instant resolved = time(ctx, f, v, "resolvedAt", "resolvedAt");
    if (started == null && f.err("startedAt") == null)
      f.error("startedAt", v.t().t("ed.err.required"));
    List<String> services = new ArrayList<>();
    for (String sid : serviceIds) {
      Service known = cat == null ? null : EditorForm.service(cat, sid);
      if (known == null) f.error("services", v.t().t("ed.err.unknown", sid));
      else services.add(known.name() == null ? known.id() : known.name());
    }
    services.addAll(IncidentPages.lines(ctx.formParam("otherServices")));
    List<AffectedClient> clients = new ArrayList<>();
    for (String cid : clientIds) {
      Client known = cat == null ? null : cat.client(cid).orElse(null);
      if (known == null) f.error("affectedClients", v.t().t("ed.err.unknown", cid));
      else clients.add(new AffectedClient(known.name() == null ? cid : known.name(), cid));
    }
    for (String name : IncidentPages.lines(ctx.formParam("otherClients")))
      clients.add(AffectedClient.entered(name));
    long version = version(ctx, current.version());
    if (!f.hasErrors()) {
      try {
        IncidentPatch patch =
            new IncidentPatch(
                title,
                severity,
                priority,
                started,
                ended,
                detected,
                mitigated,
                resolved,
                services,
                ctx.formParam("clientImpact"),
                ctx.formParam("cause"),
                clients);
        svc.requireNotFuture(patch);
        svc.edit(id, version, patch, LivePages.user(ctx));
        ctx.redirect("/console/incidents/" + id + "?saved=1");
        return;
      } catch (InvalidIncidentException e) {
        f.error(editorKey(e.field()), message(v, e));
      } catch (IncidentConflictException e) {
        f.error("form", v.t().t("ed.err.conflict"));
        pages.render(ctx, id, f, 409);
        return;
      }
    }
    pages.render(ctx, id, f, 400);
  }

  /** {@code POST /console/incidents/{id}/transitions}: a move, at a given time or now. */
  void transition(Context ctx) {
    IncidentService svc = pages.required();
    long id = IncidentPages.id(ctx);
    View v = ConsoleAuth.view(ctx);
    Incident current = found(() -> svc.store().get(id));
    EditorForm f = EditorForm.of(current, s.catalogModel(), s.zone());
    f.put("moveAt", ctx.formParam("at")).put("note", ctx.formParam("note"));
    IncidentStatus to;
    try {
      to = IncidentStatus.parse("to", ctx.formParam("to"));
    } catch (InvalidIncidentException e) {
      f.error("move", v.t().t("ed.err.invalid"));
      pages.render(ctx, id, f, 400);
      return;
    }
    Instant at = time(ctx, f, v, "at", "moveAt");
    if (!f.hasErrors()) {
      try {
        long seen = version(ctx, current.version());
        svc.requireNotFuture("at", at);
        svc.transition(id, to, seen, at, LivePages.user(ctx), ctx.formParam("note"));
        ctx.redirect("/console/incidents/" + id);
        return;
      } catch (InvalidIncidentException e) {
        f.error("at".equals(e.field()) ? "moveAt" : "move", message(v, e));
      } catch (IllegalTransitionException e) {
        f.error("move", v.t().t("ed.err.illegal", v.t().e("status", current.status())));
        pages.render(ctx, id, f, 409);
        return;
      } catch (IncidentConflictException e) {
        f.error("move", v.t().t("ed.err.conflict"));
        pages.render(ctx, id, f, 409);
        return;
      }
    }
    pages.render(ctx, id, f, 400);
  }

  /** {@code POST /console/incidents/{id}/entries}: a new timeline entry. */
  void addEntry(Context ctx) {
    IncidentService svc = pages.required();
    long id = IncidentPages.id(ctx);
    View v = ConsoleAuth.view(ctx);
    Incident current = found(() -> svc.store().get(id));
    EditorForm f = EditorForm.of(current, s.catalogModel(), s.zone());
    f.put("entry.description", ctx.formParam("description")).put("entry.at", ctx.formParam("at"));
    Instant at = time(ctx, f, v, "at", "entry.at");
    String text = ctx.formParam("description");
    if (text == null || text.isBlank()) f.error("entry.description", v.t().t("ed.err.required"));
    if (!f.hasErrors()) {
      try {
        svc.requireNotFuture("at", at);
        svc.addEntry(id, at, text, TimelineSource.OPERATOR, LivePages.user(ctx));
        ctx.redirect("/console/incidents/" + id + "#timeline");
        return;
      } catch (InvalidIncidentException e) {
        f.error("entry." + ("at".equals(e.field()) ? "at" : "description"), message(v, e));
      }
    }
    pages.render(ctx, id, f, 400);
  }

  /** {@code POST /console/incidents/{id}/entries/{entryId}}: an entry's time and text edited. */
  void editEntry(Context ctx) {
    IncidentService svc = pages.required();
    long id = IncidentPages.id(ctx);
    View v = ConsoleAuth.view(ctx);
    TimelineEntry entry = entry(svc, id, ctx);
    EditorForm f = EditorForm.of(svc.store().get(id), s.catalogModel(), s.zone());
    String k = "e" + entry.id() + ".";
    f.openEntry(entry.id())
        .put(k + "description", ctx.formParam("description"))
        .put(k + "at", ctx.formParam("at"));
    Instant at = time(ctx, f, v, "at", k + "at");
    String text = ctx.formParam("description");
    if (text == null || text.isBlank()) f.error(k + "description", v.t().t("ed.err.required"));
    if (!f.hasErrors()) {
      try {
        svc.requireNotFuture("at", at);
        svc.editEntry(
            id,
            entry.id(),
            new EntryEdit(
                (int) version(ctx, entry.revision()), at, text, null, LivePages.user(ctx)));
        ctx.redirect("/console/incidents/" + id + "#e" + entry.id());
        return;
      } catch (InvalidIncidentException e) {
        f.error(k + ("at".equals(e.field()) ? "at" : "description"), message(v, e));
      } catch (IncidentConflictException e) {
        f.error(k + "description", v.t().t("ed.err.conflict"));
        pages.render(ctx, id, f, 409);
        return;
      }
    }
    pages.render(ctx, id, f, 400);
  }

  /** Hides (or shows again) an entry; hiding offers an undo for 10 s. */
  void hide(Context ctx, boolean hidden) {
    IncidentService svc = pages.required();
    long id = IncidentPages.id(ctx);
    TimelineEntry entry = entry(svc, id, ctx);
    if (entry.hidden() != hidden) {
      found(() ->
          svc.editEntry(
              id,
              entry.id(),
              new EntryEdit(entry.revision(), null, null, hidden, LivePages.user(ctx))));
    }
    ctx.redirect(
        "/console/incidents/"
            + id
            + (hidden ? "?undo=" + entry.id() + "#timeline" : "#e" + entry.id()));
  }

  /** {@code POST /console/incidents/{id}/declarations}: a component's state on the status page. */
  void declare(Context ctx) {
    IncidentService svc = pages.required();
    long id = IncidentPages.id(ctx);
    View v = ConsoleAuth.view(ctx);
    if (s.declarations() == null) throw new ConsoleAuth.Refusal(404, v.t().t("ed.noDecl"));
    EditorForm f = EditorForm.of(found(() -> svc.store().get(id)), s.catalogModel(), s.zone());
    String component = ctx.formParam("component");
    ComponentState state = null;
    try {
      state =
          ComponentState.valueOf(String.valueOf(ctx.formParam("status")).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      f.error("decl", v.t().t("ed.err.invalid"));
    }
    if (!f.hasErrors()) {
      try {
        s.declarations()
            .component(id, component, state, ctx.formParam("note"), LivePages.user(ctx));
        ctx.redirect("/console/incidents/" + id + "#declarations");
        return;
      } catch (InvalidIncidentException e) {
        f.error("decl", message(v, e));
      }
    }
    pages.render(ctx, id, f, 400);
  }

  /** {@code POST /console/incidents/{id}/support-line}: the backup number shown or withdrawn. */
  void supportLine(Context ctx) {
    pages.required();
    long id = IncidentPages.id(ctx);
    View v = ConsoleAuth.view(ctx);
    if (s.declarations() == null) throw new ConsoleAuth.Refusal(404, v.t().t("ed.noDecl"));
    boolean down = "true".equals(ctx.formParam("down"));
    found(() -> s.declarations().supportLine(id, down, LivePages.user(ctx)));
    ctx.redirect("/console/incidents/" + id + (down ? "?undo=support" : "") + "#declarations");
  }

  // ------------------------------------------------------------------------------- helpers

  private TimelineEntry entry(IncidentService svc, long id, Context ctx) {
    long entryId;
    try {
      entryId = Long.parseLong(ctx.pathParam("entryId"));
    } catch (NumberFormatException e) {
      throw new ConsoleAuth.Refusal(404, "no entry '" + ctx.pathParam("entryId") + "'");
    }
    return found(() -> svc.store().timeline(id)).stream()
        .filter(e -> e.id() == entryId)
        .findFirst()
        .orElseThrow(() -> new ConsoleAuth.Refusal(404, "no entry " + entryId));
  }

  private static <T> T found(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (IncidentNotFoundException e) {
      throw new ConsoleAuth.Refusal(404, e.getMessage());
    } catch (IncidentConflictException | IllegalTransitionException e) {
      throw new ConsoleAuth.Refusal(409, e.getMessage());
    } catch (IncidentException e) {
      throw new ConsoleAuth.Refusal(400, e.getMessage());
    }
  }

  /**
   * A {@code datetime-local} field in the provider's zone; an error on the form when unreadable.
   */
  private Instant time(Context ctx, EditorForm f, View v, String param, String key) {
    String t = ctx.formParam(param);
    if (t == null || t.isBlank()) return null;
    try {
      return LocalDateTime.parse(t.strip()).atZone(s.zone()).toInstant();
    } catch (DateTimeParseException e) {
      f.error(key, v.t().t("ed.err.time"));
      return null;
    }
  }

  private static <E extends Enum<E>> E choice(EditorForm f, View v, String field, Class<E> type) {
    try {
      return dev.vigie.incident.Enums.parse(type, field, f.v(field));
    } catch (InvalidIncidentException e) {
      f.error(field, v.t().t("ed.err.invalid"));
      return null;
    }
  }

  /** The version the operator saw (optimistic locking); {@code absent} when the form has none. */
  private static long version(Context ctx, long absent) {
    String raw = ctx.formParam("version");
    if (raw == null || raw.isBlank()) return absent;
    try {
      return Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      return absent;
    }
  }

  /** The form key of a domain field. */
  private static String editorKey(String field) {
    if (field == null) return "form";
    if (field.startsWith("services")) return "otherServices";
    if (field.startsWith("affectedClients")) return "otherClients";
    return EditorForm.EDITOR.contains(field) ? field : "form";
  }

  /** A domain refusal in the user's language, its times in the provider's zone. */
  static String message(View v, InvalidIncidentException e) {
    if (e.code() == null) return v.t().t("ed.err.invalid");
    Object[] args =
        e.args().stream().map(a -> a instanceof Instant i ? v.t().time(i) : a).toArray();
    return v.t().t("ed.err." + e.code(), args);
  }
}
