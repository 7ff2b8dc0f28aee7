package dev.vigie.server.status;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.Client;
import dev.vigie.server.Json;
import dev.vigie.server.api.ApiError;
import dev.vigie.server.api.ApiRoutes;
import dev.vigie.server.api.Role;
import dev.vigie.server.api.WebApp;
import dev.vigie.server.i18n.Lang;
import dev.vigie.server.i18n.Texts;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The public status page ({@code /status}, {@code /status.json}), per-client pages at an
 * unguessable link ({@code /status/c/TOKEN}), and the operators' declarations ({@code PUT
 * /api/v1/status/components/{id}}, {@code PUT /api/v1/status/support-line}, {@code GET
 * /api/v1/status/links}). French by default, {@code ?lang=en} for English. Server-rendered, no
 * script: it must load when everything else is on fire.
 */
public final class StatusPages implements ApiRoutes {
  private final StatusBoard board;
  private final Catalog catalog;
  private final StatusLinks links;
  private final Supplier<List<PublishedIncident>> incidents;
  private final String company;
  private final ZoneId zone;
  private volatile IncidentDeclarations declarations;
  private final StatusHistory history;
  private final Supplier<List<PublishedIncident>> past;
  private final StatusCache cache;
  private final String cacheControl;
  private final Counter full;
  private final Counter notModified;

  public StatusPages(
      StatusBoard board,
      Catalog catalog,
      StatusLinks links,
      Supplier<List<PublishedIncident>> incidents,
      String company,
      ZoneId zone) {
    // without a server cache: nothing tells these pages when the suppliers' answers change, so
    // every request reads them again
    this(
        board,
        catalog,
        links,
        incidents,
        company,
        zone,
        null,
        List::of,
        InstantSource.system(),
        StatusPageSettings.uncached(),
        null);
  }

  /**
   * The server's pages: what they show is read once and served until {@link #invalidate()} (which
   * the board's changes call by themselves; the incident store and the publications are wired by
   * the server), {@code settings.cacheFor()} or the day's end in {@code zone} ({@link
   * StatusCache}).
   *
   * @param history the board's 90-day log (null: no history bars)
   * @param past the published incidents of the last 90 days (history bars, Atom feed)
   * @param metrics where {@code vigie_status_page_*} are counted (null: nowhere)
   */
  public StatusPages(
      StatusBoard board,
      Catalog catalog,
      StatusLinks links,
      Supplier<List<PublishedIncident>> incidents,
      String company,
      ZoneId zone,
      StatusHistory history,
      Supplier<List<PublishedIncident>> past,
      InstantSource clock,
      StatusPageSettings settings,
      MeterRegistry metrics) {
    this.board = board;
    this.catalog = catalog;
    this.links = links;
    this.incidents = incidents;
    this.company = company;
    this.zone = zone;
    this.history = history;
    this.past = past;
    this.cache = new StatusCache(this::facts, clock, zone, settings.cacheFor(), metrics);
    // 0 (the default): kept but revalidated on every use, a 304 while unchanged; a page that says
    // the main numbers are down must not wait in a browser's cache
    this.cacheControl =
        settings.maxAge().isZero()
            ? "public, no-cache"
            : "public, max-age=" + settings.maxAge().toSeconds();
    // registered after the history's own listener (built before this): its log row is written
    // when the cache is told, so the next build reads it
    board.onChange(what -> cache.invalidate());
    if (metrics != null) {
      full = requests(metrics, "200");
      notModified = requests(metrics, "304");
    } else {
      full = null;
      notModified = null;
    }
  }

  private static Counter requests(MeterRegistry metrics, String answer) {
    return Counter.builder("vigie_status_page_requests_total")
        .description("requests of the public status pages, by answer (200 or 304 Not Modified)")
        .tag("answer", answer)
        .register(metrics);
  }

  /**
   * Something the public pages show may have changed (an incident or a publication was written):
   * the next request reads the facts again. Call it after the write's commit.
   */
  public void invalidate() {
    cache.invalidate();
  }

  /**
   * How many times the pages' facts were read (what {@code vigie_status_page_builds_total} says).
   */
  public long builds() {
    return cache.builds();
  }

  /** Everything the public pages are built from, read now (one set of queries). */
  private StatusCache.Facts facts() {
    List<PublishedIncident> published = incidents.get();
    List<PublishedIncident> recent = past.get();
    List<StatusBoard.Line> lines = board.lines();
    return new StatusCache.Facts(
        published,
        recent,
        lines,
        board.supportLine(),
        history == null ? Map.of() : history.days(lines, recent),
        board.changedAt());
  }

