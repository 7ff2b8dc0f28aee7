package dev.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.probe.sip.SipProber;
import dev.vigie.wire.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Transaction behaviour of the prober against scripted peers on 127.0.0.45:5075 (UDP and TCP) and a
 * closed port on 127.0.0.44:5074: RFC 3261 retransmissions, provisional responses, stray and
 * garbage answers, stream framing.
 */
@SuppressWarnings("try") // peers are resources the probes talk to, not the test body
class TransactionBehaviourTest {
  static final String IP = "127.0.0.45";
  static final int PORT = 5075;

  final SipProber prober =
      new SipProber(InstantSource.fixed(Instant.parse("2024-09-23T10:15:00Z")));

  static ProbeTarget target(Transport transport, Duration timeout) {
    return ProbeTarget.builder("scripted", IP)
        .port(PORT)
        .transport(transport)
        .timeout(timeout)
        .build();
  }

  static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  @Test
  void lostRequestsAreRetransmittedAfterT1ThenTwiceT1() throws Exception {
    // the peer "loses" the first two copies and answers the third
    try (ScriptedPeer peer =
        ScriptedPeer.udp(
            IP, PORT, (m, n) -> n < 2 ? null : new byte[][] {ScriptedPeer.response(m, "200 OK")})) {
      ProbeResult r = prober.probe(target(Transport.UDP, Duration.ofSeconds(3)));

      assertThat(r).isInstanceOf(ProbeResult.Up.class);
      assertThat(peer.arrivalsNanos).hasSize(3);
      long gap1 = ms(peer.arrivalsNanos.get(1) - peer.arrivalsNanos.get(0));
      long gap2 = ms(peer.arrivalsNanos.get(2) - peer.arrivalsNanos.get(1));
      assertThat(gap1).isBetween(450L, 700L); // T1
      assertThat(gap2).isBetween(950L, 1250L); // 2 x T1
      assertThat(r.rtt().toMillis()).isBetween(1400L, 1900L); // from the first transmission
    }
  }

  @Test
  void silentPeerTimesOutWithinTheTimeoutAfterThreeCopies() throws Exception {
    try (ScriptedPeer peer = ScriptedPeer.udp(IP, PORT, (m, n) -> null)) {
      long t0 = System.nanoTime();
      ProbeResult r = prober.probe(target(Transport.UDP, Duration.ofMillis(2000)));
      long took = ms(System.nanoTime() - t0);

      assertThat(r)
          .isInstanceOfSatisfying(
              ProbeResult.Failed.class,
              f -> assertThat(f.reason()).isEqualTo(FailureReason.TIMEOUT));
      assertThat(took).isBetween(1950L, 2300L);
      assertThat(peer.arrivalsNanos).hasSize(3); // at 0, 0.5 s and 1.5 s
    }
  }

  @Test
  void provisionalResponsesAreSkippedAndStrayResponsesIgnored() throws Exception {
    try (ScriptedPeer peer =
        ScriptedPeer.udp(
            IP,
            PORT,
            (m, n) ->
                new byte[][] {
                  ScriptedPeer.response(m, "200 OK", "someone-else@x"),
                  ScriptedPeer.response(m, "100 Trying"),
                  ScriptedPeer.response(m, "404 Not Found")
                })) {
      ProbeResult r = prober.probe(target(Transport.UDP, Duration.ofSeconds(2)));

      // 404 is a live SIP stack for OPTIONS (default accepted codes 200-407,409-499)
      assertThat(r).isInstanceOf(ProbeResult.Up.class);
      assertThat(r.code()).isEqualTo(404);
      assertThat(peer.arrivalsNanos).hasSize(1);
    }
  }

  @Test
  void answer408IsNotAccepted() throws Exception {
    try (ScriptedPeer peer =
        ScriptedPeer.udp(
            IP, PORT, (m, n) -> new byte[][] {ScriptedPeer.response(m, "408 Request Timeout")})) {
      ProbeResult r = prober.probe(target(Transport.UDP, Duration.ofSeconds(2)));

      assertThat(r)
          .isInstanceOfSatisfying(
              ProbeResult.Failed.class,
              f -> {
                assertThat(f.reason()).isEqualTo(FailureReason.UNEXPECTED_CODE);
                assertThat(f.code()).isEqualTo(408);
              });
    }
  }

  @Test
  void garbageIsABadResponse() throws Exception {
    byte[] garbage = "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    try (ScriptedPeer peer = ScriptedPeer.udp(IP, PORT, (m, n) -> new byte[][] {garbage})) {
      ProbeResult r = prober.probe(target(Transport.UDP, Duration.ofSeconds(2)));

      assertThat(r)
          .isInstanceOfSatisfying(
              ProbeResult.Failed.class,
              f -> {
                assertThat(f.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
                assertThat(f.detail()).startsWith("not a SIP response");
              });
    }
  }

