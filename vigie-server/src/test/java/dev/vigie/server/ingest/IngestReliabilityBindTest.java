package dev.vigie.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.server.config.IngestConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 17 points 6 and 8 on the HEP listener: a taken port is named with its protocol and address;
 * port 0 gives UDP and TCP the same free number, many listeners at once never collide.
 */
@Timeout(60)
class IngestReliabilityBindTest {
  private static final IngestConfig CFG =
      new IngestConfig(1024, 1 << 20, List.of(), 65536, 1 << 25, 8, Duration.ofSeconds(30));

  private static HepListener start(IngestQueue q, int port) throws Exception {
    return HepListener.start(
        "127.0.0.1", port, 65536, q, new HepGate(List.of(), null, new SimpleMeterRegistry()), CFG);
  }

  @Test
  void aTakenPortIsNamedWithItsProtocol() throws Exception {
    try (IngestQueue q = new IngestQueue(16, d -> {}, () -> {});
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      int p = udp.getLocalPort();
      assertThatThrownBy(() -> start(q, p))
          .isInstanceOf(BindException.class)
          .hasMessageStartingWith("HEP UDP 127.0.0.1:" + p + ": ");
    }
    try (IngestQueue q = new IngestQueue(16, d -> {}, () -> {});
        ServerSocket tcp = new ServerSocket()) {
      tcp.bind(new InetSocketAddress("127.0.0.1", 0));
      int p = tcp.getLocalPort();
      assertThatThrownBy(() -> start(q, p))
          .isInstanceOf(BindException.class)
          .hasMessageStartingWith("HEP TCP 127.0.0.1:" + p + ": ");
    }
  }

  @Test
  void portZeroListenersStartedTogetherNeverCollide() throws Exception {
    List<HepListener> all = new ArrayList<>();
    try (IngestQueue q = new IngestQueue(16, d -> {}, () -> {})) {
      for (int i = 0; i < 30; i++) all.add(start(q, 0));
      assertThat(all.stream().map(HepListener::port).distinct()).hasSize(30);
    } finally {
      for (HepListener h : all) h.close();
    }
  }
}
