package dev.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.probe.sip.SipProber;
import dev.vigie.probe.status.ComponentStatus;
import dev.vigie.wire.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Check every client proxy now" over a hundred targets: Kamailio (UDP and TCP, 127.0.0.47:5077), a
 * SIPp UAS (127.0.0.46:5076), silent peers (127.0.0.43:5073, UDP and TCP) and a closed port
 * (127.0.0.44:5074). Silent targets run into their 3 s timeout in parallel: the check must finish
 * in under ten seconds.
 */
@SuppressWarnings("try") // peers are resources the probes talk to, not the test body
class CheckAllTest {
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  @TempDir Path dir;

  static ProbeTarget target(int i, String ip, int port, Transport transport) {
    return ProbeTarget.builder(String.format("t%03d", i), ip)
        .component("proxy-" + i % 25)
        .port(port)
        .transport(transport)
        .timeout(TIMEOUT)
        .downAfter(1)
        .upAfter(1)
        .build();
  }

  @Test
  void hundredTargetsAreCheckedInUnderTenSeconds() throws Exception {
    List<ProbeTarget> targets = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int k =
          i % 10; // interleaved: 4/10 Kamailio UDP, 2/10 TCP, 2/10 SIPp, 1/10 silent, 1/10 closed
      targets.add(
          switch (k) {
            case 0, 1, 2, 3 -> target(i, "127.0.0.47", 5077, Transport.UDP);
            case 4, 5 -> target(i, "127.0.0.47", 5077, Transport.TCP);
            case 6, 7 -> target(i, "127.0.0.46", 5076, Transport.UDP);
            case 8 -> target(i, "127.0.0.43", 5073, i % 20 == 8 ? Transport.UDP : Transport.TCP);
            default -> target(i, "127.0.0.44", 5074, Transport.UDP);
          });
    }
    TestClock clock = new TestClock(Instant.parse("2024-09-23T10:15:00Z"));
    RecordingListener listener = new RecordingListener();
    try (Peer kamailio = Peer.kamailio("127.0.0.47", 5077, dir);
        Peer sipp = Peer.sipp("options-200.xml", "127.0.0.46", 5076, dir);
        ScriptedPeer silentUdp = ScriptedPeer.udp("127.0.0.43", 5073, (m, n) -> null);
        ServerSocket silentTcp = new ServerSocket();
        ProbeScheduler scheduler =
            new ProbeScheduler(targets, new SipProber(clock), clock, listener)) {
      silentTcp.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.43"), 5073), 100);

      Checklist list = scheduler.checkAll();

      System.out.println("checkAll over 100 targets took " + list.took().toMillis() + " ms");
      System.out.println(list.text().lines().limit(6).collect(Collectors.joining("\n")));
      assertThat(list.took()).isLessThan(Duration.ofSeconds(10));
      assertThat(list.took()).isGreaterThanOrEqualTo(TIMEOUT); // the silent ones did wait
      assertThat(list.items()).hasSize(100);
      assertThat(list.items().stream().map(i -> i.target().id()))
          .isEqualTo(targets.stream().map(ProbeTarget::id).toList());
      assertThat(list.startedAt()).isEqualTo(clock.instant());
      assertThat(list.up()).isEqualTo(80);
      Map<FailureReason, Long> failures =
          list.items().stream()
              .filter(i -> i.result() instanceof ProbeResult.Failed)
              .collect(
                  Collectors.groupingBy(
                      i -> ((ProbeResult.Failed) i.result()).reason(), Collectors.counting()));
      assertThat(failures)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(FailureReason.TIMEOUT, 10L, FailureReason.REFUSED, 10L));
      for (CheckItem i : list.items()) {
        assertThat(i.statusAfter()).isEqualTo(i.ok() ? ComponentStatus.UP : ComponentStatus.DOWN);
        if (i.ok()) assertThat(i.code()).isEqualTo(200);
      }
      assertThat(listener.calls).hasSize(100);
      assertThat(list.text()).startsWith("100 targets checked in ").contains("[FAILED] t008");
    }
  }
}
