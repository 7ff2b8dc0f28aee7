package dev.vigie.server.pressure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigie.detect.pressure.PressureLevel;
import dev.vigie.detect.pressure.PressureMetric;
import dev.vigie.detect.pressure.PressureReading;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Metrics vs thresholds now" for one machine against the shared real Prometheus: values, levels, a
 * query Prometheus refuses, a series it does not have, and a Prometheus that is not there.
 */
class PlatformPressureCheckTest {
  private static final String METRIC = "vigie_test_write_iops";

  private static PlatformPressureCheck check(URI url, List<PressureMetric> metrics) {
    return new PlatformPressureCheck(
        new PrometheusClient(url, Duration.ofSeconds(2)),
        Map.of("pbx-check", metrics),
        InstantSource.system());
  }

  @Test
  void readsEveryMetricOfTheMachineAgainstItsThreshold() {
    RealPrometheus prom = RealPrometheus.shared();
    prom.set(METRIC, "pbx-check", 450);
    var iops = new PressureMetric("writeIops", METRIC + "{machine=\"{machine}\"}", 500, 0.8);
    var absent =
        new PressureMetric("cpuSteal", "vigie_test_absent{machine=\"{machine}\"}", 10, 0.8);
    var refused = new PressureMetric("packetsPerSecond", "rate(", 1000, 0.8);
    var c = check(prom.url(), List.of(iops, absent, refused));

    var r =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> c.check("pbx-check"), x -> x.readings().getFirst().value() == 450);
    assertThat(r.readings())
        .extracting(PressureReading::metric, PressureReading::level)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("writeIops", PressureLevel.WARNING),
            org.assertj.core.groups.Tuple.tuple("cpuSteal", PressureLevel.NO_DATA),
            org.assertj.core.groups.Tuple.tuple("packetsPerSecond", PressureLevel.NO_DATA));
    assertThat(r.readings().getFirst().fraction()).isEqualTo(0.9);
    assertThat(r.problem()).startsWith("pbx-check.packetsPerSecond: query 'rate(' refused");
    assertThat(r.unreachable()).isFalse();
    assertThat(r.worst()).isEqualTo(PressureLevel.WARNING);
    assertThat(r.underThresholds()).isFalse();

    var alone = check(prom.url(), List.of(iops));
    prom.set(METRIC, "pbx-check", 100);
    var ok =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> alone.check("pbx-check"), PlatformPressureCheck.Result::underThresholds);
    assertThat(ok.worst()).isEqualTo(PressureLevel.OK);
    assertThat(alone.check("unknown-machine").configured()).isFalse();
  }

  @Test
  void aPrometheusThatIsNotThereIsAReasonNotAnException() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      port = s.getLocalPort();
    }
    var m = new PressureMetric("writeIops", "x", 500, 0.8);
    var m2 = new PressureMetric("cpuSteal", "y", 500, 0.8);
    var r = check(URI.create("http://127.0.0.1:" + port), List.of(m, m2)).check("pbx-check");
    assertThat(r.unreachable()).isTrue();
    assertThat(r.problem()).contains("http://127.0.0.1:" + port).contains("unreachable");
    assertThat(r.readings()).extracting(PressureReading::level).containsOnly(PressureLevel.NO_DATA);
    assertThat(r.underThresholds()).isFalse();
  }

  /**
   * When a machine went back under, read from Prometheus's history (what closes an episode after a
   * gap in the polls): the last drop under the warning fraction, not the first one; null while it
   * is still over, when a metric has no data, or when Prometheus is not there.
   */
  @Test
  void theHistoryTellsWhenTheMachineWentBackUnderForGood() throws Exception {
    RealPrometheus prom = RealPrometheus.shared();
    String metric = "vigie_test_history_writes";
    var writes =
        new PressureMetric("diskWriteBytes", metric + "{machine=\"{machine}\"}", 1000, 0.8);
    var c = check(prom.url(), List.of(writes));
    var client = new PrometheusClient(prom.url(), Duration.ofSeconds(2));
    String q = metric + "{machine=\"pbx-check\"}";

    prom.set(metric, "pbx-check", 1200);
    await().atMost(Duration.ofSeconds(30)).until(() -> client.query(q) == 1200.0);
    Instant from = Instant.now();
    Thread.sleep(2500);
    Instant firstDrop = Instant.now();
    prom.set(metric, "pbx-check", 100);
    await().atMost(Duration.ofSeconds(30)).until(() -> client.query(q) == 100.0);
    Thread.sleep(2500);
    prom.set(metric, "pbx-check", 900); // over the warning fraction (800) again
    await().atMost(Duration.ofSeconds(30)).until(() -> client.query(q) == 900.0);
    assertThat(c.backUnderSince("pbx-check", from, Instant.now()))
        .as("still under pressure at the end: not back")
        .isNull();

    Thread.sleep(2500);
    Instant lastDrop = Instant.now();
    prom.set(metric, "pbx-check", 100);
    await().atMost(Duration.ofSeconds(30)).until(() -> client.query(q) == 100.0);
    Instant seen = Instant.now();
    Thread.sleep(3000);
    Instant back = c.backUnderSince("pbx-check", from, Instant.now());
    assertThat(back)
        .as("the last drop (the first, at %s, was followed by pressure again)", firstDrop)
        .isBetween(lastDrop.minusSeconds(1), seen.plusSeconds(1));

    var absent =
        new PressureMetric("cpuSteal", "vigie_test_absent{machine=\"{machine}\"}", 10, 0.8);
    assertThat(
            check(prom.url(), List.of(writes, absent))
                .backUnderSince("pbx-check", from, Instant.now()))
        .as("a metric without data: the history cannot tell")
        .isNull();
    int port;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      port = s.getLocalPort();
    }
    assertThat(
            check(URI.create("http://127.0.0.1:" + port), List.of(writes))
                .backUnderSince("pbx-check", from, Instant.now()))
        .isNull();
  }
}
