package dev.vigie.detect.pressure;

/**
 * One platform metric watched for a machine: a PromQL expression and the platform's own blocking
 * threshold for it (the value at which the virtual platform write-protects or throttles the VM).
 * The alert warns at {@code warningFraction × threshold} and is critical at the threshold.
 *
 * @param name short name of the metric ({@code diskWriteBytes}, {@code writeIops}, {@code
 *     packetsPerSecond}, {@code cpuSteal}...); the bundles give known names their words
 * @param query PromQL, where {@code {machine}} stands for the machine's id (so that one expression
 *     of a hosting provider serves every machine it hosts)
 * @param threshold the blocking threshold, in the unit of the expression, above 0
 * @param warningFraction between 0 and 1 exclusive
 */
public record PressureMetric(String name, String query, double threshold, double warningFraction) {
  /** The placeholder {@link #queryFor} replaces. */
  public static final String MACHINE = "{machine}";

  public PressureMetric {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("metric: no name");
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException(name + ": no query");
    }
    if (!(threshold > 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException(name + ": threshold " + threshold + " is not above 0");
    }
    if (!(warningFraction > 0 && warningFraction < 1)) {
      throw new IllegalArgumentException(
          name + ": warningFraction " + warningFraction + " is not between 0 and 1");
    }
  }

  /**
   * The expression for one machine: every {@code {machine}} replaced by its id, escaped for a
   * PromQL string literal (backslash and both quotes), so an id can never end the label matcher.
   */
  public String queryFor(String machineId) {
    StringBuilder id = new StringBuilder(machineId.length());
    for (int i = 0; i < machineId.length(); i++) {
      char c = machineId.charAt(i);
      if (c == '\\' || c == '"' || c == '\'' || c == '`') id.append('\\');
      id.append(c);
    }
    return query.replace(MACHINE, id);
  }

  /** The value from which the metric is at warning level. */
  public double warningAt() {
    return threshold * warningFraction;
  }
}
