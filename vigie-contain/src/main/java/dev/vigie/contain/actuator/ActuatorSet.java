package dev.vigie.contain.actuator;

import dev.vigie.contain.Isolation;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured actuators acting as one: an isolation is applied by every actuator that supports
 * its kind, all or nothing. When one fails, those that already applied it revoke it (best effort;
 * reconciliation removes any leftover) and the failure names the actuator. Not thread-safe on its
 * own: the containment service calls it under its lock.
 */
public final class ActuatorSet {

  private final List<Actuator> actuators;

  public ActuatorSet(List<Actuator> actuators) {
    this.actuators = List.copyOf(actuators);
  }

  public List<Actuator> all() {
    return actuators;
  }

  /** Applies everywhere or nowhere; fails when no actuator handles the isolation's kind. */
  public void apply(Isolation i) throws ActuationException {
    if (actuators.stream().noneMatch(a -> a.supports(i.kind()))) {
      throw new ActuationException("no actuator handles " + i.kind());
    }
    List<Actuator> done = new ArrayList<>();
    for (Actuator a : actuators) {
      if (!a.supports(i.kind())) {
        continue;
      }
      try {
        a.apply(i);
        done.add(a);
      } catch (ActuationException e) {
        for (Actuator back : done) {
          try {
            back.revoke(i);
          } catch (ActuationException ignored) {
            // best effort: reconciliation removes what no ledger entry accounts for
          }
        }
        throw new ActuationException(a.name() + ": " + e.getMessage(), e);
      }
    }
  }

  /** Revokes everywhere; the first failure stops and names the actuator. */
  public void revoke(Isolation i) throws ActuationException {
    for (Actuator a : actuators) {
      if (a.supports(i.kind())) {
        try {
          a.revoke(i);
        } catch (ActuationException e) {
          throw new ActuationException(a.name() + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /** Revokes, ignoring failures (after a ledger error: reconciliation cleans up the rest). */
  public void revokeQuietly(Isolation i) {
    try {
      revoke(i);
    } catch (ActuationException ignored) {
      // reconciliation removes what no ledger entry accounts for
    }
  }
}
