package dev.vigie.server.pressure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Http;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.cli.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PLATFORM_PRESSURE end to end with a real Prometheus (issue 12): a whole {@code vigie serve} reads
 * the shared {@link RealPrometheus}, which scrapes every second a test exporter whose values the
 * test sets. Values rise: a warning, then a critical alert for that machine only; a real
 * MACHINE_TRAFFIC alert (the lab's machine-burst capture replayed as HEP) on the same machine joins
 * the same incident, whose first row states the causal chain; values fall: the episode closes;
 * Prometheus stopped: a {@code /healthz} reason and {@code vigie_prometheus_up 0}, the server and
 * its SIP detection carry on, and it recovers when Prometheus is back.
 */
class PlatformPressureServerTest {
  private static final String METRIC = "vigie_test_disk_write_bytes";
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path dir;

  private static String yaml(RealPrometheus prom) {
    return """
    prometheus:
      url: %s
      interval: 1s
      timeout: 900ms
    providers:
      - id: vinfra
        kind: hosting
        pressure:
          diskWriteBytes:
            query: 'max(%s{machine="{machine}"})'
            threshold: 1000
    machines:
      - id: proxy-lab
        addresses: [127.0.0.1, "::1"]
        role: proxy
      - id: trunk-carrier
        addresses: [127.0.0.10]
        role: trunk
      - id: pbx-acme
        addresses: [127.0.0.20]
        role: pbx
        hosting: vinfra
      - id: pbx-globex
        addresses: [127.0.0.21]
        role: pbx
        hosting: vinfra
        pressure:
          diskWriteBytes: {warningFraction: 0.7}
    protected: [127.0.0.10/32]
    """
        .formatted(prom.url(), METRIC);
  }

  private static List<JsonNode> alerts(Http http, String kind, String machine) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a : json(http.get("/api/v1/alerts?limit=5000").body()).path("alerts")) {
      if (a.path("kind").asText().equals(kind) && a.path("machine").asText().equals(machine)) {
        out.add(a);
      }
    }
    return out;
  }

  private static Optional<JsonNode> pressure(Http http, String machine) {
    var l = alerts(http, "PLATFORM_PRESSURE", machine);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.getLast());
  }

  private static JsonNode json(String s) {
    try {
      return Json.mapper().readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double metric(Http http, String line) {
    for (String l : http.get("/metrics").body().split("\n")) {
      if (l.startsWith(line + " ")) return Double.parseDouble(l.substring(line.length() + 1));
    }
    return Double.NaN;
  }

  @Test
  void risingMetricsWarnThenTurnCriticalJoinTheMachinesTrafficIncidentAndCloseWhenBackUnder()
      throws Exception {
    RealPrometheus prom = RealPrometheus.shared();
    prom.set(METRIC, "pbx-globex", 100);
    prom.set(METRIC, "pbx-acme", 100);
    try (ServerFixture f = ServerFixture.start(dir, yaml(prom))) {
      Http http = f.http();
      await().atMost(WAIT).until(() -> metric(http, "vigie_prometheus_up") == 1.0);
      assertThat(pressure(http, "pbx-globex")).isEmpty();

      // 750 of 1000: over pbx-globex's own warning fraction (0.7), under acme's default (0.8)
      long t0 = System.nanoTime();
      prom.set(METRIC, "pbx-globex", 750);
      prom.set(METRIC, "pbx-acme", 750);
      JsonNode warning =
          await().atMost(WAIT).until(() -> pressure(http, "pbx-globex"), Optional::isPresent).get();
      long warnMillis = (System.nanoTime() - t0) / 1_000_000;
      assertThat(warning.path("severity").asText()).isEqualTo("WARNING");
      assertThat(warning.path("source").isNull()).isTrue();
      JsonNode ev = warning.path("evidence");
      assertThat(ev.path("metric").asText()).isEqualTo("diskWriteBytes");
      assertThat(ev.path("value").asDouble()).isEqualTo(750);
      assertThat(ev.path("threshold").asDouble()).isEqualTo(1000);
      assertThat(ev.path("fraction").asDouble()).isEqualTo(0.75);
      assertThat(ev.path("warningFraction").asDouble()).isEqualTo(0.7);

      long t1 = System.nanoTime();
      prom.set(METRIC, "pbx-globex", 1200);
      await()
          .atMost(WAIT)
          .until(
              () -> pressure(http, "pbx-globex").get().path("severity").asText(),
              "CRITICAL"::equals);
      long critMillis = (System.nanoTime() - t1) / 1_000_000;
      JsonNode critical = pressure(http, "pbx-globex").get();
      assertThat(critical.path("id").asText()).isEqualTo(warning.path("id").asText());
      assertThat(critical.path("evidence").path("value").asDouble()).isEqualTo(1200);
      System.out.printf(
          "PLATFORM_PRESSURE latency from the exporter's change: warning %d ms, critical %d ms%n",
          warnMillis, critMillis);
      var now = f.server().platformPressure().check("pbx-globex");
      assertThat(now.readings().getFirst().level())
          .isEqualTo(dev.vigie.detect.pressure.PressureLevel.CRITICAL);
      assertThat(now.readings().getFirst().fraction()).isEqualTo(1.2);
      assertThat(f.server().platformPressurePoller().latest("pbx-acme").worst())
          .isEqualTo(dev.vigie.detect.pressure.PressureLevel.OK);
      assertThat(alerts(http, "PLATFORM_PRESSURE", "pbx-acme"))
          .as("750 is under pbx-acme's warning fraction (0.8 × 1000)")
          .isEmpty();

      // the machine's own SIP traffic: the machine-burst capture (150 INVITEs from pbx-globex)
      Path capture = repo().resolve("testdata/captures/machine-burst.sip.pcap");
      Cli r =
          Cli.run(
              "replay",
              capture.toString(),
              "--to",
              "127.0.0.1:" + f.hepPort(),
              "--rate",
              "0",
              "--tcp");
      assertThat(r.exit()).as(r.err()).isZero();
      await().atMost(WAIT).until(() -> !alerts(http, "MACHINE_TRAFFIC", "pbx-globex").isEmpty());
      JsonNode incident =
          await()
              .atMost(WAIT)
              .until(() -> globexIncidents(http), l -> incidentHasBoth(http, l))
              .getFirst();
      assertThat(globexIncidents(http)).as("one incident for the machine").hasSize(1);
      JsonNode timeline =
          json(http.get("/api/v1/incidents/" + incident.path("id").asLong()).body())
              .path("timeline");
      JsonNode first = firstRow(timeline);
      assertThat(first.path("description").asText())
          .startsWith(
              "Le trafic VoIP de pbx-globex pousse la machine vers le seuil de blocage des"
                  + " écritures de la plateforme");

      // back under: the episode closes, the incident says so
      prom.set(METRIC, "pbx-globex", 100);
      await()
          .atMost(WAIT)
          .until(() -> pressure(http, "pbx-globex").get().path("evidence").has("recoveredAt"));
      await()
          .atMost(WAIT)
          .until(() ->
              rows(http, incident.path("id").asLong()).stream()
                  .anyMatch(d -> d.startsWith("pbx-globex repassé sous ses seuils")));
      assertThat(
              metric(
                  http,
                  "vigie_platform_pressure_ratio{machine=\"pbx-globex\",metric=\"diskWriteBytes\"}"))
          .isEqualTo(0.1);

      // Prometheus stopped: a health reason, no crash; detection goes on
      prom.stop();
      try {
        await()
            .atMost(WAIT)
            .until(
                () ->
                    json(f.anonymous().get("/healthz").body())
                        .path("reasons")
                        .path("prometheus")
                        .asText(),
                s -> s.startsWith("Prometheus " + prom.url()));
        var h = f.anonymous().get("/healthz");
        assertThat(h.statusCode()).isEqualTo(503);
        assertThat(json(h.body()).path("reasons").has("ingest")).isFalse();
        assertThat(metric(http, "vigie_prometheus_up")).isEqualTo(0.0);
        assertThat(pressure(http, "pbx-globex").get().path("evidence").has("recoveredAt"))
            .as("no data is neither pressure nor recovery: nothing new")
            .isTrue();
        double sipBefore = metric(http, "vigie_ingest_sip_messages_total"); // the first replay
        assertThat(sipBefore).isPositive();
        Cli again =
            Cli.run(
                "replay",
                capture.toString(),
                "--to",
                "127.0.0.1:" + f.hepPort(),
                "--rate",
                "0",
                "--tcp");
        assertThat(again.exit()).as(again.err()).isZero();
        await()
            .atMost(WAIT)
            .alias("the second replay is detected in full while Prometheus is away")
            .until(() -> metric(http, "vigie_ingest_sip_messages_total") == 2 * sipBefore);
      } finally {
        prom.start();
      }
      await().atMost(WAIT).until(() -> f.anonymous().get("/healthz").statusCode() == 200);
      assertThat(metric(http, "vigie_prometheus_up")).isEqualTo(1.0);
    }
  }

  private static List<JsonNode> globexIncidents(Http http) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode i : json(http.get("/api/v1/incidents?q=pbx-globex").body()).path("incidents")) {
      if (i.path("correlationKey").asText().equals("machine:pbx-globex")) out.add(i);
    }
    return out;
  }

  private static boolean incidentHasBoth(Http http, List<JsonNode> incidents) {
    if (incidents.size() != 1) return false;
    List<String> refs = new ArrayList<>();
    for (JsonNode e :
        json(http.get("/api/v1/incidents/" + incidents.getFirst().path("id").asLong()).body())
            .path("timeline")) {
      refs.add(e.path("ref").asText());
    }
    return refs.stream().anyMatch(s -> s.startsWith("alert:MACHINE_TRAFFIC:"))
        && refs.stream().anyMatch(s -> s.startsWith("alert:PLATFORM_PRESSURE:"));
  }

  private static JsonNode firstRow(JsonNode timeline) {
    for (JsonNode e : timeline) if (!e.path("ref").asText().equals("lifecycle")) return e;
    throw new AssertionError("no row but the lifecycle's: " + timeline);
  }

  private static List<String> rows(Http http, long id) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : json(http.get("/api/v1/incidents/" + id).body()).path("timeline")) {
      out.add(e.path("description").asText());
    }
    return out;
  }

  private static Path repo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("testdata/captures"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("testdata/captures not found");
    return p;
  }
}
