package dev.vigie.server.ingest;

import dev.vigie.wire.SipEvent;
import dev.vigie.wire.hep.HepEncoder;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends SIP events as HEP v3, paced by their own timestamps or at a fixed rate, restamped to the
 * sending time unless told to keep them (a live capture agent stamps what it sees now). Shared by
 * {@code vigie replay} and {@code serve --demo}.
 */
public final class HepReplayer {
  /** Where the encoded packets go. */
  @FunctionalInterface
  public interface Sender {
    void send(byte[] hep) throws IOException;
  }

  private final Integer rate;
  private final boolean keepTimestamps;
  private final Integer captureId;

  /**
   * @param rate messages per second, 0 for unpaced, null for the events' own timing
   * @param keepTimestamps keep the events' timestamps instead of the sending time
   * @param captureId HEP capture id to stamp, null to keep the events'
   */
  public HepReplayer(Integer rate, boolean keepTimestamps, Integer captureId) {
    this.rate = rate;
    this.keepTimestamps = keepTimestamps;
    this.captureId = captureId;
  }

  /** Sends every event {@code loops} times; returns how many were sent. Stops when interrupted. */
  public long send(List<SipEvent> events, int loops, Sender sender) throws IOException {
    if (events.isEmpty()) return 0;
    long sent = 0;
    long start = System.nanoTime();
    long firstMicros = events.get(0).timestampMicros();
    long lastMicros = events.get(events.size() - 1).timestampMicros();
    long loopSpanNanos = Math.max(0, (lastMicros - firstMicros) * 1000) + 1_000_000;
    for (int loop = 0; loop < loops && !Thread.currentThread().isInterrupted(); loop++) {
      for (SipEvent e : events) {
        long due;
        if (rate == null)
          due = start + loop * loopSpanNanos + (e.timestampMicros() - firstMicros) * 1000;
        else if (rate == 0) due = 0;
        else due = start + sent * 1_000_000_000L / rate;
        if (!waitUntil(due)) return sent;
        long ts = keepTimestamps ? e.timestampMicros() : nowMicros();
        SipEvent out =
            new SipEvent(
                ts,
                e.src(),
                e.srcPort(),
                e.dst(),
                e.dstPort(),
                e.transport(),
                captureId != null ? captureId : e.captureId(),
                e.sip());
        sender.send(HepEncoder.encode(out));
        sent++;
      }
    }
    return sent;
  }

  private static boolean waitUntil(long due) {
    while (true) {
      if (Thread.currentThread().isInterrupted()) return false;
      long left = due - System.nanoTime();
      if (left <= 0) return true;
      if (left > 2_000_000) LockSupport.parkNanos(left - 1_000_000);
      else Thread.onSpinWait();
    }
  }

  private static long nowMicros() {
    Instant n = Instant.now();
    return n.getEpochSecond() * 1_000_000L + n.getNano() / 1000;
  }
}
