package dev.vigie.server.paging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigie.server.PostgresServer;
import dev.vigie.server.ServerFixture;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages survive a restart, on the embedded H2 file and on a real PostgreSQL (the V13 migration runs
 * on both): a page whose SMS got a 500 is stopped while its retry waits; the next server on the
 * same database sends that SMS once at its retry time, then escalates on schedule.
 */
class PagingRestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void aPendingPageSurvivesARestartOnH2() throws Exception {
    restartKeepsThePage("");
  }

  @Test
  void aPendingPageSurvivesARestartOnPostgres() throws Exception {
    try (PostgresServer pg = PostgresServer.start()) {
      restartKeepsThePage("database: {url: \"" + pg.jdbcUrl() + "\", user: " + pg.user() + "}\n");
    }
  }

  private void restartKeepsThePage(String database) throws Exception {
    var clock = new PagingEndToEndTest.Clock(Instant.parse("2024-09-23T05:40:00Z"));
    int smtp; // no SMTP server: email is not used by these levels
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      smtp = s.getLocalPort();
    }
    try (Receiver receiver = new Receiver()) {
      String yaml = PagingYaml.config(receiver, smtp, "") + database;
      receiver.answer("/sms", 500);
      String number;
      try (ServerFixture first = ServerFixture.start(dir, yaml, clock)) {
        var r =
            first
                .http()
                .post(
                    "/api/v1/incidents",
                    "{\"title\": \"Appels externes en échec\", \"severity\": \"CRITICAL\","
                        + " \"startedAt\": \"2024-09-23T05:40:00Z\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        number = JSON.readTree(r.body()).get("number").asText();
        first.server().paging().tick();
        assertThat(receiver.to("/sms")).hasSize(1); // answered 500: retry in 15 s
        assertThat(receiver.to(PagingYaml.SLACK_PATH)).hasSize(1);
      }
      clock.advance(Duration.ofSeconds(20));
      try (ServerFixture second = ServerFixture.start(dir, yaml, clock)) {
        second.server().paging().tick();
        assertThat(receiver.to("/sms")).hasSize(2);
        assertThat(receiver.to(PagingYaml.SLACK_PATH)).hasSize(1); // sent once, never again
        JsonNode pages = JSON.readTree(second.http().get("/api/v1/pages").body()).get("pages");
        assertThat(pages).hasSize(1);
        JsonNode page = pages.get(0);
        assertThat(page.get("incidentNumber").asText()).isEqualTo(number);
        assertThat(page.get("state").asText()).isEqualTo("OPEN");
        JsonNode detail =
            JSON.readTree(second.http().get("/api/v1/pages/" + page.get("id").asLong()).body());
        assertThat(detail.get("deliveries").findValuesAsText("state")).containsOnly("SENT");
        // the escalation deadline was kept too: level 2 five minutes after the page opened
        clock.advance(Duration.ofMinutes(4).plusSeconds(45)); // 5 min 05 s after it opened
        second.server().paging().tick();
        assertThat(receiver.to("/teams")).hasSize(1);
        assertThat(
                second
                    .http()
                    .post("/api/v1/pages/" + page.get("id").asLong() + "/acknowledge", "{}")
                    .statusCode())
            .isEqualTo(200);
      }
    }
  }
}
