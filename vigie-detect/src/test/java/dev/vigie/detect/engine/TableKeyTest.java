package dev.vigie.detect.engine;

import static dev.vigie.detect.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.Scenarios;
import dev.vigie.detect.Sip;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.sip.SipFramer;
import dev.vigie.wire.sip.SipMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whoever can compute which transactions share a slot of the engine's transaction table can aim
 * requests at the slot of its own failed login and push it out before the refusal comes back: the
 * refusal then finds no request, counts as a plain challenge, and password guessing goes unseen.
 * The table's keys mix in {@link EngineOptions#tableKey()}, random in the live service.
 */
class TableKeyTest {
  static final String GUESSER = "198.51.100.9";
  static final int ATTEMPTS = 15;

  @Test
  void requestsAimedAtTheSlotOfAFailedLoginHideItOnlyWithTheKeyTheyWereComputedFor() {
    List<SipEvent> attack = aimedGuessing(0);
    assertThat(run(attack, 0))
        .as("the key the attack was computed for: every refusal unmatched")
        .extracting(Alert::kind)
        .doesNotContain(AlertKind.BRUTE_FORCE);
    for (long key :
        new long[] {0x5DEECE66DL, -7L, EngineOptions.defaults().withRandomTableKey().tableKey()}) {
      List<Alert> alerts = run(attack, key);
      assertThat(alerts)
          .as("table key %x", key)
          .extracting(Alert::kind, Alert::source)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.BRUTE_FORCE, GUESSER));
      assertThat((Long) alerts.get(0).evidence().get("authFailures")).isGreaterThanOrEqualTo(10L);
    }
  }

  @Test
  void theLiveServiceDrawsARandomKeyAndAnalysisKeepsAFixedOne() {
    assertThat(EngineOptions.defaults().tableKey()).isZero();
    long a = EngineOptions.defaults().withRandomTableKey().tableKey();
    long b = EngineOptions.defaults().withRandomTableKey().tableKey();
    assertThat(a).isNotZero().isNotEqualTo(b);
    EngineOptions o = EngineOptions.defaults().withTableKey(42).withServiceHealth(false);
    assertThat(o.tableKey()).as("kept by the other with* methods").isEqualTo(42);
  }

  private static List<Alert> run(List<SipEvent> events, long key) {
    DetectionEngine engine =
        new DetectionEngine(
            Scenarios.inventory(),
            new ThresholdRegistry(Scenarios.inventory().thresholds(Thresholds.defaults())),
            a -> {},
            EngineOptions.defaults().withTableKey(key));
    events.forEach(engine::onSip);
    engine.finish();
    return engine.alerts();
  }

  /**
   * {@link #ATTEMPTS} failed logins, one a second, each hidden from an engine whose table key is
   * {@code key}: per second, four requests whose transactions start at the login's slot fill its
   * four neighbouring entries with this second's (so the login takes the first of them), then the
   * login, then one more request that takes that first entry back; then the refusal.
   */
  private static List<SipEvent> aimedGuessing(long key) {
    Deque<String> callIds = callIdsSharingOneSlot(key, ATTEMPTS * 6);
    List<SipEvent> events = new ArrayList<>();
    for (int n = 0; n < ATTEMPTS; n++) {
      long at = T0 + (5 + n) * 1_000_000L;
      for (int j = 0; j < 4; j++) events.add(login(at + j * 1_000, callIds.pop()));
      String login = callIds.pop();
      events.add(login(at + 5_000, login));
      events.add(login(at + 6_000, callIds.pop()));
      events.add(
          Sip.response(
              at + 8_000,
              Scenarios.PROXY,
              5060,
              GUESSER,
              5072,
              401,
              "REGISTER",
              "1001",
              "1001",
              login,
              1));
    }
    return events;
  }

  private static SipEvent login(long micros, String callId) {
    return Sip.request(
        micros,
        GUESSER,
        5072,
        Scenarios.PROXY,
        5060,
        "REGISTER",
        null,
        "1001",
        "1001",
        callId,
        1,
        null,
        "1001",
        false);
  }

  /**
   * {@code n} Call-IDs whose transactions (CSeq 1 REGISTER) start at one slot under {@code key}.
   */
  private static Deque<String> callIdsSharingOneSlot(long key, int n) {
    Transactions table = new Transactions(Engine.TRANSACTION_BITS);
    int slot = -1;
    Deque<String> found = new ArrayDeque<>();
    for (int i = 0; found.size() < n; i++) {
      String callId = "g" + i;
      String text =
          "REGISTER sip:10.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1\r\nFrom: <sip:a@b>;tag=1\r\n"
              + "To: <sip:a@b>\r\nCall-ID: "
              + callId
              + "\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n";
      SipMessage m = (SipMessage) SipFramer.frame(text.getBytes(StandardCharsets.US_ASCII));
      int home = table.home(Engine.txKey(m, key));
      if (slot < 0) slot = home;
      if (home == slot) found.add(callId);
    }
    return found;
  }
}
