package dev.vigie.server.incident;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.incident.TestClock;
import dev.vigie.server.Http;
import dev.vigie.server.Json;
import dev.vigie.server.api.Role;
import dev.vigie.server.api.TokenStore;
import dev.vigie.server.api.WebApp;
import dev.vigie.server.config.ServeConfig;
import dev.vigie.server.storage.Database;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The incident API as the server runs it: {@link WebApp#create} with the {@link IncidentModule}'s
 * routes over a real database, started on port 0, a settable clock, and three callers: operators
 * {@code alice} and {@code bob}, viewer {@code victor}.
 */
final class ApiServer implements AutoCloseable {
  static final Instant T0 = Instant.parse("2024-09-23T05:40:00Z");
  final Database db;
  final Javalin app;
  final TestClock clock = new TestClock(T0);
  final IncidentModule module;
  final Http alice;
  final Http bob;
  final Http victor;

  private ApiServer(Database db, ServeConfig cfg) {
    this.db = db;
    var tokens = new TokenStore(db.jdbi());
    tokens.put("alice-token-0123456789", "alice", Role.OPERATOR, T0);
    tokens.put("bob-token-0123456789ab", "bob", Role.OPERATOR, T0);
    tokens.put("victor-token-012345678", "victor", Role.VIEWER, T0);
    module = IncidentModule.create(db, cfg, clock, catalog(cfg));
    app =
        WebApp.create(
            tokens,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            db::healthy,
            List.of(module.routes()),
            List.of());
    app.start("127.0.0.1", 0);
    var base = "http://127.0.0.1:" + app.port();
    alice = new Http(base, "alice-token-0123456789");
    bob = new Http(base, "bob-token-0123456789ab");
    victor = new Http(base, "victor-token-012345678");
  }

  /** The catalogue of the configuration when it has clients (their users count for NIS2). */
  private static dev.vigie.incident.IncidentCatalog catalog(ServeConfig cfg) {
    if (!cfg.root().has("clients")) return dev.vigie.incident.IncidentCatalog.NONE;
    try {
      return CatalogIncidents.of(
          dev.vigie.catalog.Catalog.parse(Json.yaml().writeValueAsString(cfg.root())));
    } catch (Exception e) {
      throw new IllegalStateException("test catalogue: " + e.getMessage(), e);
    }
  }

  /** On an H2 file database under {@code dir}; {@code yaml} is the server configuration. */
  static ApiServer h2(Path dir, String yaml) {
    var db = Database.open("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL", "", "");
    return new ApiServer(db, config(dir, yaml));
  }

  /** On another database (PostgreSQL). */
  static ApiServer on(Database db, Path dir, String yaml) {
    return new ApiServer(db, config(dir, yaml));
  }

  private static ServeConfig config(Path dir, String yaml) {
    try {
      var file = Files.writeString(dir.resolve("vigie.yaml"), yaml);
      return ServeConfig.load(file, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return Json.mapper().readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
    }
  }

  /** The body of POST /incidents as the contract writes it. */
  static String newIncident(String title, Instant startedAt) {
    return """
    {"title": "%s", "startedAt": "%s", "services": ["Téléphonie IP 3CX"],
     "clientImpact": "Appels externes impossibles", "cause": "inconnue", "severity": "MAJOR"}\
    """
        .formatted(title, startedAt);
  }

  /** Creates an incident through the API and returns its JSON (asserting 201). */
  JsonNode create(String title, Instant startedAt) {
    var r = alice.post("/api/v1/incidents", newIncident(title, startedAt));
    if (r.statusCode() != 201) {
      throw new AssertionError("POST /incidents answered " + r.statusCode() + ": " + r.body());
    }
    return json(r);
  }

  @Override
  public void close() {
    app.stop();
    db.close();
  }
}
