package dev.vigie.detect.engine;

import static dev.vigie.detect.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.Scenarios;
import dev.vigie.detect.threshold.Threshold;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.SipEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link DetectionEngine#currentValues}: what the machine rules compare with a machine's
 * thresholds, published by the detection thread as an immutable snapshot at each evaluation, back
 * to empty once the machine is idle.
 */
class CurrentValuesTest {
  @Test
  void aMachinesCurrentValuesFollowItsTrafficAndGoBackToNothing() {
    DetectionEngine engine =
        new DetectionEngine(Scenarios.inventory(), Thresholds.defaults(), a -> {});
    assertThat(engine.currentValues("pbx-acme")).isEmpty();
    // pbx-acme places 10 calls a second for 5 s, each held 30 s (the BYEs end at 35 s)
    for (SipEvent e : new Scenarios().machineBurst(0, 10, 5).events()) engine.onSip(e);
    engine.finish();

    Map<Threshold, Long> now = engine.currentValues("pbx-acme");
    assertThat(now.get(Threshold.MACHINE_CALLS_PER_MINUTE)).isEqualTo(50L);
    assertThat(now.get(Threshold.MACHINE_CALLS_PER_SECOND)).as("no new call at 35 s").isZero();
    assertThat(now.get(Threshold.MACHINE_INTERNATIONAL_CALLS_PER_MINUTE)).isBetween(1L, 50L);
    assertThat(now.get(Threshold.MACHINE_DISTINCT_DESTINATIONS)).isBetween(40L, 60L);
    assertThat(now).doesNotContainKey(Threshold.REQUESTS_PER_SECOND); // a per-source threshold
    assertThatThrownBy(() -> now.put(Threshold.MACHINE_CALLS_PER_MINUTE, 0L))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(engine.currentValues("trunk")).isEmpty(); // idle
    assertThat(engine.currentValues("no-such-machine")).isEmpty();

    // two minutes after the last message the windows are empty: nothing to show
    // (live ingest ticks every second; the rules run for the second that just ended)
    engine.tick(Instant.ofEpochSecond(0, (T0 + 160_000_000L) * 1000));
    engine.tick(Instant.ofEpochSecond(0, (T0 + 161_000_000L) * 1000));
    assertThat(engine.currentValues("pbx-acme")).isEmpty();
    assertThat(now.get(Threshold.MACHINE_CALLS_PER_MINUTE)).as("a snapshot").isEqualTo(50L);
  }
}
