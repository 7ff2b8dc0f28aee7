package dev.vigie.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.Transport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-off between the reading thread and the detection thread of {@code vigie analyze}. */
class DetectionPipeTest {
  static SipEvent event(long i) {
    return new SipEvent(i, IpAddress.v4(0), 0, IpAddress.v4(0), 0, Transport.UDP, 0, null);
  }

  @Test
  void everyEventArrivesInOrderOnAnotherThread() {
    List<Long> seen = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    int n = DetectionPipe.BATCH * (DetectionPipe.DEPTH + 3) + 17; // more than the queue holds
    try (DetectionPipe pipe =
        new DetectionPipe(e -> {
          if (threads.isEmpty()) threads.add(Thread.currentThread());
          seen.add(e.timestampMicros());
        })) {
      for (long i = 0; i < n; i++) pipe.onSip(event(i));
    }
    assertThat(seen).hasSize(n);
    for (int i = 0; i < n; i++) assertThat(seen.get(i)).isEqualTo(i);
    assertThat(threads.get(0)).isNotSameAs(Thread.currentThread());
  }

  @Test
  void aFailingConsumerStopsTheReaderWithItsError() {
    DetectionPipe pipe =
        new DetectionPipe(e -> {
          if (e.timestampMicros() == 5) throw new IllegalArgumentException("bad event 5");
        });
    assertThatThrownBy(
            () -> {
              for (long i = 0; i < 10_000_000; i++) pipe.onSip(event(i)); // bounded
            })
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad event 5");
    assertThatThrownBy(pipe::close).hasMessage("bad event 5");
  }

  @Test
  void emptyAndPartialBatchesAreDelivered() {
    List<Long> seen = new ArrayList<>();
    try (DetectionPipe pipe = new DetectionPipe(e -> seen.add(e.timestampMicros()))) {
      // nothing
    }
    assertThat(seen).isEmpty();
    try (DetectionPipe pipe = new DetectionPipe(e -> seen.add(e.timestampMicros()))) {
      pipe.onSip(event(1));
      pipe.onSip(event(2));
    }
    assertThat(seen).containsExactly(1L, 2L);
  }
}
