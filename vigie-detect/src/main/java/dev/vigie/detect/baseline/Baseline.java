package dev.vigie.detect.baseline;

/**
 * An online baseline of one per-second metric: exponentially weighted mean and variance (EWMA, West
 * 1979 incremental form), overall and per hour of the week (168 slots, daily and weekly
 * seasonality). The expectation for a moment is its hour-of-week slot once that slot has seen
 * {@code slotWarmup} observations, else the overall one. Nothing is reported before {@code warmup}
 * observations: during the warm-up only thresholds apply. O(1) per observation, 168 * 3 doubles of
 * memory. Not thread-safe.
 */
public final class Baseline {
  private static final int SLOTS = 168;
  private final double alpha;
  private final long warmup;
  private final long slotWarmup;
  private double mean;
  private double var;
  private long n;
  private final double[] slotMean = new double[SLOTS];
  private final double[] slotVar = new double[SLOTS];
  private final int[] slotN = new int[SLOTS];
  private long slotFrom = Long.MIN_VALUE; // the hour slot() last worked out (no division within it)
  private int slotOfHour;

  /**
   * @param halfLifeSeconds observations after which an old value weighs half
   * @param warmupSeconds observations before the baseline is used
   */
  public Baseline(long halfLifeSeconds, long warmupSeconds) {
    this(halfLifeSeconds, warmupSeconds, Math.max(1, Math.min(warmupSeconds, 3600) / 2));
  }

  /**
   * @param halfLife observations after which an old value weighs half
   * @param warmup observations before the baseline is used
   * @param slotWarmup observations of an hour-of-week slot before it is used (30 for a metric
   *     observed once a minute: half an hour)
   */
  public Baseline(long halfLife, long warmup, long slotWarmup) {
    this.alpha = 1 - Math.pow(0.5, 1.0 / halfLife);
    this.warmup = warmup;
    this.slotWarmup = Math.max(1, slotWarmup);
  }

  /** Records the value of the metric for the second {@code epochSecond}. */
  public void observe(long epochSecond, double value) {
    if (n == 0) mean = value;
    double d = value - mean;
    mean += alpha * d;
    var = (1 - alpha) * (var + alpha * d * d);
    n++;
    int s = slot(epochSecond);
    if (slotN[s] == 0) slotMean[s] = value;
    double ds = value - slotMean[s];
    slotMean[s] += alpha * ds;
    slotVar[s] = (1 - alpha) * (slotVar[s] + alpha * ds * ds);
    if (slotN[s] < Integer.MAX_VALUE) slotN[s]++;
  }

  /**
   * Records the value 0 for {@code count} consecutive seconds from {@code fromSecond}: the same as
   * that many {@link #observe} calls, in closed form, O(1) per hour of the week crossed instead of
   * O(seconds) (an idle machine over a gap of a capture, or over a quiet night). With q = 1 -
   * alpha, k zero observations take a mean m and variance v to m q^k and q^k (v + m^2 (1 - q^k)).
   */
  public void observeZeros(long fromSecond, long count) {
    observeZeros(fromSecond, count, 1);
  }

  /**
   * Records the value 0 for {@code count} observations {@code step} seconds apart from {@code
   * fromSecond} (a metric observed once a minute: {@code step} 60), in closed form.
   */
  public void observeZeros(long fromSecond, long count, long step) {
    if (count <= 0) return;
    if (count <= 4) { // Math.pow costs more than a few steps
      for (long i = 0; i < count; i++) observe(fromSecond + i * step, 0);
      return;
    }
    if (n == 0) mean = 0;
    double qk = Math.pow(1 - alpha, count);
    var = qk * (var + mean * mean * (1 - qk));
    mean *= qk;
    n += count;
    long s = fromSecond;
    long end = fromSecond + count * step;
    while (s < end) {
      long span = Math.min(end, (Math.floorDiv(s, 3600) + 1) * 3600) - s;
      long k = (span + step - 1) / step; // observations in this hour
      span = k * step;
      int i = slot(s);
      if (slotN[i] == 0) slotMean[i] = 0;
      double q = k == count ? qk : Math.pow(1 - alpha, k);
      slotVar[i] = q * (slotVar[i] + slotMean[i] * slotMean[i] * (1 - q));
      slotMean[i] *= q;
      slotN[i] = (int) Math.min(Integer.MAX_VALUE, slotN[i] + k);
      s += span;
    }
  }

