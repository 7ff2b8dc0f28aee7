package dev.vigie.server.pressure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Http;
import dev.vigie.server.ServerFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PLATFORM_PRESSURE episodes across a restart of {@code vigie serve} (issue 12), against the shared
 * real {@link RealPrometheus}: two machines over their threshold, Vigie stopped, one machine goes
 * back under while Vigie is down, Vigie started again on the same data. The first round after the
 * restart closes the episode that is no longer true (same id, the incident's "back under" row, both
 * at the moment Prometheus's history shows the drop, not at the round) and continues the one still
 * true under its id (no second episode, no second alert row in its incident); that one closes later
 * like any other.
 */
class PressureRestartTest {
  private static List<JsonNode> alerts(Http http, String machine) {
    return PressureApi.alerts(http, machine);
  }

  private static final String METRIC = "vigie_test_restart_disk_writes";
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path dir;

  private static String yaml(RealPrometheus prom) {
    return """
    prometheus: {url: %s, interval: 1s, timeout: 900ms}
    machines:
      - id: pbx-down
        addresses: [127.0.0.30]
        role: pbx
        pressure:
          diskWriteBytes: {query: 'max(%s{machine="{machine}"})', threshold: 1000}
      - id: pbx-still
        addresses: [127.0.0.31]
        role: pbx
        pressure:
          diskWriteBytes: {query: 'max(%s{machine="{machine}"})', threshold: 1000}
    """
        .formatted(prom.url(), METRIC, METRIC);
  }

  @Test
  void theFirstRoundAfterARestartClosesWhatIsOverAndContinuesWhatIsNot() throws Exception {
    RealPrometheus prom = RealPrometheus.shared();
    prom.set(METRIC, "pbx-down", 1200);
    prom.set(METRIC, "pbx-still", 1300);
    String downId;
    String stillId;
    long downIncident;
    long stillIncident;
    try (ServerFixture f = ServerFixture.start(dir, yaml(prom))) {
      Http http = f.http();
      await().atMost(WAIT).until(() -> alerts(http, "pbx-down").size() == 1);
      await().atMost(WAIT).until(() -> alerts(http, "pbx-still").size() == 1);
      downId = alerts(http, "pbx-down").getFirst().path("id").asText();
      stillId = alerts(http, "pbx-still").getFirst().path("id").asText();
      assertThat(alerts(http, "pbx-down").getFirst().path("severity").asText())
          .isEqualTo("CRITICAL");
      downIncident =
          await().atMost(WAIT).until(() -> PressureApi.incident(http, "pbx-down"), id -> id > 0);
      stillIncident =
          await().atMost(WAIT).until(() -> PressureApi.incident(http, "pbx-still"), id -> id > 0);
    }

    // while Vigie is stopped, pbx-down goes back under its threshold; pbx-still stays over
    Instant dropped = Instant.now();
    prom.set(METRIC, "pbx-down", 100);
    var client = new PrometheusClient(prom.url(), Duration.ofSeconds(2));
    await()
        .atMost(WAIT)
        .until(() -> client.query("max(" + METRIC + "{machine=\"pbx-down\"})") == 100.0);
    Instant seen = Instant.now();
    Thread.sleep(4000); // Vigie stays down a while after the drop
    Instant restarted = Instant.now();

    try (ServerFixture f = ServerFixture.start(dir, yaml(prom))) {
      Http http = f.http();
      await()
          .atMost(WAIT)
          .until(() -> alerts(http, "pbx-down").getFirst().path("evidence").has("recoveredAt"));
      // the round that closed pbx-down read pbx-still too (machines in file order)
      PressurePoller poller = f.server().platformPressurePoller();
      await().atMost(WAIT).until(() -> poller.latest("pbx-still") != null);
      List<JsonNode> down = alerts(http, "pbx-down");
      assertThat(down).as("the stored episode is closed, none other opened").hasSize(1);
      assertThat(down.getFirst().path("id").asText()).isEqualTo(downId);
      assertThat(down.getFirst().path("evidence").path("pressureSeconds").asLong()).isPositive();
      Instant back = Instant.parse(down.getFirst().path("evidence").path("recoveredAt").asText());
      assertThat(back)
          .as("when it went back under while Vigie was down (Prometheus's history), not the round")
          .isBetween(dropped.minusSeconds(1), seen.plusSeconds(1))
          .isBefore(restarted);
      JsonNode row =
          PressureApi.row(
              http, downIncident, d -> d.startsWith("pbx-down repassé sous ses seuils"));
      assertThat(row).as("the incident says the machine is back under its thresholds").isNotNull();
      assertThat(Instant.parse(row.path("at").asText())).as("at that moment").isEqualTo(back);

      List<JsonNode> still = alerts(http, "pbx-still");
      assertThat(still).as("the episode still true is continued, not opened again").hasSize(1);
      assertThat(still.getFirst().path("id").asText()).isEqualTo(stillId);
      assertThat(still.getFirst().path("evidence").has("recoveredAt")).isFalse();
      assertThat(poller.episodes().openAlert("pbx-still").id()).isEqualTo(stillId);
      assertThat(poller.episodes().openAlert("pbx-down")).isNull();
      assertThat(PressureApi.incident(http, "pbx-still")).isEqualTo(stillIncident);
      assertThat(PressureApi.alertRefs(http, stillIncident))
          .as("one alert row in pbx-still's incident, from its one episode")
          .allMatch(r -> r.startsWith("alert:" + stillId))
          .isNotEmpty();

      // pbx-still recovers later: the same episode closes
      prom.set(METRIC, "pbx-still", 100);
      await()
          .atMost(WAIT)
          .until(() -> alerts(http, "pbx-still").getFirst().path("evidence").has("recoveredAt"));
      assertThat(alerts(http, "pbx-still")).hasSize(1);
      assertThat(alerts(http, "pbx-still").getFirst().path("id").asText()).isEqualTo(stillId);
      await()
          .atMost(WAIT)
          .until(() ->
              PressureApi.rows(http, stillIncident).stream()
                  .anyMatch(d -> d.startsWith("pbx-still repassé sous ses seuils")));
    }
  }
}
