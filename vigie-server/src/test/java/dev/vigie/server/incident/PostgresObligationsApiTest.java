package dev.vigie.server.incident;

import static dev.vigie.server.incident.ApiServer.json;
import static dev.vigie.server.incident.ObligationsApiTest.assertDeadline;
import static dev.vigie.server.incident.ObligationsApiTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.PostgresServer;
import dev.vigie.server.storage.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NIS2 tables (migration V10) on a real PostgreSQL server: impact facts, submissions and
 * reminders stored and read back (instants in UTC, deadlines in the Paris zone).
 */
class PostgresObligationsApiTest {
  @TempDir Path dir;

  @Test
  void seedObligationsOnPostgres() throws Exception {
    try (var pg = PostgresServer.start();
        var s =
            ApiServer.on(
                Database.open(pg.jdbcUrl(), pg.user(), ""), dir, ObligationsApiTest.config())) {
      assertThat(s.db.isPostgres()).isTrue();
      long id = ObligationsApiTest.enterSeed(s);
      s.clock.set(at("2024-09-24T12:00:00+02:00"));
      var ok =
          s.alice.post(
              "/api/v1/incidents/" + id + "/obligations/EARLY_WARNING",
              "{\"submittedAt\": \"2024-09-23T13:15:00+02:00\", \"reference\": \"CERTFR-1\"}");
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
      var o = json(s.victor.get("/api/v1/incidents/" + id + "/obligations"));
      assertThat(o.path("significant").asBoolean()).isTrue();
      assertThat(o.path("usersAffected").asLong()).isEqualTo(200);
      assertThat(o.path("impact").path("unavailableUntil").asText())
          .isEqualTo("2024-09-23T09:05:00Z");
      var d = o.path("deadlines");
      assertDeadline(d.get(0), "EARLY_WARNING", "2024-09-24T07:40+02:00", "SUBMITTED");
      assertThat(d.get(0).path("reference").asText()).isEqualTo("CERTFR-1");
      assertDeadline(d.get(1), "NOTIFICATION", "2024-09-26T07:40+02:00", "DUE");
      assertDeadline(d.get(2), "FINAL_REPORT", "2024-10-26T07:40+02:00", "DUE");
      // a fact edited alone, then a reminder claimed once
      var patched = s.alice.patch("/api/v1/incidents/" + id, "{\"crossBorder\": false}");
      assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
      assertThat(json(patched).path("crossBorder").asBoolean(true)).isFalse();
      var store = new JdbiObligationStore(s.db.jdbi());
      assertThat(store.claimReminder(id, "NOTIFICATION:SOON", at("2024-09-26T03:40:00+02:00")))
          .isTrue();
      assertThat(store.claimReminder(id, "NOTIFICATION:SOON", at("2024-09-26T03:41:00+02:00")))
          .isFalse();
      assertThat(store.reminded(id, "NOTIFICATION:SOON")).isTrue();
    }
  }
}