  @Override
  public void register(RoutesConfig r) {
    r.get("/status", ctx -> serve(ctx, null, Format.HTML));
    r.get("/status.json", ctx -> serve(ctx, null, Format.JSON));
    r.get("/status/c/{token}", ctx -> serve(ctx, client(ctx), Format.HTML));
    r.get("/status/c/{token}/json", ctx -> serve(ctx, client(ctx), Format.JSON));
    r.get("/status/feed.atom", ctx -> serve(ctx, null, Format.ATOM));
    r.get("/status/c/{token}/feed.atom", ctx -> serve(ctx, client(ctx), Format.ATOM));
    r.put("/api/v1/status/components/{id}", this::declare);
    r.put("/api/v1/status/support-line", this::supportLine);
    r.get("/api/v1/status/links", this::links);
    r.post("/api/v1/incidents/{id}/declarations", this::fromIncident);
  }

  /**
   * Makes declarations join incidents: from now on a declaration names its incident ({@code
   * "incident"} in the body, or {@code POST /incidents/{id}/declarations}) or joins the only open
   * one.
   */
  public void declarations(IncidentDeclarations d) {
    this.declarations = d;
  }

  /**
   * {@code POST /api/v1/incidents/{id}/declarations} {@code {"component", "status", "note"}} or
   * {@code {"supportLine": "down"|"up"}}: a declaration made from the incident; answers 201 with
   * the timeline entry it wrote.
   */
  private void fromIncident(Context ctx) {
    WebApp.require(ctx, Role.OPERATOR);
    if (declarations == null)
      throw ApiError.notFound("declarations need incidents and a catalogue");
    Map<?, ?> body = ctx.bodyAsClass(Map.class);
    long id = declarations.incidentFor(ctx.pathParam("id"));
    String who = WebApp.principal(ctx).name();
    Object line = body.get("supportLine");
    if (line != null) {
      boolean down =
          switch (String.valueOf(line).toLowerCase(Locale.ROOT)) {
            case "down", "true" -> true;
            case "up", "false" -> false;
            default -> throw ApiError.badRequest("supportLine: '" + line + "' is not down or up");
          };
      ctx.status(201).json(declarations.supportLine(id, down, who));
      return;
    }
    if (!(body.get("component") instanceof String c))
      throw ApiError.badRequest("field 'component' (a catalogue id) or 'supportLine' is required");
    ctx.status(201)
        .json(
            declarations.component(
                id, c, state(body), body.get("note") instanceof String n ? n : null, who));
  }

  private static ComponentState state(Map<?, ?> body) {
    Object st = body.get("status");
    if (!(st instanceof String s))
      throw ApiError.badRequest(
          "field 'status' is required: " + java.util.Arrays.toString(ComponentState.values()));
    try {
      return ComponentState.valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(
          "status: '"
              + s
              + "' is not one of "
              + java.util.Arrays.toString(ComponentState.values()));
    }
  }

  private Client client(Context ctx) {
    if (catalog == null) throw ApiError.notFound("no such status page");
    String id =
        links.clientOf(ctx.pathParam("token"), catalog.clients().stream().map(Client::id).toList());
    if (id == null) throw ApiError.notFound("no such status page");
    return catalog.client(id).orElseThrow();
  }

  private static boolean fr(Context ctx) {
    return !"en".equals(ctx.queryParam("lang"));
  }

  private enum Format {
    HTML("text/html; charset=utf-8"),
    JSON("application/json"),
    ATOM("application/atom+xml; charset=utf-8");

    final String contentType;

    Format(String contentType) {
      this.contentType = contentType;
    }
  }

