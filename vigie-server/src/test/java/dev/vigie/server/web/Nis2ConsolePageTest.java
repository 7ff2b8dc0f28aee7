package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's incident page shows the NIS2 countdowns and banners in words, times in the
 * configured zone, on a whole server with an injected clock.
 */
class Nis2ConsolePageTest {
  @TempDir Path dir;
  private final AtomicReference<Instant> now = new AtomicReference<>(at("2024-09-23T12:00+02:00"));
  private final InstantSource clock = now::get;

  private static Instant at(String s) {
    return OffsetDateTime.parse(s).toInstant();
  }

  @Test
  void countdownsBannersAndTheClientClock() throws Exception {
    var yaml =
        Files.readString(Path.of("../examples/seed-platform.yaml")) + "\ntimezone: Europe/Paris\n";
    try (var s = ServerFixture.start(dir, yaml, clock)) {
      var created =
          s.http()
              .post(
                  "/api/v1/incidents",
                  "{\"title\": \"Téléphonie indisponible\", \"startedAt\":"
                      + " \"2024-09-23T07:40:00+02:00\", \"services\": [\"Téléphonie IP 3CX\"],"
                      + " \"severity\": \"CRITICAL\", \"affectedClients\": [\"acme\", \"mairie\"],"
                      + " \"unavailableFrom\": \"2024-09-23T07:40:00+02:00\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      long id = Json.mapper().readTree(created.body()).path("id").asLong();
      var password = Files.readString(dir.resolve("data/admin-password.txt")).strip();
      var c = new ConsoleClient("http://127.0.0.1:" + s.server().httpPort());
      assertThat(c.signIn("admin", password).statusCode()).isEqualTo(302);

      var page = c.get("/console/incidents/" + id).body();
      assertThat(page)
          .contains("Obligations NIS2")
          .contains("Incident significatif au sens de NIS2")
          .contains("Service complètement indisponible pendant 4 h 20 min, plus de 30 min")
          .contains("<td>alerte précoce</td><td>2024-09-24 07:40:00</td><td>à soumettre</td>")
          .contains("dans 19 h 40 min")
          .contains("dans 2 j 19 h")
          .contains("aucune, 4 h 20 min après la détection (objectif 15 min)")
          .contains(
              "Aucun client informé 4 h 20 min après la détection (objectif 15 min) : informez"
                  + " les clients sans tarder.")
          .doesNotContain("EARLY_WARNING", "PT4H", "OVERDUE");

      now.set(at("2024-09-24T04:00+02:00"));
      c = new ConsoleClient("http://127.0.0.1:" + s.server().httpPort()); // the session expired
      assertThat(c.signIn("admin", password).statusCode()).isEqualTo(302);
      assertThat(c.get("/console/incidents/" + id).body())
          .contains(
              "NIS2 : alerte précoce à soumettre dans 3 h 40 min (avant le 2024-09-24 07:40:00)");
      now.set(at("2024-09-24T08:00+02:00"));
      c = new ConsoleClient("http://127.0.0.1:" + s.server().httpPort());
      assertThat(c.signIn("admin", password).statusCode()).isEqualTo(302);
      assertThat(c.get("/console/incidents/" + id).body())
          .contains("NIS2 : alerte précoce en retard de 20 min (date limite 2024-09-24 07:40:00)")
          .contains("<td class=\"countdown\">en retard de 20 min</td>");
      assertThat(c.get("/console/incidents").body())
          .contains(
              "IG-2024-09-23-001 — NIS2 : alerte précoce en retard de 20 min (date limite"
                  + " 2024-09-24 07:40:00)");
    }
  }
}
