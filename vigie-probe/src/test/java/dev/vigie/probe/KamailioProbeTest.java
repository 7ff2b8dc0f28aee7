package dev.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.probe.sip.SipProber;
import dev.vigie.wire.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** OPTIONS and REGISTER probes against a real Kamailio on 127.0.0.40:5070 (UDP and TCP). */
class KamailioProbeTest {
  static final String IP = "127.0.0.40";
  static final int PORT = 5070;

  @TempDir static Path dir;
  static Peer kamailio;

  final TestClock clock = new TestClock(Instant.parse("2024-09-23T10:15:00Z"));
  final SipProber prober = new SipProber(clock);

  @BeforeAll
  static void start() throws Exception {
    kamailio = Peer.kamailio(IP, PORT, dir);
  }

  @AfterAll
  static void stop() {
    if (kamailio != null) kamailio.close();
  }

  static ProbeTarget.Builder target(Transport transport) {
    return ProbeTarget.builder("kam-" + transport, IP)
        .port(PORT)
        .transport(transport)
        .timeout(Duration.ofSeconds(2));
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"UDP", "TCP"})
  void optionsIsUpWithItsRoundTripTime(Transport transport) {
    ProbeResult r = prober.probe(target(transport).build());

    assertThat(r).isInstanceOf(ProbeResult.Up.class);
    assertThat(r.code()).isEqualTo(200);
    assertThat(r.at()).isEqualTo(clock.instant());
    assertThat(r.rtt()).isPositive().isLessThan(Duration.ofSeconds(1));
    System.out.println(
        "Kamailio OPTIONS " + transport + " RTT: " + r.rtt().toNanos() / 1000 + " us");
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"UDP", "TCP"})
  void registerWithTheRightPasswordIsUp(Transport transport) {
    ProbeTarget t =
        target(transport).register(new Credentials("probe", "probe-secret", "vigie.test")).build();

    ProbeResult r = prober.probe(t);

    assertThat(r).as(r.toString()).isInstanceOf(ProbeResult.Up.class);
    assertThat(r.code()).isEqualTo(200);
    System.out.println(
        "Kamailio REGISTER " + transport + " RTT: " + r.rtt().toNanos() / 1000 + " us");
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"UDP", "TCP"})
  void registerWithABadPasswordIsRejected(Transport transport) {
    ProbeTarget t =
        target(transport).register(new Credentials("probe", "wrong", "vigie.test")).build();

    ProbeResult r = prober.probe(t);

    assertThat(r)
        .isInstanceOfSatisfying(
            ProbeResult.Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo(FailureReason.AUTH_REJECTED);
              assertThat(f.code()).isEqualTo(401);
              assertThat(f.detail()).contains("probe");
            });
  }

  @Test
  void registerOfAnUnknownUserIsAnUnexpectedCode() {
    ProbeTarget t = target(Transport.UDP).register(new Credentials("nobody", "x", null)).build();

    ProbeResult r = prober.probe(t);

    assertThat(r)
        .isInstanceOfSatisfying(
            ProbeResult.Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo(FailureReason.UNEXPECTED_CODE);
              assertThat(f.code()).isEqualTo(404);
              assertThat(f.detail()).contains("404", "200-299");
            });
  }

  @Test
  void acceptedCodesDecideWhatIsUp() {
    // Kamailio answers OPTIONS 200: a probe that only accepts 404 reads it as unexpected
    ProbeTarget t = target(Transport.UDP).acceptedCodes(StatusCodes.parse("404")).build();

    assertThat(prober.probe(t))
        .isInstanceOfSatisfying(
            ProbeResult.Failed.class,
            f -> assertThat(f.reason()).isEqualTo(FailureReason.UNEXPECTED_CODE));
  }
}
