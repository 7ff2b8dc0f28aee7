package dev.vigie.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.server.ingest.HepListener;
import dev.vigie.server.ingest.IngestQueue;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * The HEP listener binds UDP and TCP on one port. When TCP cannot have that port, the UDP socket it
 * took is released again (on port 0 it then tries a fresh pair, which is what made {@code
 * IsolationsApiTest.capReachedAsksInstead} fail once with "Address already in use"); on port 0 a
 * listener always gets a pair, even while many TCP ports are taken.
 */
class ReliabilityPortTest {
  private static final String HOST = "127.0.0.1";
  private static final dev.vigie.server.config.IngestConfig CFG =
      new dev.vigie.server.config.IngestConfig(
          1024, 1 << 20, java.util.List.of(), 65536, 1 << 25, 8, java.time.Duration.ofSeconds(30));

  private static HepListener start(IngestQueue q, int port) throws Exception {
    return HepListener.start(
        HOST,
        port,
        65536,
        q,
        new dev.vigie.server.ingest.HepGate(
            java.util.List.of(),
            null,
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry()),
        CFG);
  }

  @Test
  void aTakenTcpPortLeavesNoUdpSocketBehind() throws Exception {
    IngestQueue queue = new IngestQueue(256, d -> {}, () -> {});
    try (ServerSocket tcp = new ServerSocket()) {
      tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = tcp.getLocalPort();
      assertThatThrownBy(() -> start(queue, port)).hasMessageContaining("in use");
      try (DatagramSocket udp = new DatagramSocket(null)) {
        udp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        assertThat(udp.getLocalPort()).as("UDP %d released", port).isEqualTo(port);
      }
    }
  }

  @Test
  void portZeroGetsAPairWhileManyTcpPortsAreTaken() throws Exception {
    IngestQueue queue = new IngestQueue(256, d -> {}, () -> {});
    java.util.List<ServerSocket> taken = new java.util.ArrayList<>();
    try {
      // take 200 TCP ports: the kernel's next free UDP ports often have their TCP twin taken
      for (int i = 0; i < 200; i++) {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        taken.add(s);
      }
      for (int i = 0; i < 3; i++) { // each close waits for Netty's graceful shutdown
        try (HepListener l = start(queue, 0)) {
          assertThat(l.port()).isPositive();
        }
      }
    } finally {
      for (ServerSocket s : taken) s.close();
    }
  }
}
