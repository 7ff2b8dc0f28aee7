package dev.vigie.detect.window;

/**
 * A fixed ring of per-second buckets for several counters that share one clock (e.g. requests,
 * INVITEs, refused responses of one source). Adding is O(1); moving the head forward clears the
 * buckets that fall out of the window and subtracts them from running totals (subtract-on-evict),
 * so a window total is O(1) too. Memory is {@code metrics * seconds} ints, fixed at construction.
 *
 * <p>Seconds are absolute (epoch seconds of the capture or system clock). A count for a second
 * older than the window is dropped; a count for a second already passed but still inside the window
 * goes to its bucket (small reordering between capture paths is tolerated). Not thread-safe: owned
 * by the single engine thread.
 */
public final class SecondWindows {
  private final int metrics;
  private final int seconds;
  private final int[] buckets;
  private final long[] totals;
  private long head = Long.MIN_VALUE;
  private int headSlot; // slot(head), kept so that the usual cases need no division
  // the latest second counted (MIN_VALUE when none is left): buckets after it are all zero, so
  // moving the head clears only the buckets up to it
  private long newest = Long.MIN_VALUE;

  public SecondWindows(int metrics, int seconds) {
    this.metrics = metrics;
    this.seconds = seconds;
    this.buckets = new int[metrics * seconds];
    this.totals = new long[metrics];
  }

  /** Adds {@code n} to {@code metric} at {@code second}. */
  public void add(int metric, long second, int n) {
    if (second > head) advance(second);
    else if (head - second >= seconds) return;
    buckets[slotInWindow(second) * metrics + metric] += n;
    totals[metric] += n;
    if (second > newest) newest = second;
  }

  /**
   * Moves the head to {@code now}, evicting buckets older than the window: only those that may hold
   * counts (up to the latest second counted), so a window idle for a while costs nothing to move.
   */
  public void advance(long now) {
    if (now <= head) return;
    if (newest != Long.MIN_VALUE) { // then head is set too
      long first = head - seconds + 1; // the oldest second in the window
      long last = Math.min(newest, now - seconds); // the newest one leaving it with counts
      int slot = slotInWindow(first);
      for (long s = first; s <= last; s++) {
        int base = slot * metrics;
        for (int m = 0; m < metrics; m++) {
          totals[m] -= buckets[base + m];
          buckets[base + m] = 0;
        }
        if (++slot == seconds) slot = 0;
      }
      if (newest <= now - seconds) newest = Long.MIN_VALUE; // nothing left in the window
    }
    if (head == Long.MIN_VALUE || now - head >= seconds) {
      headSlot = (int) Math.floorMod(now, (long) seconds);
    } else {
      int slot = headSlot + (int) (now - head);
      headSlot = slot >= seconds ? slot - seconds : slot;
    }
    head = now;
  }

  /** The total of {@code metric} over the whole window ending at the head. */
  public long total(int metric) {
    return totals[metric];
  }

  /** The count of {@code metric} in one second (0 when outside the window). */
  public int at(int metric, long second) {
    if (second > head || head - second >= seconds) return 0;
    return buckets[slotInWindow(second) * metrics + metric];
  }

  /** The sum of {@code metric} over the last {@code k} seconds ending at the head. */
  public long last(int metric, int k) {
    long sum = 0;
    for (int i = 0; i < Math.min(k, seconds); i++) sum += at(metric, head - i);
    return sum;
  }

  /**
   * The sum of every metric in {@code metricMask} (see {@link #mask}) over the last {@code k}
   * seconds ending at the head: one pass over the buckets instead of one {@link #last} per metric.
   */
  public long lastSum(long metricMask, int k) {
    if (head == Long.MIN_VALUE) return 0;
    long sum = 0;
    int slot = headSlot;
    for (int i = 0; i < Math.min(k, seconds); i++) {
      int base = slot * metrics;
      for (long m = metricMask; m != 0; m &= m - 1)
        sum += buckets[base + Long.numberOfTrailingZeros(m)];
      if (--slot < 0) slot = seconds - 1;
    }
    return sum;
  }

  /** The mask of {@code metrics} for {@link #lastSum} (metrics below 64). */
  public static long mask(int... metrics) {
    long m = 0;
    for (int x : metrics) m |= 1L << x;
    return m;
  }

  /** The largest one-second count of {@code metric} in the window (O(window)). */
  public int peak(int metric) {
    int max = 0;
    for (int s = 0; s < seconds; s++) max = Math.max(max, buckets[s * metrics + metric]);
    return max;
  }

  public long head() {
    return head;
  }

  public int seconds() {
    return seconds;
  }

  /** Forgets everything (the slot is reused for another entity). */
  public void clear() {
    java.util.Arrays.fill(buckets, 0);
    java.util.Arrays.fill(totals, 0);
    head = Long.MIN_VALUE;
    newest = Long.MIN_VALUE;
  }

  /** The slot of a second inside the window (head - seconds < second <= head), no division. */
  private int slotInWindow(long second) {
    int slot = headSlot - (int) (head - second);
    return slot < 0 ? slot + seconds : slot;
  }
}
