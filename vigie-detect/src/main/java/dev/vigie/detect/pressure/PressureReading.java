package dev.vigie.detect.pressure;

/**
 * One platform metric of one machine against its blocking threshold, now. The rule of the
 * PLATFORM_PRESSURE kind is {@link #of}: a pure function of the metric's settings and its value.
 *
 * @param metric the metric's name
 * @param value the value Prometheus returned (NaN when it returned none)
 * @param threshold the blocking threshold
 * @param warningFraction the fraction of the threshold from which it warns
 * @param fraction {@code value / threshold} (NaN when there is no value)
 * @param level OK, WARNING, CRITICAL or NO_DATA
 */
public record PressureReading(
    String metric,
    double value,
    double threshold,
    double warningFraction,
    double fraction,
    PressureLevel level) {

  /**
   * The reading of {@code value} against {@code m}: CRITICAL at or above the threshold, WARNING at
   * or above {@code warningFraction × threshold}, OK below, NO_DATA when the value is not a finite
   * number (no sample, NaN, ±Inf from a division by zero in the expression).
   */
  public static PressureReading of(PressureMetric m, double value) {
    if (!Double.isFinite(value)) {
      return new PressureReading(
          m.name(),
          Double.NaN,
          m.threshold(),
          m.warningFraction(),
          Double.NaN,
          PressureLevel.NO_DATA);
    }
    double fraction = value / m.threshold();
    PressureLevel level =
        value >= m.threshold()
            ? PressureLevel.CRITICAL
            : value >= m.warningAt() ? PressureLevel.WARNING : PressureLevel.OK;
    return new PressureReading(
        m.name(), value, m.threshold(), m.warningFraction(), fraction, level);
  }

  /** A metric with no reading at all (Prometheus unreachable). */
  public static PressureReading noData(PressureMetric m) {
    return of(m, Double.NaN);
  }

  /** WARNING or CRITICAL. */
  public boolean pressing() {
    return level == PressureLevel.WARNING || level == PressureLevel.CRITICAL;
  }
}
