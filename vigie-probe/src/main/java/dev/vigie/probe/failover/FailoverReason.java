package dev.vigie.probe.failover;

/** Why failover of a number is active or not. */
public enum FailoverReason {
  /** Every path is available: no failover. */
  ALL_PATHS_AVAILABLE,
  /** At least one path is broken but another still carries calls: no failover, degraded. */
  BACKUP_PATH_AVAILABLE,
  /** Every path has a component DOWN: failover active. */
  ALL_PATHS_DOWN,
  /** Every path is broken and at least one only by a component in MAINTENANCE: failover active. */
  ALL_PATHS_UNAVAILABLE_MAINTENANCE;

  public boolean failover() {
    return this == ALL_PATHS_DOWN || this == ALL_PATHS_UNAVAILABLE_MAINTENANCE;
  }
}
