package dev.vigie.wire.hep;

import java.util.function.LongSupplier;

/**
 * How many bytes compressed HEP payloads may inflate to: at most {@code perPacket} for one packet
 * and {@code perSecond} in total over each one-second window of the given clock. The decoder asks
 * {@link #allowance()} <em>before</em> inflating and never produces more than it grants, so the
 * cost of an inflation bomb is bounded by the budget, not by the bomb; {@link #spend} records what
 * the inflater produced (success or not). Thread-safe (one lock round per compressed chunk).
 */
public final class InflateBudget {
  private final int perPacket;
  private final long perSecond;
  private final LongSupplier nanos;
  private long windowStart;
  private long used;
  private long refused;

  /**
   * @param perPacket bytes one packet may inflate to (1 to {@link HepDecoder#MAX_INFLATED})
   * @param perSecond bytes all packets together may inflate to per second
   * @param nanos a monotonic clock in nanoseconds (e.g. {@code System::nanoTime}; a test's own)
   */
  public InflateBudget(int perPacket, long perSecond, LongSupplier nanos) {
    if (perPacket < 1 || perPacket > HepDecoder.MAX_INFLATED)
      throw new IllegalArgumentException("perPacket must be 1.." + HepDecoder.MAX_INFLATED);
    if (perSecond < perPacket) throw new IllegalArgumentException("perSecond < perPacket");
    this.perPacket = perPacket;
    this.perSecond = perSecond;
    this.nanos = nanos;
    this.windowStart = nanos.getAsLong();
  }

  /** Only the per-packet cap ({@link HepDecoder#MAX_INFLATED}): offline analysis of a file. */
  public static InflateBudget unlimitedRate() {
    return new InflateBudget(HepDecoder.MAX_INFLATED, Long.MAX_VALUE, () -> 0L);
  }

  public int perPacket() {
    return perPacket;
  }

  public long perSecond() {
    return perSecond;
  }

  /** Bytes the next compressed chunk may inflate to now (0: refuse without inflating). */
  public synchronized int allowance() {
    roll();
    long left = perSecond - used;
    return (int) Math.max(0, Math.min(perPacket, left));
  }

  /** Records bytes produced by an inflation (whether its packet was accepted or not). */
  public synchronized void spend(long bytes) {
    roll();
    used += bytes;
  }

  /** Counts a packet refused because the budget was used up or its payload was too large. */
  public synchronized void refuse() {
    refused++;
  }

  /** Packets refused by this budget since it was made. */
  public synchronized long refused() {
    return refused;
  }

  private void roll() {
    long now = nanos.getAsLong();
    if (now - windowStart >= 1_000_000_000L) {
      windowStart = now;
      used = 0;
    }
  }
}
