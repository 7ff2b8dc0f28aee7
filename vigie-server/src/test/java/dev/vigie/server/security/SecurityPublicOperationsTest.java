package dev.vigie.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.server.Http;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.api.Role;
import dev.vigie.server.api.TokenStore;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, operations hygiene, on a whole server: {@code /metrics} behind a token or on its own
 * management listener, the data directory 0700 and its files 0600, the environment token rotated
 * (the old one revoked), short tokens refused wherever they come from.
 */
class SecurityPublicOperationsTest {
  static final String OLD = "old-env-token-0123456789";
  static final String NEW = "new-env-token-9876543210";
  static final String METRICS = "metrics-only-token-abcdefgh";

  @TempDir Path dir;

  @Test
  void metricsNeedATokenAndTheEnvironmentTokenRotates() throws Exception {
    try (var s = start(Map.of("VIGIE_API_TOKEN", OLD), "server:\n  metricsToken: " + METRICS)) {
      var anon = s.anonymous().get("/metrics");
      assertThat(anon.statusCode()).isEqualTo(401);
      assertThat(anon.body()).contains("metrics need a bearer token").doesNotContain("vigie_");
      assertThat(metrics(s, "wrong-token-0123456789abc").statusCode()).isEqualTo(401);
      assertThat(metrics(s, OLD).statusCode()).as("any API token").isEqualTo(200);
      assertThat(metrics(s, METRICS).statusCode()).as("the metrics token").isEqualTo(200);
      assertThat(metrics(s, METRICS).body()).contains("vigie_");
      assertThat(new Http(base(s), METRICS).get("/api/v1/alerts").statusCode())
          .as("the metrics token opens nothing else")
          .isEqualTo(401);
      assertThat(s.anonymous().get("/status").statusCode()).isEqualTo(200);
    }
    try (var s = start(Map.of("VIGIE_API_TOKEN", NEW), "")) {
      assertThat(new Http(base(s), OLD).get("/api/v1/alerts").statusCode())
          .as("the previous environment token is revoked")
          .isEqualTo(401);
      assertThat(new Http(base(s), NEW).get("/api/v1/alerts").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void managementListenerServesMetricsAlone() throws Exception {
    String yaml = "server:\n  management: 127.0.0.1:0\n";
    try (var s = start(Map.of("VIGIE_API_TOKEN", NEW), yaml)) {
      int port = s.server().managementPort();
      assertThat(port).isPositive().isNotEqualTo(s.server().httpPort());
      assertThat(new Http(base(s), NEW).get("/metrics").statusCode())
          .as("not on the public listener at all")
          .isEqualTo(404);
      var m = new Http("http://127.0.0.1:" + port, null).get("/metrics");
      assertThat(m.statusCode()).isEqualTo(200);
      assertThat(m.body()).contains("vigie_");
      assertThat(new Http("http://127.0.0.1:" + port, null).get("/status").statusCode())
          .as("the management listener serves operations only")
          .isEqualTo(404);
    }
  }

  @Test
  void dataDirectoryIsPrivate() throws Exception {
    try (var s = start(Map.of("VIGIE_API_TOKEN", NEW), "")) {
      Path data = dir.resolve("data");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
          .isEqualTo("rwx------");
      List<Path> files;
      try (Stream<Path> l = Files.list(data)) {
        files = l.filter(Files::isRegularFile).toList();
      }
      assertThat(files)
          .extracting(p -> p.getFileName().toString())
          .contains("vigie.mv.db", "admin-password.txt");
      for (Path f : files) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
            .as(f.getFileName().toString())
            .isEqualTo("rw-------");
      }
    }
  }

  @Test
  void shortTokensAreRefusedWithAClearError() throws Exception {
    assertThatThrownBy(() -> start(Map.of("VIGIE_API_TOKEN", "change-me"), ""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("VIGIE_API_TOKEN")
        .hasMessageContaining("at least 20 characters")
        .hasMessageNotContaining("change-me");
    assertThatThrownBy(() -> start(Map.of("VIGIE_API_TOKEN", NEW), "server:\n  metricsToken: x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.metricsToken");
    assertThat(Files.exists(dir.resolve("data").resolve("vigie.mv.db")))
        .as("refused before the database is created")
        .isFalse();
    try (Database db =
        Database.open(
            "jdbc:h2:file:" + dir.resolve("db").resolve("t") + ";MODE=PostgreSQL", "", "")) {
      TokenStore tokens = new TokenStore(db.jdbi());
      assertThatThrownBy(() -> tokens.put("0123456789abcdefghi", "api", Role.VIEWER, Instant.now()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least 20 characters (this one has 19)");
      tokens.put("0123456789abcdefghij", "api", Role.VIEWER, Instant.now());
      assertThat(tokens.find("0123456789abcdefghij")).isPresent();
    }
  }

  private ServerFixture start(Map<String, String> env, String yaml) throws Exception {
    return ServerFixture.start(dir, yaml, InstantSource.system(), env);
  }

  private static String base(ServerFixture s) {
    return "http://127.0.0.1:" + s.server().httpPort();
  }

  private static java.net.http.HttpResponse<String> metrics(ServerFixture s, String token) {
    return new Http(base(s), token).get("/metrics");
  }
}
