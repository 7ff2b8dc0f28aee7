package dev.vigie.detect.baseline;

/**
 * What a baseline says about one metric at one moment.
 *
 * @param warmedUp false during the warm-up: only thresholds apply
 * @param mean expected value
 * @param deviation expected standard deviation
 */
public record BaselineView(boolean warmedUp, double mean, double deviation) {
  public static final BaselineView COLD = new BaselineView(false, 0, 0);

  /**
   * How many deviations {@code value} is above the mean. The deviation is floored at {@code
   * sqrt(mean) + 1} (Poisson noise of counts), so a quiet metric does not alarm on a handful.
   */
  public double zScore(double value) {
    double sd = Math.max(deviation, Math.sqrt(Math.max(mean, 0)) + 1);
    return (value - mean) / sd;
  }
}
