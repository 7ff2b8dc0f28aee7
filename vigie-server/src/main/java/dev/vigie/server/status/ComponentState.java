package dev.vigie.server.status;

/**
 * Status page states of a component, from best to worst (statuspage.io's vocabulary). Their words
 * are in the console bundles ({@code cstate.NAME}, French and English).
 */
public enum ComponentState {
  OPERATIONAL,
  UNDER_MAINTENANCE,
  DEGRADED_PERFORMANCE,
  PARTIAL_OUTAGE,
  MAJOR_OUTAGE;

  /** The worse of two states. */
  public static ComponentState worst(ComponentState a, ComponentState b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