  /**
   * One public page from the current build: rendered once per build, path and language; {@code
   * ETag} from its bytes, {@code 304 Not Modified} when the client holds it already, and {@code
   * Cache-Control: public, no-cache} (or {@code max-age}: statusPage.maxAge).
   */
  private void serve(Context ctx, Client client, Format format) {
    boolean fr = fr(ctx);
    String path = ctx.path();
    StatusCache.Build b = cache.get();
    StatusCache.Body body =
        b.body(
            format + " " + (fr ? "fr " : "en ") + path,
            build ->
                switch (format) {
                  case HTML -> html(build, client, fr, path);
                  case JSON -> json(view(build, client, fr));
                  case ATOM -> feed(build, client, fr, path);
                });
    boolean gzip = StatusCache.acceptsGzip(ctx.header("Accept-Encoding"));
    String etag = gzip ? body.gzipEtag() : body.etag();
    ctx.disableCompression(); // gzipped once per build, not per request
    ctx.header("Cache-Control", cacheControl);
    ctx.header("Vary", "Accept-Encoding");
    ctx.header("ETag", etag);
    if (StatusCache.matches(ctx.header("If-None-Match"), etag)) {
      if (notModified != null) notModified.increment();
      ctx.status(304);
      return;
    }
    if (full != null) full.increment();
    if (gzip) ctx.header("Content-Encoding", "gzip");
    ctx.contentType(format.contentType).result(gzip ? body.gzip() : body.bytes());
  }

  private static String json(Map<String, Object> view) {
    try {
      return Json.mapper().writeValueAsString(view);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("status page: not written as JSON", e);
    }
  }

  /** The page's data in French; for a client, only its services and its incidents. */
  public Map<String, Object> view(Client client) {
    return view(client, true);
  }

  /**
   * What the open published incidents say of a service (worst wins): an incident being investigated
   * or identified is a partial outage, one whose fix is applied and watched a degraded service;
   * resolved ones say nothing, so the service returns to what probes and operators declare. Matched
   * by catalogue id or public name, as incidents store services.
   */
  static ComponentState fromIncidents(StatusBoard.Line l, List<PublishedIncident> published) {
    ComponentState st = ComponentState.OPERATIONAL;
    for (PublishedIncident p : published) {
      if (!p.active() || !(p.services().contains(l.id()) || p.services().contains(l.name())))
        continue;
      st =
          ComponentState.worst(
              st,
              switch (p.status()) {
                case INVESTIGATING, IDENTIFIED -> ComponentState.PARTIAL_OUTAGE;
                case MONITORING -> ComponentState.DEGRADED_PERFORMANCE;
                case RESOLVED -> ComponentState.OPERATIONAL;
              });
    }
    return st;
  }

  /**
   * The page's data; for a client, only its services and its incidents ({@link PublicView}: an
   * allow-list of public facts).
   */
  public Map<String, Object> view(Client client, boolean fr) {
    return view(cache.get(), client, fr);
  }

  private Map<String, Object> view(StatusCache.Build build, Client client, boolean fr) {
    StatusCache.Facts f = build.facts;
    Set<String> only = client == null ? null : Set.copyOf(client.services());
    List<Map<String, Object>> comps = new ArrayList<>();
    ComponentState overall = ComponentState.OPERATIONAL;
    List<PublishedIncident> published = f.published();
    List<StatusBoard.Line> lines = f.lines();
    Map<String, List<StatusHistory.Day>> days = f.days();
    for (StatusBoard.Line l : lines) {
      if (only != null && !only.contains(l.id())) continue;
      ComponentState st = ComponentState.worst(l.state(), fromIncidents(l, published));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", l.id());
      m.put("name", l.name());
      m.put("status", st.name());
      m.put("note", l.note());
      List<StatusHistory.Day> h = days.get(l.id());
      if (h != null) {
        m.put(
            "history",
            h.stream()
                .map(d -> Map.of("date", d.date().toString(), "status", d.state().name()))
                .toList());
      }
      comps.add(m);
      overall = ComponentState.worst(overall, st);
    }
    StatusBoard.SupportLine s = f.support();
    Map<String, Object> support = new LinkedHashMap<>();
    support.put("mainNumbers", s.mainNumbers());
    support.put("mainNumbersDown", s.mainNumbersDown());
    support.put("backupNumber", s.backupNumber());
    support.put("backupShown", s.backupShown());
    support.put(
        "banner", s.backupShown() ? Map.of("fr", banner(s, true), "en", banner(s, false)) : null);
    List<PublicIncident> mine = PublicView.of(published, catalog, client, fr);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("company", company);
    out.put("client", client == null ? null : client.name());
    out.put("generatedAt", build.builtAt);
    out.put("updatedAt", f.changedAt());
    out.put("overall", overall.name());
    out.put("components", comps);
    out.put("supportLine", support);
    out.put("activeIncidents", mine.stream().filter(PublicIncident::active).toList());
    out.put("recentIncidents", mine.stream().filter(i -> !i.active()).limit(10).toList());
    return out;
  }

