package dev.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.probe.sip.SipProber;
import dev.vigie.probe.status.ComponentStatus;
import dev.vigie.probe.status.StatusChange;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SIPp UAS that dies, comes back, stops answering, or answers 503, probed through the scheduler
 * (test clock, probes run inline so each pass is one real probe).
 */
class SippProbeTest {
  static final String IP = "127.0.0.41";
  static final int PORT = 5071;
  static final String IP_503 = "127.0.0.42";
  static final int PORT_503 = 5072;

  @TempDir Path dir;
  Peer sipp;
  ProbeScheduler scheduler;
  final TestClock clock = new TestClock(Instant.parse("2024-09-23T10:15:00Z"));
  final RecordingListener listener = new RecordingListener();

  @AfterEach
  void stop() {
    if (scheduler != null) scheduler.close();
    if (sipp != null) sipp.close();
  }

  private ProbeScheduler scheduler(ProbeTarget t) {
    scheduler =
        new ProbeScheduler(List.of(t), new SipProber(clock), clock, listener, Runnable::run, 20);
    return scheduler;
  }

  private ProbeResult pass(ProbeScheduler s) {
    assertThat(s.runDue()).hasSize(1);
    ProbeResult r = s.snapshots().get(0).last();
    clock.advance(Duration.ofSeconds(5));
    return r;
  }

  private static ProbeTarget.Builder target(String ip, int port) {
    return ProbeTarget.builder("sipp-uas", ip)
        .component("proxy-acme")
        .port(port)
        .interval(Duration.ofSeconds(5))
        .timeout(Duration.ofMillis(1200))
        .downAfter(3)
        .upAfter(2);
  }

  @Test
  void killedUasGoesDownAfterNFailuresAndUpAfterMSuccessesOnceRestarted() throws Exception {
    sipp = Peer.sipp("options-200.xml", IP, PORT, dir);
    ProbeScheduler s = scheduler(target(IP, PORT).build());

    assertThat(pass(s)).isInstanceOf(ProbeResult.Up.class);
    assertThat(listener.calls).isEmpty(); // one success of M=2: still UNKNOWN
    assertThat(pass(s)).isInstanceOf(ProbeResult.Up.class);
    assertThat(listener.calls).containsExactly("up sipp-uas");

    sipp.close(); // killed mid-test: the port closes, ICMP port unreachable answers
    Instant firstFailure = clock.instant();
    for (int i = 1; i <= 3; i++) {
      ProbeResult r = pass(s);
      assertThat(r)
          .isInstanceOfSatisfying(
              ProbeResult.Failed.class,
              f -> assertThat(f.reason()).isEqualTo(FailureReason.REFUSED));
      assertThat(listener.calls).hasSize(i < 3 ? 1 : 2);
    }
    StatusChange down = listener.last();
    assertThat(down.from()).isEqualTo(ComponentStatus.UP);
    assertThat(down.to()).isEqualTo(ComponentStatus.DOWN);
    assertThat(down.componentId()).isEqualTo("proxy-acme");
    assertThat(down.at()).isEqualTo(firstFailure.plusSeconds(10));
    assertThat(down.streak()).hasSize(3).allMatch(r -> r instanceof ProbeResult.Failed);
    assertThat(s.componentStatuses()).containsEntry("proxy-acme", ComponentStatus.DOWN);

    sipp = Peer.sipp("options-200.xml", IP, PORT, dir); // restarted
    assertThat(pass(s)).isInstanceOf(ProbeResult.Up.class);
    assertThat(listener.calls).hasSize(2);
    assertThat(pass(s)).isInstanceOf(ProbeResult.Up.class);
    assertThat(listener.calls).containsExactly("up sipp-uas", "down sipp-uas", "up sipp-uas");
    assertThat(listener.last().streak()).hasSize(2);
    assertThat(s.snapshots().get(0).rtt().answered()).isEqualTo(4);
    System.out.println("SIPp OPTIONS UDP RTT: " + s.snapshots().get(0).rtt());
  }

  @Test
  void uasThatStopsAnsweringTimesOutAndGoesDown() throws Exception {
    sipp = Peer.sipp("options-200.xml", IP, PORT, dir);
    ProbeScheduler s = scheduler(target(IP, PORT).downAfter(2).build());
    pass(s);
    pass(s);
    assertThat(s.snapshots().get(0).status()).isEqualTo(ComponentStatus.UP);

    sipp.pause(); // still bound, silent
    long t0 = System.nanoTime();
    ProbeResult r = pass(s);
    long tookMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r)
        .isInstanceOfSatisfying(
            ProbeResult.Failed.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.TIMEOUT));
    assertThat(tookMs).isBetween(1100L, 2500L); // bounded by the 1.2 s timeout
    pass(s);
    assertThat(listener.calls).containsExactly("up sipp-uas", "down sipp-uas");

    sipp.resume();
    pass(s);
    pass(s);
    assertThat(listener.calls).containsExactly("up sipp-uas", "down sipp-uas", "up sipp-uas");
  }

  @Test
  void answer503IsMaintenance() throws Exception {
    sipp = Peer.sipp("options-503.xml", IP_503, PORT_503, dir);
    ProbeScheduler s = scheduler(target(IP_503, PORT_503).build());

    ProbeResult r = pass(s);
    assertThat(r).isInstanceOf(ProbeResult.Maintenance.class);
    assertThat(r.code()).isEqualTo(503);
    pass(s);
    assertThat(listener.calls).isEmpty();
    pass(s);
    assertThat(listener.calls).containsExactly("maintenance sipp-uas");
    assertThat(listener.last().from()).isEqualTo(ComponentStatus.UNKNOWN);
    assertThat(s.componentStatuses()).containsEntry("proxy-acme", ComponentStatus.MAINTENANCE);
  }
}
