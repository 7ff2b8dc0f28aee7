package dev.vigie.server.incident;

import static dev.vigie.server.incident.ApiServer.T0;
import static dev.vigie.server.incident.ApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.PostgresServer;
import dev.vigie.server.storage.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident API over a real PostgreSQL server (Debian's package) instead of H2. */
class PostgresIncidentApiTest {
  @TempDir Path dir;

  @Test
  void numberingConflictsTransitionsAndEditsOnPostgres() throws Exception {
    try (var pg = PostgresServer.start();
        var s = ApiServer.on(Database.open(pg.jdbcUrl(), pg.user(), ""), dir, "")) {
      assertThat(s.db.isPostgres()).isTrue();
      var numbers = IgNumberingApiTest.createConcurrently(s, 20, T0);
      assertThat(numbers.stream().sorted().toList())
          .isEqualTo(IgNumberingApiTest.expected("2024-09-23", 20));

      var id = json(s.victor.get("/api/v1/incidents/IG-2024-09-23-007")).path("id").asLong();
      var url = "/api/v1/incidents/" + id;
      assertThat(s.alice.put(url, "{\"version\": 1, \"cause\": \"Hyperviseur\"}").statusCode())
          .isEqualTo(200);
      var conflict = s.bob.put(url, "{\"version\": 1, \"cause\": \"Réseau\"}");
      assertThat(conflict.statusCode()).isEqualTo(409);
      var illegal = s.alice.post(url + "/transitions", "{\"to\": \"CLOSED\"}");
      assertThat(illegal.statusCode()).isEqualTo(409);
      assertThat(json(illegal).path("error").asText()).contains("cannot go from TRIAGE to CLOSED");
      assertThat(s.alice.post(url + "/transitions", "{\"to\": \"RESOLVED\"}").statusCode())
          .isEqualTo(200);
      var entry =
          json(
              s.alice.post(
                  url + "/timeline",
                  "{\"at\": \"2024-09-23T06:00:00.123456Z\", \"description\": \"Défaut\"}"));
      var hidden = json(s.bob.post(url + "/timeline/" + entry.path("id").asLong() + "/hide", ""));
      assertThat(hidden.path("history").get(0).path("previousDescription").asText())
          .isEqualTo("Défaut");
      assertThat(hidden.path("at").asText()).isEqualTo("2024-09-23T06:00:00.123456Z");
      var incident = json(s.victor.get(url));
      assertThat(incident.path("cause").asText()).isEqualTo("Hyperviseur");
      assertThat(incident.path("status").asText()).isEqualTo("RESOLVED");
      assertThat(incident.path("version").asLong()).isEqualTo(3);
      assertThat(incident.path("endedAt").isNull()).isFalse();
    }
  }
}
