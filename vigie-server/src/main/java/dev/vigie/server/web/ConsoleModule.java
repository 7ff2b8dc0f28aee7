package dev.vigie.server.web;

import dev.vigie.server.config.ServeConfig;
import dev.vigie.server.storage.AuditLog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console stage, built by the composition root after storage and detection: users (first start:
 * an admin), sessions, the sign-in limiter, the renderer, the live events ticker and the routes.
 * Close it before the HTTP server stops.
 */
public final class ConsoleModule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleModule.class);
  private final Console routes;
  private final LiveEvents events;

  private ConsoleModule(Console routes, LiveEvents events) {
    this.routes = routes;
    this.events = events;
  }

  /**
   * Builds and starts the console.
   *
   * @param env {@code VIGIE_ADMIN_PASSWORD} sets the first admin's password
   */
  public static ConsoleModule start(
      ServeConfig cfg, Jdbi jdbi, ConsoleServices services, Map<String, String> env)
      throws IOException {
    return start(cfg, jdbi, services, env, null);
  }

  /**
   * Builds and starts the console; with a registry, sign-in attempts are counted as {@code
   * vigie_signin_attempts_total{outcome="admitted"|"refused"}} (admitted = one password check).
   */
  public static ConsoleModule start(
      ServeConfig cfg,
      Jdbi jdbi,
      ConsoleServices services,
      Map<String, String> env,
      MeterRegistry metrics)
      throws IOException {
    ConsoleConfig cc = ConsoleConfig.from(cfg.root());
    UserStore users = new UserStore(jdbi, new PasswordHasher());
    Path file = cfg.dataDir().resolve("admin-password.txt");
    switch (users.bootstrap(env.get("VIGIE_ADMIN_PASSWORD"), file, services.clock().instant())) {
      case RANDOM_PASSWORD_FILE ->
          LOG.warn("console: first start, user 'admin' created; its password is in {}", file);
      case FROM_ENVIRONMENT ->
          LOG.info("console: first start, user 'admin' created with VIGIE_ADMIN_PASSWORD");
      case EXISTING -> {}
    }
    SessionStore sessions =
        new SessionStore(jdbi, services.clock(), cc.sessionIdle(), cc.sessionMax());
    Renderer renderer = new Renderer();
    AuditLog audit = services.audit();
    SignInLimiter limiter = new SignInLimiter(services.clock());
    if (metrics != null) {
      FunctionCounter.builder("vigie_signin_attempts_total", limiter, SignInLimiter::admitted)
          .tag("outcome", "admitted")
          .register(metrics);
      FunctionCounter.builder("vigie_signin_attempts_total", limiter, SignInLimiter::refused)
          .tag("outcome", "refused")
          .register(metrics);
    }
    ConsoleAuth auth =
        new ConsoleAuth(
            users, sessions, limiter, renderer, audit, services.clock(), services.zone(), cc);
    LiveEvents events = new LiveEvents(services).start();
    return new ConsoleModule(
        new Console(auth, renderer, services, users, sessions, events), events);
  }

  public Console routes() {
    return routes;
  }

  public LiveEvents events() {
    return events;
  }

  @Override
  public void close() {
    events.close();
  }
}
