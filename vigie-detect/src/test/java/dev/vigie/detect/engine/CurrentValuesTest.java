package dev.vigie.detect.engine;

import static dev.vigie.detect.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.Scenarios;
import dev.vigie.detect.Sip;
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

  /**
   * A carrier challenges each INVITE of pbx-acme (407), which sends it again with credentials: ten
   * calls are ten calls in the machine's rates, not twenty.
   */
  @Test
  void anInviteRetriedWithCredentialsIsOneCallOfTheMachine() {
    DetectionEngine engine =
        new DetectionEngine(Scenarios.inventory(), Thresholds.defaults(), a -> {});
    String pbx = Scenarios.PBX;
    String proxy = Scenarios.PROXY;
    for (int i = 0; i < 10; i++) {
      long at = T0 + i * 2_000_000L;
      String cid = "out-" + i;
      String number = "01402000" + i;
      engine.onSip(invite(at, pbx, proxy, number, cid, 1, null));
      engine.onSip(
          Sip.response(at + 5_000, proxy, 5060, pbx, 5060, 407, "INVITE", "pbx", number, cid, 1));
      engine.onSip(invite(at + 10_000, pbx, proxy, number, cid, 2, "pbx-acme"));
      engine.onSip(
          Sip.response(at + 50_000, proxy, 5060, pbx, 5060, 200, "INVITE", "pbx", number, cid, 2));
    }
    engine.finish();
    assertThat(engine.currentValues("pbx-acme").get(Threshold.MACHINE_CALLS_PER_MINUTE))
        .isEqualTo(10L);
  }

  private static SipEvent invite(
      long at, String src, String dst, String number, String cid, long cseq, String auth) {
    return Sip.request(
        at, src, 5060, dst, 5060, "INVITE", number, "pbx", number, cid, cseq, "3CX", auth, false);
  }
}
