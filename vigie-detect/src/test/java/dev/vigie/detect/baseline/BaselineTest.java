package dev.vigie.detect.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.Scenarios;
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

  /** A run of zeros in closed form ends where as many single observations of 0 end. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "0, 1, 0", // a fresh baseline
    "500, 7, 1", // warm, a few seconds
    "3000, 600, 3599", // crossing an hour boundary
    "20, 7300, 1800", // several hours, longer than the warm-up
    "4000, 3600, 0" // exactly one hour
  })
  void zerosInClosedFormEqualSingleObservations(int history, int zeros, int startInHour) {
    Baseline iterated = new Baseline(300, 1000);
    Baseline closed = new Baseline(300, 1000);
    long t0 = 1_790_000_000L - Math.floorMod(1_790_000_000L, 3600);
    java.util.Random r = new java.util.Random(history);
    long s = t0;
    for (; s < t0 + history; s++) {
      double v = 5 + r.nextInt(20);
      iterated.observe(s, v);
      closed.observe(s, v);
    }
    s = s - Math.floorMod(s, 3600) + 3600 + startInHour; // a gap, then zeros
    for (long z = 0; z < zeros; z++) iterated.observe(s + z, 0);
    closed.observeZeros(s, zeros);
    assertThat(closed.observations()).isEqualTo(iterated.observations());
    for (long at = s - 7200; at <= s + zeros + 7200; at += 600) {
      BaselineView a = iterated.view(at);
      BaselineView b = closed.view(at);
      assertThat(b.warmedUp()).isEqualTo(a.warmedUp());
      assertThat(b.mean()).isCloseTo(a.mean(), within(1e-9 + 1e-9 * Math.abs(a.mean())));
      assertThat(b.deviation())
          .isCloseTo(a.deviation(), within(1e-9 + 1e-9 * Math.abs(a.deviation())));
    }
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
    for (int s = 0; s < 1200; s++) e.onSip(Scenarios.pbxOptions(t + s * 1_000_000L, n++));
    for (int s = 1200; s < 1203; s++) {
      for (int i = 0; i < 40; i++)
        e.onSip(Scenarios.pbxOptions(t + s * 1_000_000L + i * 20_000L, n++));
    }
    e.finish();
    return e.alerts();
  }
}
