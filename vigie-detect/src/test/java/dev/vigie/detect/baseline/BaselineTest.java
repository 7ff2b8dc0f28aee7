package dev.vigie.detect.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.Scenarios;
import dev.vigie.detect.Sip;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineTest {
  @Test
  void coldDuringWarmupThenLearnsMeanAndHourOfWeek() {
    Baseline b = new Baseline(600, 1000);
    long monday9 = 1_790_000_000L - Math.floorMod(1_790_000_000L + 3 * 86400, 7 * 86400) + 9 * 3600;
    for (long s = 0; s < 999; s++) b.observe(monday9 + s, 10);
    assertThat(b.view(monday9 + 999).warmedUp()).isFalse();
    b.observe(monday9 + 999, 10);
    assertThat(b.view(monday9 + 1000).warmedUp()).isTrue();
    assertThat(b.view(monday9 + 1000).mean()).isCloseTo(10, within(0.01));
    // another hour never observed: the overall baseline applies; the same hour keeps its own
    for (long s = 0; s < 1800; s++) b.observe(monday9 + 3600 + s, 100);
    assertThat(b.view(monday9 + 3600 + 1800).mean()).isGreaterThan(50);
    assertThat(b.view(monday9 + 7 * 86400 + 60).mean()).isCloseTo(10, within(0.01));
  }

  /**
   * A machine quiet at one request a second: a burst under every threshold is caught by the
   * baseline, once warm.
   */
  @Test
  void machineBurstBelowThresholdsIsCaughtOnlyAfterWarmup() {
    assertThat(burst(600))
        .extracting(Alert::kind, Alert::machine)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AlertKind.MACHINE_TRAFFIC, "pbx-acme"));
    assertThat(burst(100_000))
        .isEmpty(); // still warming up: thresholds only, and 40/s is under them
  }

  static List<Alert> burst(long warmup) {
    List<Alert> alerts = new ArrayList<>();
    DetectionEngine e =
        new DetectionEngine(
            Scenarios.inventory(),
            new ThresholdRegistry(Thresholds.defaults()),
            alerts::add,
            EngineOptions.defaults().withWarmup(warmup));
    long t = Scenarios.T0;
    int n = 0;
    for (int s = 0; s < 1200; s++) e.onSip(options(t + s * 1_000_000L, n++));
    for (int s = 1200; s < 1203; s++) {
      for (int i = 0; i < 40; i++) e.onSip(options(t + s * 1_000_000L + i * 20_000L, n++));
    }
    e.finish();
    return e.alerts();
  }

  static dev.vigie.wire.SipEvent options(long micros, int n) {
    return Sip.request(
        micros,
        Scenarios.PBX,
        5060,
        "10.0.9.1",
        5060,
        "OPTIONS",
        "ping",
        "pbx",
        "ping",
        "o" + n,
        1,
        "3CX",
        null,
        false);
  }
}
