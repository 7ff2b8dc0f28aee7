package dev.vigie.detect.engine;

import static dev.vigie.detect.Scenarios.T0;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.Scenarios;
import dev.vigie.detect.Severity;
import dev.vigie.detect.Sip;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.sip.SipMessage;
import dev.vigie.wire.sip.SipMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Synthetic scenarios through the whole engine: the right kind, the right party, nothing else. */
class ScenarioTest {
  static final String ATTACKER = "198.51.100.7";

  static List<Alert> run(Scenarios s, Inventory inv, List<Alert> notified) {
    DetectionEngine engine = new DetectionEngine(inv, Thresholds.defaults(), notified::add);
    for (SipEvent e : s.events()) engine.onSip(e);
    engine.finish();
    return engine.alerts();
  }

  /** The alerts of {@code events}, in time order, through an engine on the scenarios' inventory. */
  static List<Alert> alertsOf(List<SipEvent> events) {
    List<SipEvent> sorted = new ArrayList<>(events);
    sorted.sort(java.util.Comparator.comparingLong(SipEvent::timestampMicros));
    DetectionEngine engine =
        new DetectionEngine(Scenarios.inventory(), Thresholds.defaults(), a -> {});
    sorted.forEach(engine::onSip);
    engine.finish();
    return engine.alerts();
  }

  static List<Alert> run(Scenarios s) {
    return run(s, Scenarios.inventory(), new ArrayList<>());
  }

  static Duration latency(Alert a, double attackStart) {
    Instant start = Instant.ofEpochSecond(0, (T0 + Math.round(attackStart * 1e6)) * 1000);
    return Duration.between(start, a.detectedAt());
  }

  @Test
  void normalMixRaisesNothing() {
    assertThat(run(new Scenarios().normalMix(0))).isEmpty();
  }

  @Test
  void restartStormAndOfficeBurstRaiseNothing() {
    assertThat(run(new Scenarios().restartStorm(0, "192.0.2.50", 400).officeBurst(10, OFFICE2)))
        .isEmpty();
  }

  static final String OFFICE2 = "192.0.2.20";

