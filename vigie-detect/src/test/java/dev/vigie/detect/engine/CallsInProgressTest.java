package dev.vigie.detect.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Sip;
import dev.vigie.detect.rule.TollSnapshot;
import dev.vigie.detect.toll.TollPolicy;
import dev.vigie.wire.sip.SipMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The calls in progress and the buckets that let a BYE or a failure skip the lookup when no call of
 * its Call-ID's bucket is in progress: through the cap's evictions (the oldest forgotten, each
 * leaving its bucket) every call still kept ends at its failure, and the count of concurrent calls
 * comes back to 0. A bucket left counting one call too few would leave a call going for ever.
 */
class CallsInProgressTest {
  static final long T0 = 1_789_948_800L;
  static final long CALLER = 7;
  static final int CALLS = 65_536 + 3_000; // beyond the cap: 3,000 forgotten

  private static SipMessage invite(int i) {
    return invite("1004", "+44207" + i, "call-" + i);
  }

  private static SipMessage failure(int i) {
    return failure("1004", "+44207" + i, "call-" + i);
  }

  /** Extension {@code from}'s INVITE to {@code number}, from the caller to the proxy. */
  private static SipMessage invite(String from, String number, String cid) {
    return Sip.request(
            T0 * 1_000_000L,
            "198.51.100.9",
            5060,
            "10.0.0.1",
            5060,
            "INVITE",
            number,
            from,
            number,
            cid,
            1,
            null,
            null,
            false)
        .sip();
  }

  /** The proxy's 486 to that INVITE, addressed to the caller. */
  private static SipMessage failure(String from, String number, String cid) {
    return Sip.response(
            T0 * 1_000_000L,
            "10.0.0.1",
            5060,
            "198.51.100.9",
            5060,
            486,
            "INVITE",
            from,
            number,
            cid,
            1)
        .sip();
  }

  private static void start(Calls calls, int i) {
    SipMessage m = invite(i);
    calls.call(
        null, "198.51.100.9", null, m, CALLER, "?", m.requestUriUser(), T0, T0 * 1_000_000L, -1);
  }

  private static long concurrent(Calls calls) {
    List<TollSnapshot> touched = calls.drainTouched(T0 + 1);
    return touched.isEmpty() ? -1 : touched.get(0).concurrent();
  }

  @Test
  void everyCallKeptEndsAtItsFailureThroughTheCapsEvictions() {
    Calls calls = new Calls(TollPolicy.defaults(), 4096, 0);
    for (int i = 0; i < CALLS; i++) {
      start(calls, i);
    }
    assertThat(concurrent(calls)).isEqualTo(65_536);
    for (int i = 0; i < 3_000; i++) calls.failed(failure(i), CALLER); // forgotten: nothing to end
    for (int i = 3_000; i < CALLS; i++) {
      calls.failed(failure(i), CALLER + 1); // addressed to someone else: ends nothing
    }
    start(calls, CALLS);
    assertThat(concurrent(calls)).isEqualTo(65_536); // one more in, the oldest kept one out
    for (int i = 3_001; i <= CALLS; i++) calls.failed(failure(i), CALLER);
    assertThat(calls.anyInProgress()).isFalse();
    start(calls, CALLS + 1);
    assertThat(concurrent(calls)).isEqualTo(1);
  }

  /**
   * With one extension slot, extension 2002's call takes the slot of 2001, whose call is still
   * going on: when 2001's call ends, 2002's count is not the one that drops.
   */
  @Test
  void aCallEndingLeavesTheExtensionThatTookItsSlotAlone() {
    Calls calls = new Calls(TollPolicy.defaults(), 1, 0);
    for (String ext : new String[] {"2001", "2002"}) {
      SipMessage m = invite(ext, "+44207" + ext, "c-" + ext);
      calls.call(
          null, "198.51.100.9", null, m, CALLER, "?", m.requestUriUser(), T0, T0 * 1_000_000L, -1);
    }
    SipMessage endOf2001 = failure("2001", "+442072001", "c-2001");
    calls.failed(endOf2001, CALLER);
    List<TollSnapshot> touched = calls.drainTouched(T0 + 1);
    assertThat(touched).extracting(TollSnapshot::extension).containsExactly("2002");
    assertThat(touched.get(0).concurrent()).isEqualTo(1);
  }
}