  static String banner(StatusBoard.SupportLine s, boolean fr) {
    Texts t = texts(fr, ZoneOffset.UTC);
    boolean some =
        !s.declaredDown()
            && s.mainNumbersDown().size() < s.mainNumbers().size()
            && !s.mainNumbersDown().isEmpty();
    String head =
        some
            ? t.t("statuspage.banner.some", String.join(", ", s.mainNumbersDown()))
            : t.t("statuspage.banner.all");
    if (s.backupNumber() == null) return head;
    return head + " " + t.t("statuspage.banner.call", s.backupNumber());
  }

  static Texts texts(boolean fr, ZoneId zone) {
    return new Texts(fr ? Lang.FR : Lang.EN, zone);
  }

  private void declare(Context ctx) {
    Map<?, ?> body = ctx.bodyAsClass(Map.class);
    ComponentState state = state(body);
    String note = body.get("note") instanceof String n ? n : null;
    String who = WebApp.principal(ctx).name();
    Long incident = joined(body);
    if (incident != null) {
      if (catalog == null || catalog.component(ctx.pathParam("id")).isEmpty())
        throw ApiError.notFound("no component '" + ctx.pathParam("id") + "' in the catalogue");
      declarations.component(incident, ctx.pathParam("id"), state, note, who);
      ctx.json(view(null));
      return;
    }
    try {
      board.declare(ctx.pathParam("id"), state, note, who);
    } catch (IllegalArgumentException e) {
      throw ApiError.notFound(e.getMessage());
    }
    ctx.json(view(null));
  }

  /** The incident a declaration joins (named in the body, or the only open one), or null. */
  private Long joined(Map<?, ?> body) {
    return declarations == null ? null : declarations.incidentFor(body.get("incident"));
  }

  private void supportLine(Context ctx) {
    Map<?, ?> body = ctx.bodyAsClass(Map.class);
    if (!(body.get("down") instanceof Boolean down))
      throw ApiError.badRequest("field 'down' (true or false) is required");
    Long incident = joined(body);
    if (incident != null) declarations.supportLine(incident, down, WebApp.principal(ctx).name());
    else board.declareSupportDown(down, WebApp.principal(ctx).name());
    ctx.json(view(null).get("supportLine"));
  }

  private void links(Context ctx) {
    WebApp.require(ctx, Role.OPERATOR);
    Map<String, String> out = new LinkedHashMap<>();
    if (catalog != null)
      for (Client c : catalog.clients()) out.put(c.id(), "/status/c/" + links.token(c.id()));
    ctx.json(out);
  }

  // ------------------------------------------------------------------------------------- HTML

