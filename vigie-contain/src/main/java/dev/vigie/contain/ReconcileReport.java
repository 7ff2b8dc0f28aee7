package dev.vigie.contain;

import java.util.List;

/**
 * What {@link ContainmentService#reconcile()} found and did.
 *
 * @param inForce active entries found in force everywhere (nothing repeated)
 * @param reapplied active entries missing from an actuator, applied again for their remaining time
 * @param expired entries that ran out while Vigie was down (marked EXPIRED)
 * @param strayRemoved elements in Vigie's own table that no active entry accounts for, removed
 * @param failures one line per actuator error
 */
public record ReconcileReport(
    int inForce, int reapplied, int expired, int strayRemoved, List<String> failures) {

  public ReconcileReport {
    failures = List.copyOf(failures);
  }
}
