package dev.vigie.contain.policy;

import dev.vigie.contain.Target;
import dev.vigie.contain.config.Mode;
import java.time.Duration;
import java.util.Objects;

/**
 * What is asked of the safeguards: a target, the effective mode, and how long.
 *
 * @param target what to act on
 * @param mode effective mode (table, capped by the machine's own policy)
 * @param duration how long once in force, null for "until released"; ignored when {@code escalate}
 * @param escalate compute the duration from the block expiry and the source's earlier offences
 * @param automatic true for alert-driven requests (they count against the cap and may be capped)
 * @param why the first words of the audit line (alert kind, severity, who asked)
 * @param basis what an alert-driven source block rests on (proof, flood...), null for operators'
 *     requests and machines
 */
public record Request(
    Target target,
    Mode mode,
    Duration duration,
    boolean escalate,
    boolean automatic,
    String why,
    Basis basis) {

  public Request {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(mode, "mode");
  }

  /** A request with no basis to weigh (an operator's, a machine's). */
  public Request(
      Target target,
      Mode mode,
      Duration duration,
      boolean escalate,
      boolean automatic,
      String why) {
    this(target, mode, duration, escalate, automatic, why, null);
  }
}
