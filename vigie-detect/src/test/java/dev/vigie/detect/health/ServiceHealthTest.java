package dev.vigie.detect.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.AlertListener;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.Scenarios;
import dev.vigie.detect.Severity;
import dev.vigie.detect.Sip;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SERVICE_DEGRADED end to end through the engine, on synthetic traffic shaped like the lab's:
 * phones (remote addresses) call through the proxy, which relays every INVITE to the trunk or the
 * PBX.
 */
class ServiceHealthTest {
  private static final String PROXY = Scenarios.PROXY;
  private static final String TRUNK = Scenarios.TRUNK;
  private static final String PBX = Scenarios.PBX;
  private static final String PHONE = "198.51.100.20";
  private static final long S = 1_000_000L;
  // Monday 2026-09-21 00:00 UTC: hour-of-week slot 0
  private static final long MONDAY = 1_789_948_800L * S;

  private final List<SipEvent> events = new ArrayList<>();
  private int n;

  /** How the far end of one call behaves. */
  private enum End {
    ANSWER(200),
    BUSY(486),
    NO_ANSWER(480),
    REJECT(603),
    UNAVAILABLE(503),
    DEAD(0);

    final int code;

    End(int code) {
      this.code = code;
    }
  }

  /** One call from a phone through the proxy to {@code far}, starting at {@code t} (micros). */
  private void call(long t, String far, End end) {
    String cid = "call-" + n++;
    events.add(inv(t, PHONE, PROXY, cid));
    events.add(resp(t + 2_000, PROXY, PHONE, 100, cid));
    events.add(inv(t + 3_000, PROXY, far, cid));
    if (end == End.DEAD) {
      // the proxy retransmits to the dead gateway (T1 doubling), then gives the phone a 408
      for (long r : new long[] {500_000, 1_500_000, 3_500_000})
        events.add(inv(t + r, PROXY, far, cid));
      events.add(resp(t + 8 * S, PROXY, PHONE, 408, cid));
      return;
    }
    events.add(resp(t + 30_000, far, PROXY, 100, cid));
    events.add(resp(t + 31_000, PROXY, PHONE, 100, cid));
    events.add(resp(t + 400_000, far, PROXY, end.code, cid));
    events.add(resp(t + 401_000, PROXY, PHONE, end.code, cid));
  }

  private static SipEvent inv(long t, String src, String dst, String cid) {
    return Sip.request(
        t,
        src,
        5060,
        dst,
        5060,
        "INVITE",
        "0140000000",
        "1000",
        "0140000000",
        cid,
        1,
        "phone",
        null,
        false);
  }

  /** A scanner's REGISTER of extension 100 to the PBX. */
  private static SipEvent register(long t, String src, int port, String cid) {
    return Sip.request(
        t, src, port, PBX, 5060, "REGISTER", null, "100", "100", cid, 1, "sipcli", null, false);
  }

  private static SipEvent resp(long t, String src, String dst, int code, String cid) {
    return Sip.response(t, src, 5060, dst, 5060, code, "INVITE", "1000", "0140000000", cid, 1);
  }

  /** Calls every {@code every} micros from {@code from} for {@code seconds} seconds. */
  private void calls(long from, int seconds, long every, String far, End end) {
    for (long t = from; t < from + seconds * S; t += every) call(t, far, end);
  }

  private record Run(List<Alert> raised, List<Alert> resolved, List<Alert> all) {
    List<Alert> health() {
      return all.stream().filter(a -> a.kind() == AlertKind.SERVICE_DEGRADED).toList();
    }
  }

  private Run run(EngineOptions options) {
    return run(options, e -> {});
  }

  /** The events through an engine that {@code before} prepared (what a previous run learnt). */
  private Run run(EngineOptions options, java.util.function.Consumer<DetectionEngine> before) {
    events.sort(Comparator.comparingLong(SipEvent::timestampMicros));
    List<Alert> raised = new ArrayList<>();
    List<Alert> resolved = new ArrayList<>();
    Inventory inv = Scenarios.inventory();
    DetectionEngine e =
        new DetectionEngine(
            inv,
            new ThresholdRegistry(inv.thresholds(Thresholds.defaults())),
            AlertListener.of(raised::add, resolved::add),
            options);
    before.accept(e);
    for (SipEvent ev : events) e.onSip(ev);
    e.finish();
    return new Run(raised, resolved, e.alerts());
  }

  @Test
  void aPbxIgnoringOneBannedScannerAtNightIsNoOutage() {
    long t0 = MONDAY + 3 * 3600 * S;
    // the PBX answers the proxy's keep-alives every 30 s; a scanner it has banned (fail2ban,
    // 3CX's blacklist) keeps sending REGISTERs twice a second, never answered
    for (long t = t0; t < t0 + 300 * S; t += 30 * S) {
      events.add(
          Sip.request(
              t,
              PROXY,
              5060,
              PBX,
              5060,
              "OPTIONS",
              null,
              "proxy",
              "pbx",
              "ka" + t,
              1,
              "kamailio",
              null,
              false));
      events.add(
          Sip.response(
              t + 2_000, PBX, 5060, PROXY, 5060, 200, "OPTIONS", "proxy", "pbx", "ka" + t, 1));
    }
    for (long t = t0 + 60 * S; t < t0 + 240 * S; t += S / 2) {
      events.add(register(t, "203.0.113.66", 5070, "scan" + t));
    }
    assertThat(run(EngineOptions.defaults()).health()).isEmpty();
  }