  @Test
  void closedUdpPortIsRefusedAtOnce() {
    ProbeTarget t =
        ProbeTarget.builder("closed", "127.0.0.44")
            .port(5074)
            .timeout(Duration.ofSeconds(3))
            .build();

    ProbeResult r = prober.probe(t);

    assertThat(r)
        .isInstanceOfSatisfying(
            ProbeResult.Failed.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.REFUSED));
    assertThat(r.rtt()).isLessThan(Duration.ofMillis(500));
  }

  @Test
  void closedTcpPortIsRefused() {
    ProbeTarget t =
        ProbeTarget.builder("closed", "127.0.0.44")
            .port(5074)
            .transport(Transport.TCP)
            .timeout(Duration.ofSeconds(3))
            .build();

    assertThat(prober.probe(t))
        .isInstanceOfSatisfying(
            ProbeResult.Failed.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.REFUSED));
  }

  @Test
  void tcpStreamIsFramedAcrossSegmentsAndKeepAlives() throws Exception {
    try (ScriptedPeer peer =
        ScriptedPeer.tcp(
            IP,
            PORT,
            (m, n) -> {
              byte[] ok = ScriptedPeer.response(m, "200 OK");
              byte[] trying = ScriptedPeer.response(m, "100 Trying");
              int half = ok.length / 2;
              return new byte[][] {
                "\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                trying,
                java.util.Arrays.copyOf(ok, half),
                java.util.Arrays.copyOfRange(ok, half, ok.length)
              };
            })) {
      ProbeResult r = prober.probe(target(Transport.TCP, Duration.ofSeconds(2)));

      assertThat(r).as(r.toString()).isInstanceOf(ProbeResult.Up.class);
      assertThat(r.code()).isEqualTo(200);
    }
  }

  @Test
  void tcpConnectionClosedBeforeTheAnswerIsABadResponse() throws Exception {
    try (ScriptedPeer peer = ScriptedPeer.tcp(IP, PORT, (m, n) -> new byte[][] {new byte[0]})) {
      ProbeResult r = prober.probe(target(Transport.TCP, Duration.ofSeconds(2)));

      assertThat(r)
          .isInstanceOfSatisfying(
              ProbeResult.Failed.class,
              f -> {
                assertThat(f.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
                assertThat(f.detail()).contains("connection closed");
              });
    }
  }

  @Test
  void silentTcpPeerTimesOut() throws Exception {
    try (ScriptedPeer peer = ScriptedPeer.tcp(IP, PORT, (m, n) -> null)) {
      long t0 = System.nanoTime();
      ProbeResult r = prober.probe(target(Transport.TCP, Duration.ofMillis(800)));

      assertThat(r)
          .isInstanceOfSatisfying(
              ProbeResult.Failed.class,
              f -> assertThat(f.reason()).isEqualTo(FailureReason.TIMEOUT));
      assertThat(ms(System.nanoTime() - t0)).isBetween(750L, 1200L);
    }
  }

  @Test
  void ipv6LoopbackTarget() throws Exception {
    try (ScriptedPeer peer =
        ScriptedPeer.udp(
            "::1", 5078, (m, n) -> new byte[][] {ScriptedPeer.response(m, "200 OK")})) {
      ProbeTarget t =
          ProbeTarget.builder("v6", "::1").port(5078).timeout(Duration.ofSeconds(2)).build();

      ProbeResult r = prober.probe(t);

      assertThat(r).as(r.toString()).isInstanceOf(ProbeResult.Up.class);
      assertThat(peer.arrivalsNanos).hasSize(1);
    }
  }

  static ProbeTarget register() {
    return ProbeTarget.builder("reg", IP)
        .port(PORT)
        .timeout(Duration.ofSeconds(2))
        .register(new Credentials("100", "secret", "acme.example"))
        .build();
  }

  @Test
  void proxyChallengeIsAnsweredWithProxyAuthorization() throws Exception {
    List<String> auth = new CopyOnWriteArrayList<>();
    try (ScriptedPeer peer =
        ScriptedPeer.udp(
            IP,
            PORT,
            (m, n) -> {
              if (m.cseqNumber() == 1) {
                String challenge =
                    new String(ScriptedPeer.response(m, "407 Proxy Authentication Required"))
                        .replace(
                            "Content-Length: 0",
                            "Proxy-Authenticate: Digest realm=\"acme.example\", nonce=\"abc\","
                                + " qop=\"auth\"\r\nContent-Length: 0");
                return new byte[][] {challenge.getBytes(StandardCharsets.UTF_8)};
              }
              auth.add(m.header("Proxy-Authorization"));
              auth.add(m.requestUri() + " " + m.toUser() + "@" + m.toHost() + " " + m.contact());
              return new byte[][] {ScriptedPeer.response(m, "200 OK")};
            })) {
      ProbeResult r = prober.probe(register());

      assertThat(r).as(r.toString()).isInstanceOf(ProbeResult.Up.class);
      assertThat(auth.get(0))
          .startsWith("Digest username=\"100\", realm=\"acme.example\", nonce=\"abc\"")
          .contains("uri=\"sip:acme.example\"", "qop=auth", "nc=00000001");
      // a binding query: no Contact, so the probe never changes the account's registrations
      assertThat(auth.get(1)).isEqualTo("sip:acme.example 100@acme.example null");
    }
  }

  @Test
  void registrarAnswering503IsInMaintenance() throws Exception {
    try (ScriptedPeer peer =
        ScriptedPeer.udp(
            IP,
            PORT,
            (m, n) -> new byte[][] {ScriptedPeer.response(m, "503 Service Unavailable")})) {
      ProbeResult r = prober.probe(register());

      assertThat(r).isInstanceOf(ProbeResult.Maintenance.class);
      assertThat(r.code()).isEqualTo(503);
    }
  }

  @Test
  void challengeWithoutDigestIsABadResponse() throws Exception {
    try (ScriptedPeer peer =
        ScriptedPeer.udp(
            IP, PORT, (m, n) -> new byte[][] {ScriptedPeer.response(m, "401 Unauthorized")})) {
      assertThat(prober.probe(register()))
          .isInstanceOfSatisfying(
              ProbeResult.Failed.class,
              f -> {
                assertThat(f.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
                assertThat(f.detail()).contains("401 without a usable Digest challenge");
              });
    }
  }
}