  /** The expectation at {@code epochSecond}. */
  public BaselineView view(long epochSecond) {
    if (n < warmup) return BaselineView.COLD;
    int s = slot(epochSecond);
    if (slotN[s] >= slotWarmup) return new BaselineView(true, slotMean[s], Math.sqrt(slotVar[s]));
    return new BaselineView(true, mean, Math.sqrt(var));
  }

  /**
   * The expectation of the hour-of-week slot of {@code epochSecond} alone: COLD until that slot has
   * been learned, never the overall mean (silence is judged against this: an hour never seen before
   * is not an outage).
   */
  public BaselineView slotView(long epochSecond) {
    int s = slot(epochSecond);
    if (n < warmup || slotN[s] < slotWarmup) return BaselineView.COLD;
    return new BaselineView(true, slotMean[s], Math.sqrt(slotVar[s]));
  }

  /** The mean of {@link #slotView}, NaN when that slot is not learned (no allocation). */
  public double slotMean(long epochSecond) {
    int s = slot(epochSecond);
    return n < warmup || slotN[s] < slotWarmup ? Double.NaN : slotMean[s];
  }

  public long observations() {
    return n;
  }

  /**
   * What was learnt (overall and per hour-of-week mean, variance and counts), to checkpoint it and
   * {@link #restore} it in another engine (a partition moving to another detect process).
   */
  public double[] snapshot() {
    double[] out = new double[3 + 3 * SLOTS];
    out[0] = mean;
    out[1] = var;
    out[2] = n;
    System.arraycopy(slotMean, 0, out, 3, SLOTS);
    System.arraycopy(slotVar, 0, out, 3 + SLOTS, SLOTS);
    for (int i = 0; i < SLOTS; i++) out[3 + 2 * SLOTS + i] = slotN[i];
    return out;
  }

  /**
   * True when {@code s} can be a {@link #snapshot}: its length, finite values, variances and counts
   * not negative (a stored copy damaged or written by something else is refused whole).
   */
  public static boolean isSnapshot(double[] s) {
    if (s == null || s.length != 3 + 3 * SLOTS) return false;
    for (double d : s) if (!Double.isFinite(d)) return false;
    if (s[1] < 0 || s[2] < 0) return false;
    for (int i = 0; i < SLOTS; i++) {
      if (s[3 + SLOTS + i] < 0 || s[3 + 2 * SLOTS + i] < 0) return false;
    }
    return true;
  }

  /** Takes the state of a {@link #snapshot}; false (and nothing changed) when it is not one. */
  public boolean restore(double[] s) {
    if (!isSnapshot(s)) return false;
    mean = s[0];
    var = s[1];
    n = (long) s[2];
    System.arraycopy(s, 3, slotMean, 0, SLOTS);
    System.arraycopy(s, 3 + SLOTS, slotVar, 0, SLOTS);
    for (int i = 0; i < SLOTS; i++)
      slotN[i] = (int) Math.min(Integer.MAX_VALUE, s[3 + 2 * SLOTS + i]);
    return true;
  }

  private int slot(long epochSecond) {
    if (epochSecond >= slotFrom && epochSecond < slotFrom + 3600) return slotOfHour;
    // 1970-01-01 was a Thursday; slot 0 is Monday 00:00 UTC
    long hour = Math.floorDiv(epochSecond, 3600);
    slotFrom = hour * 3600;
    slotOfHour = (int) Math.floorMod(hour + 72, (long) SLOTS);
    return slotOfHour;
  }
}