  /**
   * An address no machine ever served sends INVITEs and REGISTERs straight to the PBX, which
   * answers each one 503 (a rate limit, an overload guard) and slowly (a tarpit), while it answers
   * everyone it serves at once: the attacker's calls and registrations that fail, and the slowness
   * it meets, are not the service failing.
   */
  @Test
  void failuresAndSlownessOnlyAStrangerMeetsAreNoOutage() {
    long t0 = MONDAY + 10 * 3600 * S;
    String stranger = "203.0.113.67";
    calls(t0, 240, 20 * S, PBX, End.ANSWER); // the PBX's own clients: a call every 20 s
    for (long t = t0 + 30 * S; t < t0 + 210 * S; t += S) {
      String cid = "s" + t;
      events.add(inv(t, stranger, PBX, cid));
      events.add(resp(t + 3 * S, PBX, stranger, 503, cid));
      events.add(register(t + S / 2, stranger, 5060, "r" + t));
      events.add(
          Sip.response(
              t + S / 2 + 3 * S,
              PBX,
              5060,
              stranger,
              5060,
              503,
              "REGISTER",
              "100",
              "100",
              "r" + t,
              1));
    }
    assertThat(run(EngineOptions.defaults()).health()).isEmpty();
  }

  /**
   * Just after a start, a phone that talks straight to its PBX has not been served 2xx in this run:
   * its requests are a stranger's, and the PBX failing it is not seen. Told what a previous run
   * learnt (the phone's address is known-good: served an hour ago), the engine judges them at once:
   * the PBX, which challenged the phone once, then answers nothing, is not answering.
   */
  @Test
  void anAddressServedBeforeTheStartIsJudgedAtOnce() {
    long t0 = MONDAY + 10 * 3600 * S;
    events.add(register(t0, PHONE, 5060, "first"));
    events.add(
        Sip.response(
            t0 + 2_000, PBX, 5060, PHONE, 5060, 401, "REGISTER", "100", "100", "first", 1));
    for (long t = t0 + 10 * S; t < t0 + 70 * S; t += 2 * S) {
      events.add(register(t, PHONE, 5060, "again" + t));
    }
    assertThat(run(EngineOptions.defaults()).health()).isEmpty(); // a stranger: nothing judged
    List<Alert> health =
        run(
                EngineOptions.defaults(),
                e -> e.markServed(IpAddress.parse(PHONE), Instant.ofEpochSecond(t0 / S - 3600)))
            .health();
    assertThat(health).extracting(Alert::machine).containsExactly("pbx-acme");
    // served more than a day before: a stranger again
    assertThat(
            run(
                    EngineOptions.defaults(),
                    e ->
                        e.markServed(
                            IpAddress.parse(PHONE), Instant.ofEpochSecond(t0 / S - 90_000)))
                .health())
        .isEmpty();
  }

