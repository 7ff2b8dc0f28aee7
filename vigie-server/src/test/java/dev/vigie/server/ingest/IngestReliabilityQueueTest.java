package dev.vigie.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 17, fail fast and restart clean: the detection thread never dies on an exception (counted,
 * logged escaped, next packet processed); the queue is bounded in bytes as well as packets; and
 * {@link IngestQueue#healthy()} (behind {@code /healthz}) turns false when ingest stops processing,
 * whether its thread is stuck or gone.
 */
@Timeout(60)
class IngestReliabilityQueueTest {
  private static Datagram datagram(int size) {
    return new Datagram(new byte[size], System.nanoTime(), InetAddress.getLoopbackAddress(), false);
  }

  @Test
  void theDetectionThreadSurvivesEveryKindOfExceptionAndCountsThem() {
    AtomicInteger ok = new AtomicInteger();
    Consumer<Datagram> consumer =
        d -> {
          switch (d.bytes().length) {
            case 1 -> throw new IllegalStateException("bad \u001b[31mred\u0000 header");
            case 2 -> throw new AssertionError("an Error, not an Exception");
            case 3 -> throw new StackOverflowError();
            default -> ok.incrementAndGet();
          }
        };
    try (IngestQueue q = new IngestQueue(1024, consumer, () -> {}).start()) {
      for (int i = 0; i < 30; i++) q.offer(datagram(1 + i % 4));
      await().atMost(Duration.ofSeconds(20)).until(q::drained);
      assertThat(ok).hasValue(7); // size 4 at i = 3, 7, ..., 27
      assertThat(q.failures()).isEqualTo(23);
      assertThat(q.healthy()).isTrue();
      // still processing afterwards
      q.offer(datagram(100));
      await().atMost(Duration.ofSeconds(20)).until(() -> ok.get() == 8);
    }
  }

  @Test
  void aFailureIsLoggedOnOneLineWithControlCharactersEscaped() {
    String line = IngestQueue.describe(new IllegalStateException("From: \u001b[2J\r\nevil\u0000"));
    assertThat(line)
        .startsWith("java.lang.IllegalStateException: From: \\u001b[2J\\u000d\\u000aevil\\u0000")
        .doesNotContain("\n", "\r", "\u001b", "\u0000");
  }

  @Test
  void theQueueIsBoundedInBytesAsWellAsPackets() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (IngestQueue q =
        new IngestQueue(
                100_000,
                256 * 1024,
                d -> {
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                () -> {})
            .start()) {
      int accepted = 0;
      for (int i = 0; i < 2_000; i++) if (q.offer(datagram(65_000))) accepted++;
      // 256 KiB hold 4 packets of 64 KB (one more may be in the worker's hands)
      assertThat(accepted).isBetween(3, 5);
      assertThat(q.bytes()).isLessThanOrEqualTo(256 * 1024);
      assertThat(q.dropped()).isEqualTo(2_000 - accepted);
      release.countDown();
      await().atMost(Duration.ofSeconds(20)).until(q::drained);
      assertThat(q.bytes()).isZero();
      assertThat(q.offer(datagram(65_000))).isTrue();
    }
  }

  @Test
  void healthTurnsFalseWhenIngestIsStuckOrItsThreadIsGone() {
    CountDownLatch release = new CountDownLatch(1);
    Consumer<Datagram> consumer =
        d -> {
          if (d.bytes().length == 1) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          } else if (d.bytes().length == 2) {
            throw new OutOfMemoryError("simulated"); // a VM error ends the thread
          }
        };
    try (IngestQueue q =
        new IngestQueue(1024, consumer, () -> {}).stallAfter(Duration.ofMillis(300)).start()) {
      await().atMost(Duration.ofSeconds(10)).until(q::healthy);
      q.offer(datagram(1)); // stuck
      await().atMost(Duration.ofSeconds(10)).until(() -> !q.healthy());
      release.countDown();
      await().atMost(Duration.ofSeconds(10)).until(q::healthy);
      q.offer(datagram(2)); // gone
      // the worker dies of the (simulated) VM error as it would of a real one: uncaught. Awaitility
      // would hand an uncaught throwable of any thread to this one (a race with the condition, lost
      // once in CI), and JUnit aborts the whole run on an OutOfMemoryError: not caught here
      await()
          .dontCatchUncaughtExceptions()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !q.healthy());
    }
  }
}
