package dev.vigie.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigie.server.config.IngestConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 17 point 5, every loss counted: datagrams the kernel drops because the HEP socket's receive
 * buffer is full show in {@link HepListener#kernelDrops()} (vigie_ingest_kernel_drops_total), so
 * that sent = received by Vigie + dropped by the kernel, exactly, on loopback.
 */
@Timeout(60)
class IngestReliabilityKernelDropsTest {
  @Test
  void kernelReceiveBufferDropsAreCountedExactly() throws Exception {
    AtomicInteger delivered = new AtomicInteger();
    try (IngestQueue q =
            new IngestQueue(100_000, 1 << 28, d -> delivered.incrementAndGet(), () -> {}).start();
        HepListener hep =
            HepListener.start(
                "127.0.0.1",
                0,
                65536,
                q,
                new HepGate(List.of(), null, new SimpleMeterRegistry()),
                new IngestConfig(
                    100_000, 1 << 28, List.of(), 65536, 1 << 25, 8, Duration.ofSeconds(30)))) {
      long before = hep.kernelDrops();
      hep.pauseUdp(true);
      Thread.sleep(200); // the event loop has seen the change
      byte[] b = new byte[1000];
      b[0] = 'H';
      int sent = 3000;
      try (DatagramSocket s = new DatagramSocket()) {
        for (int i = 0; i < sent; i++)
          s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), hep.port()));
      }
      hep.pauseUdp(false);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> q.received() + hep.kernelDrops() - before == sent);
      long drops = hep.kernelDrops() - before;
      System.out.printf(
          "kernel drops: sent %d, received %d, kernel dropped %d (by inode: %s)%n",
          sent, q.received(), drops, hep.kernelDropsExact());
      assertThat(drops).isPositive();
      assertThat(q.received()).isPositive();
      assertThat(hep.kernelDropsExact()).isTrue(); // epoll on Linux: found by the socket's inode
    }
  }
}
