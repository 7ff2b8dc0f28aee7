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

  /**
   * @param halfLifeSeconds observations after which an old value weighs half
   * @param warmupSeconds observations before the baseline is used
   */
  public Baseline(long halfLifeSeconds, long warmupSeconds) {
    this.alpha = 1 - Math.pow(0.5, 1.0 / halfLifeSeconds);
    this.warmup = warmupSeconds;
    this.slotWarmup = Math.max(1, Math.min(warmupSeconds, 3600) / 2);
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

  /** The expectation at {@code epochSecond}. */
  public BaselineView view(long epochSecond) {
    if (n < warmup) return BaselineView.COLD;
    int s = slot(epochSecond);
    if (slotN[s] >= slotWarmup) return new BaselineView(true, slotMean[s], Math.sqrt(slotVar[s]));
    return new BaselineView(true, mean, Math.sqrt(var));
  }

  public long observations() {
    return n;
  }

  private static int slot(long epochSecond) {
    // 1970-01-01 was a Thursday; slot 0 is Monday 00:00 UTC
    long hours = Math.floorDiv(epochSecond, 3600) + 72;
    return (int) Math.floorMod(hours, (long) SLOTS);
  }
}
