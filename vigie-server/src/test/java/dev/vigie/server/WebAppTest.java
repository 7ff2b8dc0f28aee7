package dev.vigie.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.api.ApiError;
import dev.vigie.server.api.Role;
import dev.vigie.server.api.TokenStore;
import dev.vigie.server.api.WebApp;
import dev.vigie.server.storage.Database;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebAppTest {
  @TempDir Path dir;
  Database db;
  Javalin app;
  String base;

  @BeforeEach
  void start() {
    db = Database.open("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL", "", "");
    TokenStore tokens = new TokenStore(db.jdbi());
    tokens.put("admin-secret-0123456789", "seed", Role.ADMIN, Instant.now());
    tokens.put("viewer-secret-012345678", "v", Role.VIEWER, Instant.now());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    metrics.counter("vigie_test_total").increment();
    app =
        WebApp.create(
            tokens,
            metrics,
            db::healthy,
            List.of(r -> {
              r.get("/api/v1/echo", ctx -> ctx.json(Map.of("who", WebApp.principal(ctx).name())));
              r.post(
                  "/api/v1/echo",
                  ctx -> {
                    var body = ctx.bodyAsClass(Map.class);
                    if (!body.containsKey("x")) throw ApiError.badRequest("field 'x' is required");
                    ctx.status(201).json(body);
                  });
            }),
            List.of());
    app.start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
  }

  @AfterEach
  void stop() {
    app.stop();
    db.close();
  }

  @Test
  void healthIsPublicMetricsNeedAToken() {
    var h = new Http(base, null).get("/healthz");
    assertThat(h.statusCode()).isEqualTo(200);
    assertThat(h.body()).contains("\"ok\"");
    assertThat(new Http(base, null).get("/metrics").statusCode()).isEqualTo(401);
    var m = new Http(base, "viewer-secret-012345678").get("/metrics");
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.body()).contains("vigie_test_total");
  }

  @Test
  void apiNeedsAKnownBearerToken() {
    var none = new Http(base, null).get("/api/v1/echo");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.body()).contains("\"error\"").contains("bearer");
    assertThat(new Http(base, "wrong").get("/api/v1/echo").statusCode()).isEqualTo(401);
    var ok = new Http(base, "admin-secret-0123456789").get("/api/v1/echo");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("seed");
  }

  @Test
  void viewersCannotWrite() {
    var r = new Http(base, "viewer-secret-012345678").post("/api/v1/echo", "{\"x\":1}");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("operator");
  }

  @Test
  void badBodiesAndUnknownPathsGiveJsonErrors() {
    Http admin = new Http(base, "admin-secret-0123456789");
    var bad = admin.post("/api/v1/echo", "{not json");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).startsWith("{\"error\":\"invalid JSON body");
    var missing = admin.post("/api/v1/echo", "{\"y\":1}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("field 'x' is required");
    var created = admin.post("/api/v1/echo", "{\"x\":1}");
    assertThat(created.statusCode()).isEqualTo(201);
    var unknown = admin.get("/api/v1/nothing-here");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).startsWith("{\"error\":").contains("not found");
  }
}
