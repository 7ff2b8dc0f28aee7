package dev.vigie.server.web;

import dev.vigie.server.api.Role;
import dev.vigie.server.i18n.Lang;
import dev.vigie.server.i18n.Texts;
import dev.vigie.server.storage.AuditLog;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in, sessions, CSRF and roles for the console.
 *
 * <ul>
 *   <li>Every {@code /console} request needs a live session cookie ({@code vigie_session}:
 *       HttpOnly, SameSite=Strict, Path=/, Secure per {@link ConsoleConfig}); without one a page
 *       redirects to {@code /login}, an htmx or SSE request answers 401.
 *   <li>Every request that changes something (not GET/HEAD) must carry the session's CSRF token, as
 *       the form field {@code _csrf} or the header {@code X-CSRF-Token} (htmx); else 403. The
 *       sign-in form itself is protected by a double-submit cookie. It is in French unless {@code
 *       ?lang=en}.
 *   <li>Sign-in failures are rate-limited per address and per name ({@link SignInLimiter}): 429.
 * </ul>
 */
public final class ConsoleAuth {
  static final String COOKIE = "vigie_session";
  static final String PRE = "vigie_signin";
  static final String ATTR_VIEW = "vigie.view";
  private final UserStore users;
  private final SessionStore sessions;
  private final SignInLimiter limiter;
  private final Renderer renderer;
  private final AuditLog audit;
  private final InstantSource clock;
  private final ZoneId zone;
  private final ConsoleConfig cfg;

  public ConsoleAuth(
      UserStore users,
      SessionStore sessions,
      SignInLimiter limiter,
      Renderer renderer,
      AuditLog audit,
      InstantSource clock,
      ZoneId zone,
      ConsoleConfig cfg) {
    this.users = users;
    this.sessions = sessions;
    this.limiter = limiter;
    this.renderer = renderer;
    this.audit = audit;
    this.clock = clock;
    this.zone = zone;
    this.cfg = cfg;
  }