  @Test
  void svmapIsAScanFromTheAttackerWithinTwoSeconds() {
    List<Alert> alerts = run(new Scenarios().normalMix(0).svmap(5, ATTACKER, "friendly-scanner"));
    assertThat(alerts)
        .extracting(Alert::kind, Alert::source)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.SCAN, ATTACKER));
    assertThat(alerts.get(0).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(latency(alerts.get(0), 5)).isLessThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aForgedUserAgentDoesNotHideTheScan() {
    List<Alert> alerts = run(new Scenarios().svmap(5, ATTACKER, "Yealink SIP-T46S 66.86"));
    assertThat(alerts).extracting(Alert::kind).containsExactly(AlertKind.SCAN);
    assertThat(alerts.get(0).evidence()).containsEntry("distinctTargets", 15L);
  }

  @Test
  void svwarIsEnumeration() {
    List<Alert> alerts = run(new Scenarios().normalMix(0).svwar(5, ATTACKER, "friendly-scanner"));
    assertThat(alerts).extracting(Alert::kind).containsExactly(AlertKind.ENUMERATION);
    assertThat(alerts.get(0).source()).isEqualTo(ATTACKER);
    assertThat(alerts.get(0).machine()).isEqualTo("proxy");
    assertThat(latency(alerts.get(0), 5)).isLessThanOrEqualTo(Duration.ofSeconds(5));
  }

  /**
   * svwar's REGISTERs with one fixed user in every Request-URI ({@code REGISTER sip:1@proxy}) and
   * the probed extension only in the To header. A registrar reads the address of record from the To
   * (RFC 3261 section 10.2; Kamailio's save(), Asterisk's PJSIP registrar), so the extensions are
   * still probed one by one, and detection must count them: read from the Request-URI first, the
   * 111 extensions counted as one user and the enumeration went unseen.
   */
  @Test
  void aFixedRequestUriUserDoesNotHideRegisterEnumeration() {
    List<Alert> alerts =
        runEdited(
            new Scenarios().normalMix(0).svwar(5, ATTACKER, "friendly-scanner"),
            e -> e.sip().method() == SipMethod.REGISTER && e.src().toString().equals(ATTACKER),
            text -> text.replaceFirst("^REGISTER sip:", "REGISTER sip:1@"),
            m -> assertThat(m.requestUriUser()).isEqualTo("1"),
            111);
    assertThat(alerts)
        .extracting(Alert::kind, Alert::source)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.ENUMERATION, ATTACKER));
    java.util.Map<String, Object> evidence = alerts.get(0).evidence();
    assertThat(evidence.get("sampleUsers")).asList().doesNotContain("1").contains("100");
    assertThat((Long) evidence.get("distinctUsers")).isGreaterThanOrEqualTo(100L);
  }

  /**
   * svwar padded with two OPTIONS to a valid extension (answered 200) after each probe: two thirds
   * of its requests succeed, but every extension it tries is still refused. The refused share is
   * taken over the extensions tried, each counted at its first request: counted over every request,
   * the padding brought it to 33% (under the 50% level) and the enumeration went unseen.
   */
  @Test
  void requestsRepeatedToAValidExtensionDoNotDiluteAnEnumeration() {
    List<SipEvent> events = new ArrayList<>();
    List<String> exts = new ArrayList<>();
    for (int e = 100; e <= 199; e++) exts.add(Integer.toString(e));
    for (int e = 1000; e <= 1010; e++) exts.add(Integer.toString(e));
    for (int i = 0; i < exts.size(); i++) { // svwar's probes at 25 a second, not to be a flood
      String e = exts.get(i);
      long at = T0 + 5_000_000L + i * 40_000L;
      int code = e.length() == 4 && e.compareTo("1003") <= 0 ? 401 : 404;
      exchange(events, at, "REGISTER", null, e, "war-" + e, code);
      for (int k = 0; k < 2; k++) {
        exchange(
            events, at + 10_000L + k * 10_000L, "OPTIONS", "1001", "1001", "pad-" + i + k, 200);
      }
    }
    List<Alert> alerts = alertsOf(events);
    assertThat(alerts)
        .extracting(Alert::kind, Alert::source)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.ENUMERATION, ATTACKER));
    assertThat(((Number) alerts.get(0).evidence().get("refusedPercent")).doubleValue())
        .isGreaterThanOrEqualTo(80.0);
  }

  /**
   * A request of {@link #ATTACKER} to the proxy at {@code at} and the proxy's answer {@code code}.
   */
  private static void exchange(
      List<SipEvent> events,
      long at,
      String method,
      String ruriUser,
      String user,
      String cid,
      int code) {
    events.add(
        Sip.request(
            at,
            ATTACKER,
            5071,
            Scenarios.PROXY,
            5060,
            method,
            ruriUser,
            user,
            user,
            cid,
            1,
            null,
            null,
            false));
    events.add(
        Sip.response(
            at + 2_000, Scenarios.PROXY, 5060, ATTACKER, 5071, code, method, user, user, cid, 1));
  }

  @Test
  void svcrackIsBruteForce() {
    List<Alert> alerts =
        run(
            new Scenarios()
                .restartStorm(0, "192.0.2.50", 100)
                .svcrack(5, ATTACKER, "friendly-scanner", 300));
    assertThat(alerts).extracting(Alert::kind).containsExactly(AlertKind.BRUTE_FORCE);
    Alert a = alerts.get(0);
    assertThat(a.source()).isEqualTo(ATTACKER);
    assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(a.evidence().get("users")).isEqualTo(List.of("1001"));
    assertThat(latency(a, 5)).isLessThanOrEqualTo(Duration.ofSeconds(5));
  }

  /**
   * svcrack whose answers the proxy sends to another address (its Via carries {@code maddr}, which
   * RFC 3261 section 18.2.2 tells a server to honour): the refusals answer the guesser's requests,
   * so they count for the guesser, and the address that received them is accused of nothing. Read
   * at the address they went to, they were nobody's: 300 guesses raised nothing.
   */
  @Test
  void answersSentToAnotherAddressStillCountForTheGuesser() {
    String elsewhere = "203.0.113.77";
    IpAddress there = IpAddress.parse(elsewhere);
    List<SipEvent> events = new ArrayList<>();
    int diverted = 0;
    for (SipEvent e :
        new Scenarios().normalMix(0).svcrack(5, ATTACKER, "friendly-scanner", 300).events()) {
      if (e.sip().isResponse() && e.dst().toString().equals(ATTACKER)) {
        e =
            new SipEvent(
                e.timestampMicros(), e.src(), e.srcPort(), there, 5060, e.transport(), 0, e.sip());
        diverted++;
      }
      events.add(e);
    }
    assertThat(diverted).isEqualTo(301);
    List<Alert> alerts = alertsOf(events);
    assertThat(alerts)
        .extracting(Alert::kind, Alert::source)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.BRUTE_FORCE, ATTACKER));
    // the challenge went elsewhere: answering it proves nothing about the guesser's address
    assertThat(alerts.get(0).evidence()).containsEntry("proof", "NONE");
  }

  /**
   * svwar through a proxy nobody declared (no inventory) that relays each REGISTER to the PBX: the
   * PBX's refusal goes back to the proxy, the proxy's to the scanner. The PBX's answer goes to the
   * hop that relayed the request, not elsewhere: each extension is refused once, not twice.
   */
  @Test
  void theNextHopAnsweringARelayIsNotAnAnswerSentElsewhere() {
    List<SipEvent> direct = new Scenarios().svwar(5, ATTACKER, "friendly-scanner").events();
    List<SipEvent> events = new ArrayList<>();
    for (SipEvent e : direct) {
      events.add(e);
      if (e.sip().isRequest()) events.add(relayed(e, 500, Scenarios.PROXY, Scenarios.PBX));
      else events.add(relayed(e, -500, Scenarios.PBX, Scenarios.PROXY));
    }
    assertThat(events).hasSize(2 * direct.size());
    List<Alert> alone = withoutInventory(direct);
    List<Alert> alerts = withoutInventory(events);
    assertThat(alerts)
        .extracting(Alert::kind, Alert::source)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.ENUMERATION, ATTACKER));
    assertThat(alone).hasSize(1);
    assertThat((Long) alone.get(0).evidence().get("refused")).isGreaterThan(90L);
    assertThat(alerts.get(0).evidence())
        .containsEntry("refused", alone.get(0).evidence().get("refused"))
        .containsEntry("requests", 111L);
  }

  private static List<Alert> withoutInventory(List<SipEvent> events) {
    List<SipEvent> sorted = new ArrayList<>(events);
    sorted.sort(java.util.Comparator.comparingLong(SipEvent::timestampMicros));
    DetectionEngine engine = new DetectionEngine(Inventory.empty(), Thresholds.defaults(), a -> {});
    sorted.forEach(engine::onSip);
    engine.finish();
    return engine.alerts();
  }

  /** A copy of {@code e}'s text sent from {@code src} to {@code dst}, {@code shift} µs later. */
  private static SipEvent relayed(SipEvent e, long shift, String src, String dst) {
    SipMessage m = e.sip();
    String text = new String(m.buffer(), m.offset(), m.length(), UTF_8);
    return Sip.event(e.timestampMicros() + shift, src, 5060, dst, 5060, text);
  }

  @Test
  void floodIsOneEpisodeFromTheSenderNotFromTheProxy() {
    List<Alert> notified = new ArrayList<>();
    List<Alert> alerts =
        run(
            new Scenarios().normalMix(0).flood(5, "198.51.100.99", 400, 5),
            Scenarios.inventory(),
            notified);
    assertThat(alerts)
        .extracting(Alert::kind, Alert::source)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.FLOOD, "198.51.100.99"));
    // raised when the rate reached the critical level (300/s: 0.75 s in), escalation included
    assertThat(latency(alerts.get(0), 5)).isLessThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(notified).hasSizeLessThanOrEqualTo(3);
  }

  @Test
  void withoutInventoryTheProxyRelayingAFloodIsNotBlamed() {
    List<Alert> alerts =
        run(
            new Scenarios().flood(5, "198.51.100.99", 400, 3),
            Inventory.empty(),
            new ArrayList<>());
    assertThat(alerts).extracting(Alert::source).containsOnly("198.51.100.99");
  }

  @Test
  void machineBurstToPremiumIsMachineTrafficAndTollFraud() {
    List<Alert> alerts = run(new Scenarios().normalMix(0).machineBurst(5, 10, 20));
    assertThat(alerts)
        .extracting(Alert::kind)
        .containsExactlyInAnyOrder(AlertKind.MACHINE_TRAFFIC, AlertKind.TOLL_FRAUD);
    assertThat(alerts).allSatisfy(a -> assertThat(a.machine()).isEqualTo("pbx-acme"));
    Alert mt =
        alerts.stream()
            .filter(a -> a.kind() == AlertKind.MACHINE_TRAFFIC)
            .findFirst()
            .orElseThrow();
    assertThat(latency(mt, 5)).isLessThanOrEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void compromisedExtensionCallingPremiumIsTollFraud() {
    List<Alert> alerts = run(new Scenarios().normalMix(0).tollFraud(5, "198.51.100.40", 6));
    assertThat(alerts)
        .extracting(Alert::kind, Alert::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AlertKind.TOLL_FRAUD, "198.51.100.40"));
  }

  /**
   * The same toll fraud with every initial INVITE's To written {@code <sip:NUMBER@host;tag=x>}: a
   * parameter of the URI, not a To tag (RFC 3261 section 20.10), so the PBX takes each as a new
   * call, and so must detection: read as in-dialog, the calls went uncounted and nothing was
   * raised.
   */
  @Test
  void aTagInsideTheToUriDoesNotHideInitialInvitesFromTheTollRule() {
    tollFraudStillRaisedWhenInvitesRead(
        text -> text.replaceFirst("(?m)^(To: <sip:[^>]*)>", "$1;tag=x>"),
        m -> assertThat(m.hasToTag()).isFalse());
  }

  /**
   * The same toll fraud with every initial INVITE's To carrying {@code ;tag=} without a value:
   * Kamailio and PJSIP read no tag, a new call, and so must detection.
   */
  @Test
  void anEmptyToTagDoesNotHideInitialInvitesFromTheTollRule() {
    tollFraudStillRaisedWhenInvitesRead(
        text -> text.replaceFirst("(?m)^(To: <sip:[^>]*>)", "$1;tag="),
        m -> assertThat(m.hasToTag()).isFalse());
  }

  /**
   * The same toll fraud with every dialled number escaped ({@code sip:%2B8816...@host}, RFC 3261
   * section 19.1.2): the PBX's SIP stack reads {@code +8816...}, the satellite range, and so must
   * detection. Read digit by digit without unescaping, the numbers were local ({@code 28816...}).
   */
  @Test
  void anEscapedPlusDoesNotHideCallsAbroadFromTheTollRule() {
    tollFraudStillRaisedWhenInvitesRead(
        text -> text.replace("sip:+", "sip:%2B"),
        m -> assertThat(m.requestUriUser()).startsWith("%2B"));
  }

  /**
   * The toll fraud of {@link #compromisedExtensionCallingPremiumIsTollFraud} with the text of every
   * initial INVITE the attacker sends edited by {@code edit} (each edited one checked by {@code
   * check}): still TOLL_FRAUD of the attacker, and nothing else.
   */
  private static void tollFraudStillRaisedWhenInvitesRead(
      java.util.function.UnaryOperator<String> edit,
      java.util.function.Consumer<SipMessage> check) {
    String attacker = "198.51.100.40";
    List<Alert> alerts =
        runEdited(
            new Scenarios().normalMix(0).tollFraud(5, attacker, 6),
            e ->
                e.sip().method() == SipMethod.INVITE
                    && !e.sip().hasToTag()
                    && e.src().toString().equals(attacker),
            edit,
            check,
            6);
    assertThat(alerts)
        .extracting(Alert::kind, Alert::source)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.TOLL_FRAUD, attacker));
  }

  /**
   * The alerts of scenario {@code s} with the text of each request {@code which} selects edited by
   * {@code edit} (each edited message checked by {@code check}; {@code edits} of them).
   */
  private static List<Alert> runEdited(
      Scenarios s,
      java.util.function.Predicate<SipEvent> which,
      java.util.function.UnaryOperator<String> edit,
      java.util.function.Consumer<SipMessage> check,
      int edits) {
    List<SipEvent> events = new ArrayList<>();
    int edited = 0;
    for (SipEvent e : s.events()) {
      SipMessage m = e.sip();
      if (m.isRequest() && which.test(e)) {
        String text = edit.apply(new String(m.buffer(), m.offset(), m.length(), UTF_8));
        e =
            Sip.event(
                e.timestampMicros(),
                e.src().toString(),
                e.srcPort(),
                e.dst().toString(),
                e.dstPort(),
                text);
        check.accept(e.sip());
        edited++;
      }
      events.add(e);
    }
    assertThat(edited).isEqualTo(edits);
    return alertsOf(events);
  }

  static final String CALLER = "198.51.100.41";

  /** Numbers in eight countries (no two calls to one prefix: not sequential). */
  static final String[] ABROAD = {
    "+442071234567",
    "+33142345678",
    "+4930123456",
    "+390612345678",
    "+34912345678",
    "+31201234567",
    "+3215123456",
    "+41221234567"
  };

  /**
   * Five international calls of extension 1004 through the proxy, one every 70 s (under the
   * per-minute level) to five countries (not sequential), each held {@code hold} seconds and ended
   * by a BYE the trunk accepts, with the events {@code extra} adds for each call (given its Call-ID
   * and when its INVITE was sent).
   */
  private static List<Alert> heldCalls(
      double hold, java.util.function.BiFunction<String, Long, List<SipEvent>> extra) {
    return heldCalls(hold, "", extra);
  }

  /**
   * {@link #heldCalls(double, java.util.function.BiFunction)} with {@code padding} at the end of
   * each Call-ID.
   */
  private static List<Alert> heldCalls(
      double hold,
      String padding,
      java.util.function.BiFunction<String, Long, List<SipEvent>> extra) {
    String[] abroad = {
      "+442071234567", "+33142345678", "+4930123456", "+390612345678", "+34912345678"
    };
    Scenarios s = new Scenarios().callIdPadding(padding);
    for (int i = 0; i < abroad.length; i++) {
      s.call(5 + 70 * i, CALLER, 5060, "1004", abroad[i], hold, "Yealink SIP-T46S 66.86");
    }
    List<SipEvent> events = new ArrayList<>(s.events());
    for (SipEvent e : s.events()) {
      SipMessage m = e.sip();
      if (m.isRequest()
          && m.method() == SipMethod.INVITE
          && !m.hasToTag()
          && e.src().toString().equals(CALLER)) {
        events.addAll(extra.apply(m.callId(), e.timestampMicros()));
      }
    }
    return alertsOf(events);
  }

  private static void heldCallsAreTollFraud(
      java.util.function.BiFunction<String, Long, List<SipEvent>> extra) {
    assertThat(concurrentCallsOfTheOneTollFraud(heldCalls(1000, extra))).isGreaterThanOrEqualTo(4L);
  }

  /** The concurrent calls of {@code alerts}' only alert, a TOLL_FRAUD of {@link #CALLER}. */
  private static long concurrentCallsOfTheOneTollFraud(List<Alert> alerts) {
    assertThat(alerts)
        .extracting(Alert::kind, Alert::source)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.TOLL_FRAUD, CALLER));
    return (Long) alerts.get(0).evidence().get("concurrentCalls");
  }

  @Test
  void callsHeldTogetherAreTollFraudAndCallsThatEndAreNot() {
    heldCallsAreTollFraud((cid, at) -> List.of());
    assertThat(heldCalls(30, (cid, at) -> List.of())).isEmpty();
  }

  /**
   * Calls whose Call-ID is longer than the engine keeps as it is (a digest then stands for it):
   * held together they are still concurrent, and each still ends at the 2xx to its BYE, at its
   * failure.
   */
  @Test
  void callsWithLongCallIdsAreCountedAndEndedAlike() {
    String pad = "-" + "9".repeat(300);
    List<Alert> held = heldCalls(1000, pad, (cid, at) -> List.of());
    assertThat(held).extracting(Alert::kind).containsExactly(AlertKind.TOLL_FRAUD);
    assertThat((Long) held.get(0).evidence().get("concurrentCalls")).isEqualTo(5L);
    assertThat(heldCalls(30, pad, (cid, at) -> List.of())).isEmpty();
    assertThat(heldCalls(1000, pad, ScenarioTest::busyForTheCaller)).isEmpty();
  }

  /**
   * Three calls abroad held, then, after more than the five idle minutes that forget an extension,
   * three more: six calls of extension 1004 go on together. Forgotten while its calls went on, the
   * extension came back counting three, and calls held in batches paced over five minutes were
   * never concurrent in Vigie's count.
   */
  @Test
  void anExtensionWithCallsGoingOnIsNotForgottenWhileSilent() {
    Scenarios s = new Scenarios();
    for (int i = 0; i < 6; i++) {
      double at = i < 3 ? 5 + 20 * i : 400 + 20 * (i - 3);
      s.call(at, CALLER, 5060, "1004", ABROAD[i], 3000, "Yealink SIP-T46S 66.86");
    }
    assertThat(concurrentCallsOfTheOneTollFraud(alertsOf(s.events()))).isEqualTo(6L);
  }

  /**
   * One call abroad every two and a half hours for 17 hours, the 2xx to each BYE lost before the
   * capture (HEP over UDP drops packets): no call's end is seen. A call taken as going on for ever
   * made the extension's eight calls concurrent, a TOLL_FRAUD of an office that never had two calls
   * at once; a call going on more than six hours is now taken as ended.
   */
  @Test
  void callsWhoseEndWasNotCapturedDoNotAddUpForEver() {
    Scenarios s = new Scenarios();
    for (int i = 0; i < ABROAD.length; i++) {
      s.call(5 + 9000 * i, CALLER, 5060, "1004", ABROAD[i], 120, "Yealink SIP-T46S 66.86");
    }
    List<SipEvent> lost = new ArrayList<>();
    for (SipEvent e : s.events()) {
      SipMessage m = e.sip();
      if (m.isResponse() && m.cseqMethod() == SipMethod.BYE) continue;
      lost.add(e);
    }
    assertThat(lost).hasSizeLessThan(s.events().size());
    assertThat(alertsOf(lost)).extracting(Alert::kind).doesNotContain(AlertKind.TOLL_FRAUD);
  }

  /**
   * One call of {@link #CALLER} to {@code number} as phones make them to a PBX that authenticates
   * INVITEs: the INVITE, a 407, the ACK, the same INVITE with the credentials of {@code authUser}
   * (next CSeq, same Call-ID and From tag), its 200, and after {@code holdMicros} a BYE the PBX
   * accepts.
   */
  private static List<SipEvent> challengedCall(
      long at, String cid, String number, String fromUser, String authUser, long holdMicros) {
    Sent c = new Sent(cid, number, fromUser);
    return List.of(
        c.request(at, "INVITE", 1, null, false),
        c.response(at + 10_000, 407, "INVITE", 1),
        c.request(at + 20_000, "ACK", 1, null, true),
        c.request(at + 30_000, "INVITE", 2, authUser, false),
        c.response(at + 90_000, 200, "INVITE", 2),
        c.request(at + holdMicros, "BYE", 3, null, true),
        c.response(at + holdMicros + 10_000, 200, "BYE", 3));
  }

  /** The messages of one call between {@link #CALLER} and the proxy. */
  private record Sent(String cid, String number, String fromUser) {
    SipEvent request(long at, String method, long cseq, String authUser, boolean toTag) {
      return Sip.request(
          at,
          CALLER,
          5060,
          Scenarios.PROXY,
          5060,
          method,
          number,
          fromUser,
          number,
          cid,
          cseq,
          "Yealink",
          authUser,
          toTag);
    }

    SipEvent response(long at, int code, String method, long cseq) {
      return Sip.response(
          at, Scenarios.PROXY, 5060, CALLER, 5060, code, method, fromUser, number, cid, cseq);
    }
  }

  /**
   * A PBX that challenges every INVITE sees each call twice, without and then with credentials: the
   * same call (Call-ID and From tag), counted once. Three calls to London in a minute were six
   * calls per minute and six consecutive calls to one prefix, a TOLL_FRAUD of an office doing its
   * work; six are six, not twelve.
   */
  @Test
  void anInviteRetriedWithCredentialsIsTheSameCall() {
    List<SipEvent> three = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      three.addAll(
          challengedCall(
              T0 + (5 + 15 * i) * 1_000_000L,
              "ch-" + i,
              "+4420712345" + i,
              "1004",
              "1004",
              10_000_000));
    }
    assertThat(alertsOf(three)).isEmpty();
    List<SipEvent> six = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      six.addAll(
          challengedCall(
              T0 + (5 + 8 * i) * 1_000_000L, "ch-" + i, ABROAD[i], "1004", "1004", 5_000_000));
    }
    List<Alert> alerts = alertsOf(six);
    assertThat(alerts).extracting(Alert::kind).containsExactly(AlertKind.TOLL_FRAUD);
    assertThat(alerts.get(0).evidence()).containsEntry("internationalCallsPerMinute", 6L);
  }

  /**
   * 3CX phones authenticate with an ID that is not their extension number: the INVITE without
   * credentials names From user 1004, the retry the digest user a7k2. The five calls held together
   * are five calls of a7k2, none left counted under 1004.
   */
  @Test
  void credentialsNamingAnotherExtensionMoveTheCallToIt() {
    List<SipEvent> held = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      held.addAll(
          challengedCall(
              T0 + (5 + 70 * i) * 1_000_000L,
              "3cx-" + i,
              ABROAD[i],
              "1004",
              "a7k2",
              1_000_000_000));
    }
    List<Alert> alerts = alertsOf(held);
    assertThat(concurrentCallsOfTheOneTollFraud(alerts)).isEqualTo(5L);
    assertThat(alerts.get(0).evidence()).containsEntry("extension", "a7k2");
  }

  /**
   * Five calls abroad with one Call-ID and five From tags, held together: five dialogs for the PBX
   * (a dialog is its Call-ID and its tags), five concurrent calls. Kept by Call-ID alone, each took
   * the place of the one before and one call was counted.
   */
  @Test
  void oneCallIdWithFiveFromTagsIsFiveCalls() {
    List<SipEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      SipEvent e =
          Sip.request(
              T0 + (5 + 70 * i) * 1_000_000L,
              CALLER,
              5060,
              Scenarios.PROXY,
              5060,
              "INVITE",
              ABROAD[i],
              "1004",
              ABROAD[i],
              "one-call-id",
              1,
              "Yealink",
              null,
              false);
      SipMessage m = e.sip();
      String text = new String(m.buffer(), m.offset(), m.length(), UTF_8);
      events.add(
          Sip.event(
              e.timestampMicros(),
              CALLER,
              5060,
              Scenarios.PROXY,
              5060,
              text.replace(";tag=f", ";tag=" + i + "f")));
    }
    assertThat(concurrentCallsOfTheOneTollFraud(alertsOf(events))).isEqualTo(5L);
  }

  /** A failure the platform sends the caller for its INVITE ends the call, as it always did. */
  @Test
  void aFailureSentToTheCallerEndsItsCall() {
    assertThat(heldCalls(1000, ScenarioTest::busyForTheCaller)).isEmpty();
  }

  /** The proxy's 486 to call {@code cid}'s INVITE (sent at {@code at}), addressed to its caller. */
  private static List<SipEvent> busyForTheCaller(String cid, long at) {
    return List.of(
        Sip.response(
            at + 500_000, Scenarios.PROXY, 5060, CALLER, 5060, 486, "INVITE", "1004", "x", cid, 1));
  }

  /**
   * The caller sends a BYE of its own after each answer, with tags the PBX does not know: the PBX
   * answers 481 and the call goes on. A call ends when its BYE is accepted (a 2xx back to the party
   * that sent it), not when a BYE is seen: ended at the BYE, the calls were never concurrent.
   */
  @Test
  void aByeTheCalleeRefusesDoesNotEndTheCall() {
    heldCallsAreTollFraud((cid, at) -> inDialog(cid, at, "BYE", 7, 481));
  }

  /**
   * The caller itself sends a failure response for its own INVITE (the PBX, its server, ignores
   * it): only a failure addressed to the caller ends a call.
   */
  @Test
  void aFailureResponseTheCallerSendsDoesNotEndItsCall() {
    heldCallsAreTollFraud((cid, at) ->
        List.of(
            Sip.response(
                at + 1_000_000,
                CALLER,
                5060,
                Scenarios.PROXY,
                5060,
                487,
                "INVITE",
                "1004",
                "x",
                cid,
                1)));
  }

  /**
   * The caller sends a re-INVITE the PBX refuses (488): the dialog survives a failed re-INVITE (RFC
   * 3261 section 14.1), so only a failure of the initial INVITE (its CSeq) ends the call.
   */
  @Test
  void aRefusedReInviteDoesNotEndTheCall() {
    heldCallsAreTollFraud((cid, at) -> inDialog(cid, at, "INVITE", 2, 488));
  }

  /**
   * Twelve calls abroad in one minute with the credentials of extension 1003, each INVITE with
   * another From user: a PBX that authenticates the digest user (FreeSWITCH, for one) lets the From
   * be anything, so the calling extension is the one whose credentials the INVITE carries. Counted
   * per From user, each "extension" made one call and nothing was raised.
   */
  @Test
  void aDifferentFromUserOnEachCallDoesNotSpreadThemOverExtensions() {
    String caller = "198.51.100.42";
    Scenarios s = new Scenarios();
    List<SipEvent> events = new ArrayList<>(s.events());
    for (int i = 0; i < 12; i++) {
      long at = T0 + 5_000_000L + i * 4_000_000L;
      String cid = "rotate-" + i;
      String number = "+" + (30 + i) + "1234567" + i;
      events.add(
          Sip.request(
              at,
              caller,
              5060,
              Scenarios.PROXY,
              5060,
              "INVITE",
              number,
              "u" + i,
              number,
              cid,
              1,
              null,
              "1003",
              false));
      events.add(
          Sip.response(
              at + 20_000,
              Scenarios.PROXY,
              5060,
              caller,
              5060,
              200,
              "INVITE",
              "u" + i,
              number,
              cid,
              1));
    }
    List<Alert> alerts = alertsOf(events);
    assertThat(alerts)
        .extracting(Alert::kind, Alert::source)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.TOLL_FRAUD, caller));
    assertThat(alerts.get(0).evidence())
        .containsEntry("extension", "1003")
        .containsEntry("internationalCallsPerMinute", 12L);
  }

  /**
   * A request the caller sends inside call {@code cid} a second after its INVITE (sent at {@code
   * at}), and the proxy's answer {@code code} to it.
   */
  private static List<SipEvent> inDialog(String cid, long at, String method, long cseq, int code) {
    return List.of(
        Sip.request(
            at + 1_000_000,
            CALLER,
            5060,
            Scenarios.PROXY,
            5060,
            method,
            null,
            "1004",
            "x",
            cid,
            cseq,
            null,
            null,
            true),
        Sip.response(
            at + 1_002_000,
            Scenarios.PROXY,
            5060,
            CALLER,
            5060,
            code,
            method,
            "1004",
            "x",
            cid,
            cseq));
  }

  @Test
  void ipv6SourcesAreAggregatedPerSlash64() {
    Scenarios s = new Scenarios();
    for (int i = 0; i < 20; i++)
      s.svcrack(5 + i * 0.3, "2001:db8:66::" + Integer.toHexString(i + 1), "x", 3);
    List<Alert> alerts = run(s);
    assertThat(alerts)
        .extracting(Alert::kind, Alert::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AlertKind.BRUTE_FORCE, "2001:db8:66::/64"));
  }
}
