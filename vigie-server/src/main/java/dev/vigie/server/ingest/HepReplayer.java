package dev.vigie.server.ingest;

import dev.vigie.wire.SipEvent;
import dev.vigie.wire.hep.HepDecoder;
import dev.vigie.wire.hep.HepEncoder;
import dev.vigie.wire.hep.HepPacket;
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
  private final String authKey;
  private long maxLateNanos;

  /**
   * @param rate messages per second, 0 for unpaced, null for the events' own timing
   * @param keepTimestamps keep the events' timestamps instead of the sending time
   * @param captureId HEP capture id to stamp, null to keep the events'
   * @param authKey HEP v3 auth key (chunk 14) to send, or null
   */
  public HepReplayer(Integer rate, boolean keepTimestamps, Integer captureId, String authKey) {
    this.rate = rate;
    this.keepTimestamps = keepTimestamps;
    this.captureId = captureId;
    this.authKey = authKey;
  }

  /** How late the sends so far were at worst against their schedule (paced sends only). */
  public long maxLateNanos() {
    return maxLateNanos;
  }

  /** Sends every event {@code loops} times; returns how many were sent. Stops when interrupted. */
  public long send(List<SipEvent> events, int loops, Sender sender) throws IOException {
    if (events.isEmpty()) return 0;
    long sent = 0;
    long start = System.nanoTime();
    long firstMicros = events.get(0).timestampMicros();
    // at the capture's timing, start when the wall clock's fraction of a second is the first
    // packet's: the receiver's per-second windows then group the packets as the capture clock does
    // (analyze), instead of shifting every second boundary by a random phase
    if (rate == null) start += phaseDelayNanos(firstMicros, nowMicros());
    long lastMicros = events.get(events.size() - 1).timestampMicros();
    // a whole number of seconds, so that every loop keeps the phase
    long loopSpanNanos = (Math.max(0, lastMicros - firstMicros) / 1_000_000L + 1) * 1_000_000_000L;
    for (int loop = 0; loop < loops && !Thread.currentThread().isInterrupted(); loop++) {
      for (SipEvent e : events) {
        long due;
        if (rate == null)
          due = start + loop * loopSpanNanos + (e.timestampMicros() - firstMicros) * 1000;
        else if (rate == 0) due = 0;
        else due = start + sent * 1_000_000_000L / rate;
        if (!waitUntil(due)) return sent;
        if (due != 0) maxLateNanos = Math.max(maxLateNanos, System.nanoTime() - due);
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
        sender.send(encode(out));
        sent++;
      }
    }
    return sent;
  }

  private byte[] encode(SipEvent e) {
    if (authKey == null) return HepEncoder.encode(e);
    HepPacket p = (HepPacket) HepDecoder.decode(HepEncoder.encode(e));
    return HepEncoder.encode(
        new HepPacket(
            p.version(),
            p.ipProtocol(),
            p.src(),
            p.srcPort(),
            p.dst(),
            p.dstPort(),
            p.timestampMicros(),
            p.protocolType(),
            p.captureId(),
            authKey,
            null,
            null,
            -1,
            false,
            p.buffer(),
            p.payloadOffset(),
            p.payloadLength()));
  }

  /** Nanoseconds from {@code nowMicros} to the next instant with the same sub-second phase. */
  static long phaseDelayNanos(long firstMicros, long nowMicros) {
    return Math.floorMod(
            Math.floorMod(firstMicros, 1_000_000L) - Math.floorMod(nowMicros, 1_000_000L),
            1_000_000L)
        * 1000L;
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
