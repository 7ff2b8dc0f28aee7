package dev.vigie.contain.policy;

import dev.vigie.contain.Reason;
import dev.vigie.contain.Target;
import dev.vigie.contain.config.Mode;
import java.time.Duration;

/**
 * The outcome of the policy and the safeguards for one alert or request: pure data, so that the
 * audit trail can say exactly why.
 *
 * @param reason what to do and why (ISOLATE, ASK_OPERATOR, DRY_RUN act or ask; the others refuse)
 * @param target the target, null when none could be resolved (NO_TARGET, UNKNOWN_MACHINE)
 * @param mode the effective mode after the machine's own policy, null when no target
 * @param duration how long the isolation lasts once in force, null for "until released"
 * @param priorOffences earlier blocks of the same source in the repeat window (escalation)
 * @param detail one line for the audit trail
 * @param pendingId a pending entry for the same target this decision promotes, or null
 * @param basis what an alert-driven source decision rested on, null otherwise
 */
public record Decision(
    Reason reason,
    Target target,
    Mode mode,
    Duration duration,
    int priorOffences,
    String detail,
    String pendingId,
    Basis basis) {

  /** A refusal or an audit-only outcome. */
  public static Decision refuse(Reason reason, Target target, Mode mode, String detail) {
    return new Decision(reason, target, mode, null, 0, detail, null, null);
  }

  /** True when the service should put something in force (or simulate it). */
  public boolean acts() {
    return switch (reason) {
      case ISOLATE, ISOLATE_PROVEN, ISOLATE_FLOOD, DRY_RUN -> true;
      default -> false;
    };
  }

  /** True when the service should record a request for an operator. */
  public boolean asks() {
    return switch (reason) {
      case ASK_OPERATOR, CAP_REACHED, ASK_UNPROVEN, LONE_PROBE, KNOWN_GOOD -> true;
      default -> false;
    };
  }

  /** True when this decision is a question drawn on the budget of unproven sources. */
  public boolean drawsUnprovenBudget() {
    return asks() && basis != null && basis.unprovenBudget();
  }
}
