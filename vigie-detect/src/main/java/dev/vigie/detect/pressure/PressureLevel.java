package dev.vigie.detect.pressure;

/** Where a platform metric stands against its blocking threshold. */
public enum PressureLevel {
  /** Under the warning fraction of the threshold. */
  OK,
  /** At or above the warning fraction, under the threshold. */
  WARNING,
  /** At or above the blocking threshold. */
  CRITICAL,
  /** Prometheus returned no sample (or no number) for the expression: unknown, never "ok". */
  NO_DATA
}
