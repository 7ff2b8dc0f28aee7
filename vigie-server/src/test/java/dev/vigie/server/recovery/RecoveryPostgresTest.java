package dev.vigie.server.recovery;

import static dev.vigie.server.recovery.RecoveryApiTest.check;
import static dev.vigie.server.recovery.RecoveryApiTest.ids;
import static dev.vigie.server.recovery.RecoveryApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.PostgresServer;
import dev.vigie.server.ServerFixture;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recovery run on a real PostgreSQL server (Debian's package): started with machines given in the
 * wrong order, checked against closed SIP ports (nothing listens), one machine skipped with a
 * reason in French, the run finished; after a restart of Vigie the run reads back whole.
 */
class RecoveryPostgresTest {
  @TempDir Path tmp;

  @Test
  void aRunIsStoredAndReadBackOnPostgres() throws Exception {
    try (PostgresServer pg = PostgresServer.start()) {
      String cfg =
          RecoveryApiTest.yaml(
                  SippUas.freePort("127.0.0.75"),
                  SippUas.freePort("127.0.0.76"),
                  "database: {url: \"" + pg.jdbcUrl() + "\", user: " + pg.user() + "}\n")
              .replace(RecoveryApiTest.SHARED_IP, "127.0.0.75")
              .replace(RecoveryApiTest.PBX_IP, "127.0.0.76");
      long incident;
      long runId;
      try (ServerFixture s = ServerFixture.start(tmp.resolve("srv"), cfg)) {
        incident =
            json(s.http()
                    .post(
                        "/api/v1/incidents",
                        "{\"title\": \"Plateforme\", \"services\": [\"voip\"], \"startedAt\":"
                            + " \"2026-12-06T06:40:00Z\", \"severity\": \"MAJOR\"}"))
                .path("id")
                .asLong();
        var started =
            s.http()
                .post(
                    "/api/v1/incidents/" + incident + "/recovery",
                    "{\"machines\": [\"pbx-acme\", \"proxy-lab\"]}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        runId = json(started).path("id").asLong();
        assertThat(ids(json(started))).containsExactly("proxy-lab", "pbx-acme");
        var unknown =
            s.http()
                .post("/api/v1/incidents/" + incident + "/recovery", "{\"machines\": [\"nope\"]}");
        assertThat(unknown.statusCode()).isEqualTo(409); // one run at a time comes first
        String one = "/api/v1/recovery/" + runId;
        Awaitility.await()
            .atMost(20, TimeUnit.SECONDS)
            .until(() ->
                json(s.http().get(one)).path("machines").get(1).path("attempts").asInt() >= 1);
        var skipped =
            s.http()
                .post(
                    one + "/machines/pbx-acme/mark",
                    "{\"action\": \"skipped\", \"reason\": \"PBX remplacé, hors périmètre\"}");
        assertThat(skipped.statusCode()).as(skipped.body()).isEqualTo(200);
        assertThat(s.http().post(one + "/finish", "").statusCode()).isEqualTo(200);
      }
      try (ServerFixture s = ServerFixture.start(tmp.resolve("srv2"), cfg)) {
        JsonNode run = json(s.http().get("/api/v1/recovery/" + runId));
        assertThat(run.path("incidentId").asLong()).isEqualTo(incident);
        assertThat(run.path("state").asText()).isEqualTo("FINISHED");
        assertThat(ids(run)).containsExactly("proxy-lab", "pbx-acme");
        JsonNode pbx = run.path("machines").get(1);
        assertThat(pbx.path("status").asText()).isEqualTo("SKIPPED");
        assertThat(pbx.path("skipReason").asText()).isEqualTo("PBX remplacé, hors périmètre");
        assertThat(check(pbx, "SIP").path("state").asText()).isEqualTo("FAIL");
        assertThat(run.path("proposal").path("status").asText()).isEqualTo("MONITORING");
        assertThat(run.path("proposal").path("text").asText())
            .startsWith("Le service Téléphonie est rétabli en grande partie depuis");
      }
    }
  }
}
