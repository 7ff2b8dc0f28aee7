package dev.vigie.probe.failover;

import java.util.List;

/**
 * The failover state of one number: active or not, why, and the unavailable components on its paths
 * (sorted; empty when all are available).
 */
public record FailoverDecision(
    NumberRoute route, FailoverReason reason, List<String> unavailableComponents) {
  public FailoverDecision {
    unavailableComponents = List.copyOf(unavailableComponents);
  }

  /** True when the backup number must be shown and announced. */
  public boolean active() {
    return reason.failover();
  }
}