  @Test
  void gatewayKilledFor40SecondsIsReportedWithin30SecondsAndClosesWithItsDuration() {
    long t0 = MONDAY + 8 * 3600 * S;
    calls(t0, 60, S / 2, TRUNK, End.ANSWER);
    long down = t0 + 60 * S;
    calls(down, 40, S / 2, TRUNK, End.DEAD);
    calls(down + 40 * S, 60, S / 2, TRUNK, End.ANSWER);
    Run r = run(EngineOptions.defaults());
    // one episode, on the trunk only: the proxy's 408s were the trunk's failure passed back
    assertThat(r.health()).hasSize(1);
    Alert a = r.health().get(0);
    assertThat(a.machine()).isEqualTo("trunk");
    assertThat(a.source()).isNull();
    assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
    // first raised as a machine not answering; the evidence then follows the calls' NER
    assertThat(r.raised().get(0).evidence()).containsEntry("signal", "NO_RESPONSE");
    assertThat(r.raised().get(0).summary()).startsWith("trunk not answering");
    assertThat(Duration.between(instant(down), a.detectedAt()))
        .isLessThanOrEqualTo(Duration.ofSeconds(30));
    // closed by the recovery, not by 120 s of quiet, with how long the trunk was down
    assertThat(r.resolved()).singleElement().satisfies(x -> assertThat(x.id()).isEqualTo(a.id()));
    long degraded = ((Number) a.evidence().get("degradedSeconds")).longValue();
    assertThat(degraded).isBetween(36L, 44L);
    assertThat(
            Duration.between(
                instant(down + 40 * S),
                java.time.Instant.parse((String) a.evidence().get("recoveredAt"))))
        .isLessThanOrEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void pbxAnswering503IsAnNerCollapseAgainstItsBaselineWithin60Seconds() {
    long t0 = MONDAY + 9 * 3600 * S;
    calls(t0, 90, S, PBX, End.ANSWER);
    long bad = t0 + 90 * S;
    calls(bad, 60, S, PBX, End.UNAVAILABLE);
    Run r = run(EngineOptions.defaults());
    assertThat(r.health())
        .singleElement()
        .satisfies(a -> {
          assertThat(a.machine()).isEqualTo("pbx-acme");
          assertThat(a.evidence())
              .containsEntry("signal", "CALLS_FAILING")
              .containsKey("usualNerPercent");
          assertThat((Long) a.evidence().get("usualNerPercent")).isGreaterThanOrEqualTo(90L);
          assertThat(a.summary()).contains("calls through pbx-acme failing").contains("usually 9");
          assertThat(Duration.between(instant(bad), a.detectedAt()))
              .isLessThanOrEqualTo(Duration.ofSeconds(60));
        });
  }

  @Test
  void busyUnansweredAndRejectedCallsAreTheNetworkWorking() {
    long t0 = MONDAY + 10 * 3600 * S;
    calls(t0, 30, S, PBX, End.BUSY);
    calls(t0 + 30 * S, 30, S, PBX, End.NO_ANSWER);
    calls(t0 + 60 * S, 30, S, TRUNK, End.REJECT);
    assertThat(run(EngineOptions.defaults()).health()).isEmpty();
  }

  @Test
  void aSingleFailedCallOrAFewAreNoOutage() {
    long t0 = MONDAY + 10 * 3600 * S;
    calls(t0, 60, S, PBX, End.ANSWER);
    call(t0 + 61 * S, PBX, End.UNAVAILABLE);
    call(t0 + 62 * S, TRUNK, End.DEAD);
    calls(t0 + 63 * S, 20, S, PBX, End.ANSWER);
    for (int i = 0; i < 4; i++) call(t0 + 90 * S + i * S, PBX, End.UNAVAILABLE);
    assertThat(run(EngineOptions.defaults()).health()).isEmpty();
  }

  @Test
  void offHealthRaisesNothing() {
    long t0 = MONDAY + 8 * 3600 * S;
    calls(t0, 30, S / 2, TRUNK, End.ANSWER);
    calls(t0 + 30 * S, 40, S / 2, TRUNK, End.DEAD);
    assertThat(run(EngineOptions.defaults().withServiceHealth(false)).health()).isEmpty();
  }

  /**
   * The PBX is silent every night (Monday 00h) and busy at 01h; a week later, its silence at 00h is
   * a night like the others, its silence at 01h while the trunk keeps its traffic is an outage.
   */
  @Test
  void silenceIsJudgedAgainstTheHourOfTheWeek() {
    long week = 7 * 86_400L * S;
    trunkKeepalives(MONDAY, 7200);
    pbxKeepalives(MONDAY + 3600 * S, 3600);
    trunkKeepalives(MONDAY + week, 3600 - 1);
    EngineOptions options = EngineOptions.defaults().withWarmup(3000);
    assertThat(run(options).health()).as("a quiet night").isEmpty();
    trunkKeepalives(MONDAY + week + 3600 * S, 300);
    Run r = run(options);
    assertThat(r.health())
        .singleElement()
        .satisfies(a -> {
          assertThat(a.machine()).isEqualTo("pbx-acme");
          assertThat(a.evidence()).containsEntry("signal", "SILENT");
          assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
          assertThat(Duration.between(instant(MONDAY + week + 3600 * S), a.detectedAt()))
              .isLessThanOrEqualTo(Duration.ofSeconds(75));
        });
  }

  private void trunkKeepalives(long from, int seconds) {
    for (int s = 0; s < seconds; s += 5) {
      String cid = "k" + n++;
      events.add(
          Sip.request(
              from + s * S,
              TRUNK,
              5060,
              PROXY,
              5060,
              "OPTIONS",
              "ping",
              "gw",
              "ping",
              cid,
              1,
              "gw",
              null,
              false));
      events.add(
          Sip.response(
              from + s * S + 1000, PROXY, 5060, TRUNK, 5060, 200, "OPTIONS", "gw", "ping", cid, 1));
    }
  }

  private void pbxKeepalives(long from, int seconds) {
    for (int s = 0; s < seconds; s++) {
      String cid = "p" + n++;
      events.add(
          Sip.request(
              from + s * S,
              PBX,
              5060,
              PROXY,
              5060,
              "OPTIONS",
              "ping",
              "pbx",
              "ping",
              cid,
              1,
              "3CX",
              null,
              false));
      events.add(
          Sip.response(
              from + s * S + 1000, PROXY, 5060, PBX, 5060, 200, "OPTIONS", "pbx", "ping", cid, 1));
    }
  }

  private static java.time.Instant instant(long micros) {
    return java.time.Instant.ofEpochSecond(micros / S, micros % S * 1000);
  }
}
