package dev.vigie.detect.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.Scenarios;
import dev.vigie.detect.Sip;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.Transport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proof of a real source address: which exchanges prove it and which forgeries do not. Each case is
 * a few packets from 198.51.100.7 with a scanner User-Agent (so that a lone-probe SCAN reports it)
 * around the proxy 10.0.0.1; the proof is read from the alert's evidence.
 */
class ProofTest {
  static final long T0 = 1_767_225_600_000_000L;
  static final String X = "198.51.100.7";
  static final String Y = "198.51.100.99"; // another remote address, not the platform
  static final String P = Scenarios.PROXY;
  static final String UA = "friendly-scanner";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // case                                                            , expected proof
    "'a lone OPTIONS over UDP proves nothing'                          , NONE",
    "'REGISTER over TCP: a handshake was completed'                    , TCP",
    "'answers the nonce the platform challenged it with'               , CHALLENGE_ANSWERED",
    "'a nonce the platform never issued'                               , NONE",
    "'a nonce issued to another address (forged from X)'               , NONE",
    "'a challenge forged by another remote address towards X'          , NONE",
    "'ACK with the To tag of the 404 the platform sent it'             , DIALOG",
    "'ACK with a To tag the platform never sent it'                    , NONE",
    "'digest accepted: 200 to its authenticated REGISTER'              , CHALLENGE_ANSWERED",
    "'its challenge sent elsewhere (a Via maddr), answered from X'     , NONE",
    "'an accepted digest answered elsewhere makes nothing known-good'  , NONE",
  })
  void proof(String scenario, String expected) {
    List<SipEvent> ev = new ArrayList<>();
    switch (scenario.substring(0, 12)) {
      case "a lone OPTIO" -> ev.add(req(0, X, "OPTIONS", 1, null, false, Transport.UDP));
      case "REGISTER ove" -> ev.add(req(0, X, "REGISTER", 1, null, false, Transport.TCP));
      case "answers the " -> {
        ev.add(req(0, X, "REGISTER", 1, null, false, Transport.UDP));
        ev.add(resp(1, P, X, 401, "REGISTER", 1)); // nonce n2
        ev.add(req(2, X, "REGISTER", 2, "1001", false, Transport.UDP)); // nonce n2
      }
      case "a nonce the " -> {
        ev.add(req(0, X, "REGISTER", 1, null, false, Transport.UDP));
        ev.add(resp(1, P, X, 401, "REGISTER", 1)); // nonce n2
        ev.add(req(2, X, "REGISTER", 7, "1001", false, Transport.UDP)); // nonce n7
      }
      case "a nonce issu" -> {
        ev.add(req(0, Y, "REGISTER", 1, null, false, Transport.UDP));
        ev.add(resp(1, P, Y, 401, "REGISTER", 1)); // n2, to Y
        ev.add(req(2, X, "REGISTER", 2, "1001", false, Transport.UDP)); // n2, from X
      }
      case "a challenge " -> {
        ev.add(req(0, X, "REGISTER", 1, null, false, Transport.UDP));
        ev.add(resp(1, Y, X, 401, "REGISTER", 1)); // not from where the request went
        ev.add(req(2, X, "REGISTER", 2, "1001", false, Transport.UDP));
      }
      case "ACK with the" -> {
        ev.add(req(0, X, "INVITE", 1, null, false, Transport.UDP));
        ev.add(resp(1, P, X, 404, "INVITE", 1)); // To tag t1
        ev.add(req(2, X, "ACK", 1, null, true, Transport.UDP)); // To tag t1
      }
      case "ACK with a T" -> {
        ev.add(req(0, X, "INVITE", 1, null, false, Transport.UDP));
        ev.add(req(2, X, "ACK", 1, null, true, Transport.UDP));
      }
      case "digest accep" -> {
        ev.add(req(0, X, "REGISTER", 5, "1001", false, Transport.UDP)); // nonce n5, never issued
        ev.add(resp(1, P, X, 200, "REGISTER", 5));
      }
      case "its challeng" -> {
        ev.add(req(0, X, "REGISTER", 1, null, false, Transport.UDP));
        ev.add(elsewhere(1, 401, 1)); // nonce n2, handed to Y
        ev.add(req(2, X, "REGISTER", 2, "1001", false, Transport.UDP)); // nonce n2
      }
      case "an accepted " -> {
        ev.add(req(0, X, "REGISTER", 1, null, false, Transport.UDP));
        ev.add(elsewhere(1, 401, 1));
        ev.add(req(2, X, "REGISTER", 2, "1001", false, Transport.UDP));
        ev.add(elsewhere(3, 200, 2));
      }
      default -> throw new IllegalArgumentException(scenario);
    }
    List<Alert> notified = new ArrayList<>();
    List<String> registered = new ArrayList<>();
    DetectionEngine engine =
        new DetectionEngine(Scenarios.inventory(), Thresholds.defaults(), notified::add);
    engine.registrations((a, m, t) -> registered.add(a + "@" + m));
    ev.forEach(engine::onSip);
    engine.tick(java.time.Instant.ofEpochSecond(T0 / 1_000_000 + 5));
    engine.finish();
    assertThat(engine.alerts()).as(scenario).isNotEmpty();
    Alert last = engine.alerts().getLast();
    assertThat(last.source()).isEqualTo(X);
    assertThat(last.evidence().get("proof")).as(scenario).isEqualTo(expected);
    if (scenario.startsWith("digest")) {
      assertThat(registered).containsExactly(X + "@proxy");
    } else {
      assertThat(registered).isEmpty();
    }
  }

  static SipEvent req(
      int ms, String src, String method, long cseq, String auth, boolean toTag, Transport t) {
    String ruri = method.equals("REGISTER") ? null : "10" + cseq;
    SipEvent e =
        Sip.request(
            T0 + ms * 1000L,
            src,
            5070,
            P,
            5060,
            method,
            ruri,
            "1001",
            "1001",
            "cid-" + src,
            cseq,
            UA,
            auth,
            toTag);
    return new SipEvent(
        e.timestampMicros(), e.src(), e.srcPort(), e.dst(), e.dstPort(), t, 0, e.sip());
  }

  /** The proxy's answer to X's REGISTER {@code cseq}, sent to Y (the address its Via named). */
  static SipEvent elsewhere(int ms, int code, long cseq) {
    return Sip.response(
        T0 + ms * 1000L, P, 5060, Y, 5070, code, "REGISTER", "1001", "1001", "cid-" + X, cseq);
  }

  static SipEvent resp(int ms, String from, String to, int code, String method, long cseq) {
    return Sip.response(
        T0 + ms * 1000L, from, 5060, to, 5070, code, method, "1001", "1001", "cid-" + to, cseq);
  }
}
