package dev.vigie.contain.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.contain.ContainmentService;
import dev.vigie.contain.Isolation;
import dev.vigie.contain.Outcome;
import dev.vigie.contain.Reason;
import dev.vigie.contain.config.ContainmentConfig;
import dev.vigie.contain.ledger.InMemoryAuditTrail;
import dev.vigie.contain.ledger.InMemoryIsolationLedger;
import dev.vigie.contain.trust.KnownGoodAddress;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.InventoryParser;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.Transport;
import dev.vigie.wire.sip.SipFramer;
import dev.vigie.wire.sip.SipMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, point 1, reproduced through the real detection engine and the containment service with
 * the default policy: forged single packets from spoofed addresses must not buy blocks nor use up
 * the automatic-action cap, and a real enumeration (which reads the platform's answers and ACKs
 * them) after them is still blocked automatically.
 */
class SecurityTrustContainmentTest {
  static final long T0 = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z
  static final String PROXY = "10.0.0.1";

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.ofEpochSecond(T0 / 1_000_000));
  final InstantSource clock = now::get;
  final InMemoryIsolationLedger ledger = new InMemoryIsolationLedger();
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final List<Outcome> outcomes = new ArrayList<>();

  ContainmentService service(boolean dryRun) {
    AtomicInteger n = new AtomicInteger();
    return new ContainmentService(
        ContainmentConfig.defaults().withDryRun(dryRun),
        ledger,
        audit,
        List.of(),
        clock,
        () -> "iso-" + n.incrementAndGet());
  }

  DetectionEngine engine(ContainmentService s) {
    Inventory inv =
        InventoryParser.parse(
            Map.of(
                "machines",
                List.of(Map.of("id", "proxy", "addresses", List.of(PROXY), "role", "proxy"))));
    return new DetectionEngine(
        inv,
        Thresholds.defaults(),
        a -> {
          now.set(a.detectedAt());
          outcomes.add(s.onAlert(a));
        });
  }

  @Test
  void fortyForgedProbesNeitherBlockNorUseTheCapAndTheRealEnumerationIsStillBlocked() {
    ContainmentService s = service(true); // as in the issue: dry-run
    DetectionEngine d = engine(s);
    long t = T0;
    for (int i = 1; i <= 40; i++) { // one forged OPTIONS per spoofed address, 100 ms apart
      String spoofed = "198.18.0." + i;
      d.onSip(options(t, spoofed, "probe-" + i));
      d.onSip(response(t + 500, PROXY, spoofed, 200, "OPTIONS", "probe-" + i, 1));
      t += 100_000;
    }
    t += 2_000_000;
    d.tick(Instant.ofEpochSecond(t / 1_000_000)); // every second of the probes evaluated
    List<Outcome> forged = List.copyOf(outcomes);
    assertThat(forged).as("every forged probe is reported").hasSize(40);
    assertThat(forged).noneMatch(o -> o.reason() == Reason.DRY_RUN);
    assertThat(forged)
        .extracting(Outcome::reason)
        .containsOnly(Reason.LONE_PROBE, Reason.UNPROVEN_CAP_REACHED);
    assertThat(forged.stream().filter(o -> o.reason() == Reason.LONE_PROBE))
        .as("the unproven budget: 5 questions per 5 minutes")
        .hasSize(5);
    assertThat(autoActions()).isZero();

    // then the real svwar (INVITE method): it reads each 404 and ACKs it with the To tag
    String atk = "192.0.2.66";
    for (int ext = 100; ext < 300; ext++) {
      String cid = "svwar-" + ext;
      d.onSip(invite(t, atk, Integer.toString(ext), cid));
      d.onSip(response(t + 400, PROXY, atk, 404, "INVITE", cid, 1));
      d.onSip(ack(t + 800, atk, Integer.toString(ext), cid));
      t += 10_000; // 100 extensions a second
    }
    d.finish();
    List<Outcome> real = outcomes.subList(forged.size(), outcomes.size());
    assertThat(real)
        .as("the enumeration is blocked automatically: %s", real)
        .anyMatch(o -> o.reason() == Reason.DRY_RUN && o.detail().contains("proven source"));
    Isolation blocked =
        real.stream()
            .filter(o -> o.reason() == Reason.DRY_RUN)
            .findFirst()
            .orElseThrow()
            .isolation();
    assertThat(blocked.target().toString()).isEqualTo(atk);
    assertThat(autoActions()).as("only the real attacker used the cap").isEqualTo(1);
  }

  @Test
  void aSpoofedProbeClaimingAKnownGoodAddressIsAskedAboutNamingTheClient() {
    ContainmentService s = service(false);
    String phone = "192.0.2.10";
    s.knownGood(src ->
        src.equals(phone)
            ? Optional.of(new KnownGoodAddress(phone, "acme", "pbx-acme", 34, 7, now.get()))
            : Optional.empty());
    DetectionEngine d = engine(s);
    long t = T0;
    for (int i = 0; i < 60; i++) { // a forged enumeration from the phone's address
      d.onSip(invite(t, phone, Integer.toString(500 + i), "forged-" + i));
      d.onSip(response(t + 400, PROXY, phone, 404, "INVITE", "forged-" + i, 1)); // not ACKed
      t += 20_000;
    }
    d.finish();
    assertThat(outcomes).isNotEmpty();
    assertThat(outcomes).noneMatch(o -> o.isolation() != null && o.isolation().activated() != null);
    Outcome first = outcomes.getFirst();
    assertThat(first.reason()).isEqualTo(Reason.KNOWN_GOOD);
    assertThat(first.detail())
        .contains("34 successful registrations of acme's phones from this address in 7 days");
  }

  private long autoActions() {
    return ledger.activatedSince(Instant.EPOCH).stream()
        .filter(i -> Isolation.AUTO.equals(i.actor()))
        .count();
  }

  static SipEvent options(long t, String src, String cid) {
    return event(
        t,
        src,
        PROXY,
        "OPTIONS sip:100@"
            + PROXY
            + " SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP "
            + src
            + ":5060;branch=z9hG4bK"
            + cid
            + "\r\nFrom: \"sipvicious\"<sip:100@1.1.1.1>;tag=f"
            + cid
            + "\r\nTo: <sip:100@"
            + PROXY
            + ">\r\nCall-ID: "
            + cid
            + "\r\nCSeq: 1 OPTIONS\r\nUser-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n");
  }

  static SipEvent invite(long t, String src, String ext, String cid) {
    return event(t, src, PROXY, request("INVITE", src, ext, cid, ""));
  }

  static SipEvent ack(long t, String src, String ext, String cid) {
    return event(t, src, PROXY, request("ACK", src, ext, cid, ";tag=as" + cid));
  }

  private static String request(String method, String src, String ext, String cid, String tag) {
    return method
        + " sip:"
        + ext
        + "@"
        + PROXY
        + " SIP/2.0\r\nVia: SIP/2.0/UDP "
        + src
        + ":5060;branch=z9hG4bK"
        + cid
        + method
        + "\r\nFrom: \""
        + ext
        + "\"<sip:"
        + ext
        + "@"
        + PROXY
        + ">;tag=f"
        + cid
        + "\r\nTo: \""
        + ext
        + "\"<sip:"
        + ext
        + "@"
        + PROXY
        + ">"
        + tag
        + "\r\nCall-ID: "
        + cid
        + "\r\nCSeq: 1 "
        + method
        + "\r\nUser-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n";
  }

  static SipEvent response(
      long t, String src, String dst, int code, String method, String cid, long cseq) {
    return event(
        t,
        src,
        dst,
        "SIP/2.0 "
            + code
            + " Whatever\r\nVia: SIP/2.0/UDP "
            + dst
            + ":5060;branch=z9hG4bK"
            + cid
            + "\r\nFrom: <sip:x@"
            + PROXY
            + ">;tag=f"
            + cid
            + "\r\nTo: <sip:x@"
            + PROXY
            + ">;tag=as"
            + cid
            + "\r\nCall-ID: "
            + cid
            + "\r\nCSeq: "
            + cseq
            + " "
            + method
            + "\r\nServer: kamailio\r\nContent-Length: 0\r\n\r\n");
  }

  static SipEvent event(long t, String src, String dst, String text) {
    SipMessage m = (SipMessage) SipFramer.frame(text.getBytes(StandardCharsets.UTF_8));
    return new SipEvent(
        t, IpAddress.parse(src), 5060, IpAddress.parse(dst), 5060, Transport.UDP, 0, m);
  }
}