  @SuppressWarnings("unchecked")
  private String html(StatusCache.Build build, Client client, boolean fr, String path) {
    Texts t = texts(fr, zone);
    Map<String, Object> v = view(build, client, fr);
    DateTimeFormatter f = dateTime(t);
    StringBuilder h = new StringBuilder(16384);
    String title =
        t.t("statuspage.title")
            + " – "
            + esc(company)
            + (client == null ? "" : " – " + esc(client.name()));
    String lang = fr ? "fr" : "en";
    h.append("<!doctype html><html lang=\"")
        .append(lang)
        .append("\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(title)
        .append("</title><link rel=\"alternate\" type=\"application/atom+xml\" href=\"")
        .append(feedPath(path))
        .append("?lang=")
        .append(lang)
        .append("\" title=\"")
        .append(esc(t.t("statuspage.feed")))
        .append("\"><style>")
        .append(CSS)
        .append("</style></head><body><main>");
    h.append("<header><h1>")
        .append(title)
        .append("</h1><nav aria-label=\"")
        .append(esc(t.t("statuspage.language")))
        .append(
            "\"><a href=\"?lang=fr\" lang=\"fr\">FR</a> · <a href=\"?lang=en\" lang=\"en\">EN</a>")
        .append(" · <a href=\"")
        .append(feedPath(path))
        .append("?lang=")
        .append(lang)
        .append("\">")
        .append(esc(t.t("statuspage.feed")))
        .append("</a></nav></header>");
    Map<String, Object> support = (Map<String, Object>) v.get("supportLine");
    if (Boolean.TRUE.equals(support.get("backupShown"))) {
      Map<String, String> b = (Map<String, String>) support.get("banner");
      h.append("<section class=\"banner\" role=\"alert\"><strong>")
          .append(esc(t.t("statuspage.backupTitle")))
          .append("</strong><p>")
          .append(esc(b.get(lang)))
          .append("</p>");
      if (support.get("backupNumber") != null) {
        h.append("<a class=\"tel\" href=\"tel:")
            .append(esc(((String) support.get("backupNumber")).replace(" ", "")))
            .append("\">")
            .append(esc((String) support.get("backupNumber")))
            .append("</a>");
      }
      h.append("</section>");
    }
    ComponentState overall = ComponentState.valueOf((String) v.get("overall"));
    h.append("<section class=\"overall s-")
        .append(overall.name().toLowerCase(Locale.ROOT))
        .append("\">")
        .append(
            overall == ComponentState.OPERATIONAL
                ? esc(t.t("statuspage.allOperational"))
                : esc(t.t("cstate." + overall.name())))
        .append("</section>");
    List<PublicIncident> active = (List<PublicIncident>) v.get("activeIncidents");
    if (!active.isEmpty()) {
      h.append("<h2>").append(esc(t.t("statuspage.ongoing"))).append("</h2>");
      for (PublicIncident i : active) h.append(entry(i, t));
    }
    h.append("<h2>").append(esc(t.t("statuspage.services"))).append("</h2><table><tbody>");
    List<Map<String, Object>> comps = (List<Map<String, Object>>) v.get("components");
    for (Map<String, Object> c : comps) {
      ComponentState st = ComponentState.valueOf((String) c.get("status"));
      h.append("<tr><td>").append(esc((String) c.get("name")));
      if (c.get("note") != null)
        h.append("<div class=\"note\">").append(esc((String) c.get("note"))).append("</div>");
      h.append("</td><td class=\"st s-")
          .append(st.name().toLowerCase(Locale.ROOT))
          .append("\">")
          .append(esc(t.t("cstate." + st.name())))
          .append("</td></tr>");
    }
    h.append("</tbody></table>");
    if (history != null && !comps.isEmpty()) {
      h.append("<h2>").append(esc(t.t("statuspage.history", StatusHistory.DAYS))).append("</h2>");
      for (Map<String, Object> c : comps) {
        List<Map<String, String>> days = (List<Map<String, String>>) c.get("history");
        if (days != null)
          HistoryBars.append(h, (String) c.get("id"), (String) c.get("name"), days, t);
      }
    }
    List<PublicIncident> recent = (List<PublicIncident>) v.get("recentIncidents");
    h.append("<h2>").append(esc(t.t("statuspage.recent"))).append("</h2>");
    if (recent.isEmpty())
      h.append("<p class=\"muted\">").append(esc(t.t("statuspage.noRecent"))).append("</p>");
    for (PublicIncident i : recent) h.append(entry(i, t));
    h.append("<footer>")
        .append(esc(t.t("statuspage.updated", f.format((Instant) v.get("updatedAt")))))
        .append(" · ")
        .append(esc(t.t("statuspage.zone", zoneName(zone, fr))))
        .append("</footer></main><script>")
        .append(REFRESH)
        .append("</script></body></html>");
    return h.toString();
  }

  /** "/status/feed.atom" or the client page's own feed. */
  private static String feedPath(String p) {
    return p.startsWith("/status/c/") ? p + "/feed.atom" : "/status/feed.atom";
  }

  /** The zone as people name it: "Paris" for Europe/Paris. */
  static String zoneName(ZoneId zone, boolean fr) {
    String id = zone.getId();
    int slash = id.lastIndexOf('/');
    return slash < 0 ? id : id.substring(slash + 1).replace('_', ' ');
  }

  static DateTimeFormatter dateTime(Texts t) {
    return DateTimeFormatter.ofPattern(
            t.t("statuspage.dateTime"), t.lang() == Lang.FR ? Locale.FRENCH : Locale.ENGLISH)
        .withZone(t.zone());
  }

  /**
   * One incident as the status page shows it, in the page's language: number and public title,
   * times, status, services, and every public update with its time in the provider's zone. Also the
   * console's preview of a draft (same code, so the preview is the page).
   */
  public static String entry(PublicIncident i, Texts t) {
    DateTimeFormatter f = dateTime(t);
    StringBuilder h = new StringBuilder(512);
    h.append("<article class=\"incident\" id=\"")
        .append(esc(i.number()))
        .append("\"><h3>")
        .append(esc(i.number()))
        .append(" – ")
        .append(esc(i.title()))
        .append("</h3><p class=\"muted\">")
        .append(esc(t.t("statuspage.started", f.format(i.startedAt()))));
    if (i.resolvedAt() != null)
      h.append(" · ").append(esc(t.t("statuspage.resolved", f.format(i.resolvedAt()))));
    h.append(" · <strong>").append(esc(i.status())).append("</strong></p>");
    if (!i.services().isEmpty())
      h.append("<p class=\"muted\">")
          .append(esc(t.t("statuspage.affected", String.join(", ", i.services()))))
          .append("</p>");
    h.append("<ul>");
    for (PublicIncident.Update u : i.updates().reversed()) {
      h.append("<li><time datetime=\"")
          .append(u.at())
          .append("\">")
          .append(f.format(u.at()))
          .append("</time> ")
          .append(esc(u.text()))
          .append("</li>");
    }
    h.append("</ul></article>");
    return h.toString();
  }

  /** A published incident as one page in one language would show it (the console's preview). */
  public String previewEntry(PublishedIncident p, boolean fr) {
    List<PublicIncident> one = PublicView.of(List.of(p), catalog, null, fr);
    return one.isEmpty() ? "" : entry(one.get(0), texts(fr, zone));
  }

  private String feed(StatusCache.Build build, Client client, boolean fr, String path) {
    List<PublicIncident> items = PublicView.of(build.facts.past(), catalog, client, fr);
    String page = client == null ? "/status" : path.substring(0, path.length() - 10);
    return AtomFeed.render(
        items,
        texts(fr, zone),
        company + (client == null ? "" : " – " + client.name()),
        page,
        path,
        build.facts.changedAt());
  }

  static String esc(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Every 60 s the page fetches itself (revalidating: the server answers 304 when nothing changed)
   * and swaps in the new {@code <main>} only when it changed: no full reload (which axe-core flags,
   * and which loses the reader's place), nothing when the page is hidden.
   */
  private static final String REFRESH =
      "setInterval(function(){if(document.hidden)return;fetch(location.href,{cache:'no-cache'})"
          + ".then(function(r){return r.ok?r.text():null}).then(function(t){if(!t)return;"
          + "var m=new DOMParser().parseFromString(t,'text/html').querySelector('main');"
          + "var c=document.querySelector('main');if(m&&c&&m.innerHTML!==c.innerHTML)"
          + "c.innerHTML=m.innerHTML;}).catch(function(){});},60000);";

  private static final String CSS =
      "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:0;background:#f5f6f8;color:#1f2933}"
          + "main{max-width:860px;margin:0 auto;padding:24px}header{display:flex;justify-content:space-between;align-items:baseline}"
          + "h1{font-size:1.5rem;margin:0 0 16px}h2{font-size:1.1rem;margin:28px 0 8px}nav a{color:#3b5bdb}"
          + ".banner{background:#fff4e6;border:2px solid #c2410c;border-radius:8px;padding:16px 20px;margin:8px 0 16px}"
          + ".banner p{margin:6px 0}.tel{display:inline-block;font-size:1.6rem;font-weight:700;color:#c2410c;text-decoration:none}"
          + ".overall{border-radius:8px;padding:14px 18px;font-weight:600;color:#fff}"
          + "table{width:100%;border-collapse:collapse;background:#fff;border-radius:8px;overflow:hidden;box-shadow:0 1px 2px rgba(0,0,0,.06)}"
          + "td{padding:12px 16px;border-bottom:1px solid #edf0f3}td.st{text-align:right;font-weight:600;background:none!important}"
          + ".note{color:#52606d;font-size:.9rem;margin-top:4px}"
          + ".s-operational{background:#1e7134}td.s-operational{color:#1e7134}.s-under_maintenance{background:#1864ab}td.s-under_maintenance{color:#1864ab}"
          + ".s-degraded_performance{background:#a65200}td.s-degraded_performance{color:#a65200}.s-partial_outage{background:#c2410c}td.s-partial_outage{color:#c2410c}"
          + ".s-major_outage{background:#c92a2a}td.s-major_outage{color:#c92a2a}"
          + ".incident{background:#fff;border-left:4px solid #c2410c;border-radius:6px;padding:10px 16px;margin:8px 0}"
          + ".incident h3{margin:4px 0;font-size:1rem}.incident ul{padding-left:18px}.muted{color:#616e7c;font-size:.9rem}"
          + "time{color:#52606d;margin-right:6px}footer{margin-top:28px;color:#616e7c;font-size:.85rem}"
          + HistoryBars.CSS;
}