  /** The before-filter of {@code /console} and {@code /console/*}. */
  public void filter(Context ctx) {
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
            + " frame-ancestors 'none'; form-action 'self'");
    ctx.header("Cache-Control", "no-store");
    Optional<SessionStore.Session> s = sessions.find(ctx.cookie(COOKIE));
    Optional<User> user = s.flatMap(x -> users.find(x.user()));
    if (user.isEmpty()) {
      if (ctx.header("HX-Request") != null || ctx.path().endsWith("/events")) {
        ctx.header("HX-Redirect", "/login");
        throw new Refusal(401, "sign in first");
      }
      ctx.redirect(signInFor(ctx));
      ctx.skipRemainingHandlers();
      return;
    }
    boolean unsafe = ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD;
    if (unsafe) {
      String token = ctx.header("X-CSRF-Token");
      if (token == null) token = ctx.formParam("_csrf");
      if (!Tokens.same(token, s.get().csrf())) {
        throw new Refusal(403, "CSRF token missing or wrong: reload the page and try again");
      }
    }
    ctx.attribute(
        ATTR_VIEW,
        new View(
            user.get(), s.get().csrf(), new Texts(user.get().language(), zone), "", null, false));
  }

  /** The signed-in user's view (set by the filter). */
  public static View view(Context ctx) {
    return ctx.attribute(ATTR_VIEW);
  }

  /** Refuses with 403 unless the signed-in user has at least the role. */
  public static void require(Context ctx, Role role) {
    View v = view(ctx);
    if (v == null || !v.can(role)) {
      throw new Refusal(403, "role " + role.name().toLowerCase(java.util.Locale.ROOT) + " needed");
    }
  }

  public void loginPage(Context ctx) {
    String pre = Tokens.random(32);
    cookie(ctx, PRE, pre, -1);
    ctx.header("Cache-Control", "no-store");
    View v = anonymous(ctx, null);
    if ("1".equals(ctx.queryParam("kept"))) v = v.withNotice(v.t().t("ed.sessionExpired"), true);
    renderer.html(ctx, "login.jte", v, loginModel(ctx, pre, ""));
  }

  /**
   * Where a request without a live session goes: the sign-in page, told which console page to
   * return to ({@code next}); a form sent with an expired session returns to the page it came from
   * (its {@code Referer}) with {@code kept=1}, the typed draft being kept by the browser
   * (console.js) and put back after sign-in.
   */
  static String signInFor(Context ctx) {
    boolean post = ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD;
    String back =
        post
            ? Console.back(ctx)
            : ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    String next = safeNext(back);
    if (next == null || next.equals("/console")) return post ? "/login?kept=1" : "/login";
    return "/login?next="
        + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)
        + (post ? "&kept=1" : "");
  }

  /** A console path to return to after sign-in, or null when it is not one (open redirects). */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/console")) return null;
    if (next.contains("//") || next.contains("\\") || next.chars().anyMatch(c -> c < 0x20))
      return null;
    return next;
  }

  private static Map<String, Object> loginModel(Context ctx, String pre, String name) {
    String next =
        safeNext(ctx.formParam("next") != null ? ctx.formParam("next") : ctx.queryParam("next"));
    boolean kept =
        "1".equals(ctx.formParam("kept") != null ? ctx.formParam("kept") : ctx.queryParam("kept"));
    return Map.of("pre", pre, "name", name, "next", next == null ? "" : next, "kept", kept);
  }

  public void login(Context ctx) {
    String name = ctx.formParam("name");
    String password = ctx.formParam("password");
    String ip = ctx.ip();
    if (!Tokens.same(ctx.formParam("_pre"), ctx.cookie(PRE))) {
      retry(ctx, 403, "login.expired", name);
      return;
    }
    Duration wait = limiter.admit(ip, name); // admitted = already counted as a failure
    if (!wait.isZero()) {
      ctx.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
      retry(ctx, 429, "login.tooMany", name);
      return;
    }
    Optional<User> u = users.authenticate(name, password);
    if (u.isEmpty()) {
      audit.record(clock.instant(), String.valueOf(name), "SIGN_IN_FAILED", "console", null, ip);
      retry(ctx, 401, "login.failed", name);
      return;
    }
    limiter.succeeded(ip, name);
    SessionStore.Session s = sessions.open(u.get().name());
    cookie(ctx, COOKIE, s.id(), -1);
    cookie(ctx, PRE, "", 0);
    audit.record(clock.instant(), u.get().name(), "SIGNED_IN", "console", null, ip);
    String next = safeNext(ctx.formParam("next"));
    boolean kept = "1".equals(ctx.formParam("kept"));
    String to = next == null ? "/console" : next;
    if (kept) to += (to.contains("?") ? "&" : "?") + "restored=1";
    ctx.redirect(to);
  }

  public void logout(Context ctx) {
    sessions.close(ctx.cookie(COOKIE));
    cookie(ctx, COOKIE, "", 0);
    ctx.redirect("/login");
  }

  /** Changes the signed-in user's interface language. */
  public void language(Context ctx) {
    View v = view(ctx);
    users.setLanguage(v.user().name(), Lang.parse(ctx.formParam("lang")));
    String back = ctx.header("Referer");
    ctx.redirect(back != null && back.contains("/console") ? back : "/console");
  }

  private void retry(Context ctx, int status, String key, String name) {
    String pre = Tokens.random(32);
    cookie(ctx, PRE, pre, -1);
    View v = anonymous(ctx, null);
    v = v.withNotice(v.t().t(key), true);
    ctx.status(status);
    renderer.html(ctx, "login.jte", v, loginModel(ctx, pre, name == null ? "" : name));
  }

  private View anonymous(Context ctx, String notice) {
    Lang lang = Lang.parse(ctx.queryParam("lang")); // French unless ?lang=en
    return new View(null, "", new Texts(lang, zone), "login", notice, false);
  }

  private void cookie(Context ctx, String name, String value, int maxAge) {
    boolean secure =
        switch (cfg.secureCookies()) {
          case ALWAYS -> true;
          case NEVER -> false;
          case AUTO ->
              "https".equalsIgnoreCase(ctx.scheme())
                  || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        };
    StringBuilder c = new StringBuilder(name).append('=').append(value);
    c.append("; Path=/; HttpOnly; SameSite=Strict");
    if (maxAge >= 0) c.append("; Max-Age=").append(maxAge);
    if (secure) c.append("; Secure");
    ctx.res().addHeader("Set-Cookie", c.toString());
  }

  /** A refusal of the console (401, 403, 404, 409, 429) rendered as a small HTML page. */
  public static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public Refusal(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
