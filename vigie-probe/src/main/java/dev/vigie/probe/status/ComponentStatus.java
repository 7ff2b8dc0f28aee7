package dev.vigie.probe.status;

/** What the probes say of a target (or, aggregated, of a component). */
public enum ComponentStatus {
  /** Not enough results yet. */
  UNKNOWN,
  /** M consecutive accepted answers. */
  UP,
  /** N consecutive failures (or a mix of failures and 503). */
  DOWN,
  /** N consecutive 503 Service Unavailable: alive but refusing service. */
  MAINTENANCE;

  /** Severity for aggregation: DOWN > MAINTENANCE > UP > UNKNOWN. */
  int severity() {
    return switch (this) {
      case UNKNOWN -> 0;
      case UP -> 1;
      case MAINTENANCE -> 2;
      case DOWN -> 3;
    };
  }

  /** The worse of two statuses, for a component probed by several targets. */
  public static ComponentStatus worst(ComponentStatus a, ComponentStatus b) {
    return a.severity() >= b.severity() ? a : b;
  }
}
