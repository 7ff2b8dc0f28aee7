package dev.vigie.detect.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.Scenarios;
import dev.vigie.detect.threshold.Thresholds;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A machine's baselines leave one engine and come back into another whole (what a restart of {@code
 * vigie serve} and a partition moving between cluster members rely on): the traffic ones and the
 * service-health ones, through the bytes they are stored as. A damaged state is refused whole and
 * changes nothing.
 */
class BaselineStateTest {
  @Test
  void everyBaselineOfAMachineSurvivesTheTripThroughItsBytes() {
    DetectionEngine learnt = engineWith(new Scenarios().normalMix(0).normalMix(200));
    double[][] state = learnt.baselineState("pbx-acme");
    assertThat(state).hasNumberOfRows(5);
    assertThat(learnt.baselineObservations("pbx-acme")).isPositive();
    double[][] back = BaselineCodec.decode(BaselineCodec.encode(state));
    assertThat(back).isDeepEqualTo(state);

    DetectionEngine fresh = engineWith(new Scenarios());
    assertThat(fresh.baselineObservations("pbx-acme")).isZero();
    assertThat(fresh.restoreBaselineState("pbx-acme", back)).isTrue();
    assertThat(fresh.baselineState("pbx-acme")).isDeepEqualTo(state);
    assertThat(fresh.baselineObservations("pbx-acme"))
        .isEqualTo(learnt.baselineObservations("pbx-acme"));
    // a checkpoint written before the health baselines were kept: its two arrays
    DetectionEngine older = engineWith(new Scenarios());
    assertThat(older.restoreBaselineState("pbx-acme", Arrays.copyOf(state, 2))).isTrue();
    assertThat(older.baselineState("pbx-acme")[0]).isEqualTo(state[0]);
  }

  @Test
  void aDamagedStateIsRefusedWholeAndChangesNothing() {
    double[][] state = engineWith(new Scenarios().normalMix(0)).baselineState("pbx-acme");
    DetectionEngine e = engineWith(new Scenarios());
    double[][] before = e.baselineState("pbx-acme");
    double[][] bad = copy(state);
    bad[4][1] = -1; // a negative variance in the last array
    assertThat(e.restoreBaselineState("pbx-acme", bad)).isFalse();
    bad = copy(state);
    bad[2][0] = Double.NaN;
    assertThat(e.restoreBaselineState("pbx-acme", bad)).isFalse();
    assertThat(e.restoreBaselineState("pbx-acme", Arrays.copyOf(state, 3))).isFalse();
    assertThat(e.restoreBaselineState("no-such-machine", state)).isFalse();
    assertThat(e.baselineState("pbx-acme")).isDeepEqualTo(before);
    byte[] bytes = BaselineCodec.encode(state);
    assertThat(BaselineCodec.decode(Arrays.copyOf(bytes, bytes.length - 1))).isNull();
    assertThat(BaselineCodec.decode(new byte[] {0, 0, 0, 99})).isNull();
    assertThat(BaselineCodec.decode(null)).isNull();
  }

  private static DetectionEngine engineWith(Scenarios s) {
    DetectionEngine e = new DetectionEngine(Scenarios.inventory(), Thresholds.defaults(), a -> {});
    s.events().forEach(e::onSip);
    if (!s.events().isEmpty()) {
      long last = s.events().get(s.events().size() - 1).timestampMicros();
      e.tick(Instant.ofEpochSecond(last / 1_000_000 + 120));
    }
    return e;
  }

  private static double[][] copy(double[][] s) {
    double[][] c = new double[s.length][];
    for (int i = 0; i < s.length; i++) c[i] = s[i].clone();
    return c;
  }
}
