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
 */
public record Request(
    Target target, Mode mode, Duration duration, boolean escalate, boolean automatic, String why) {

  public Request {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(mode, "mode");
  }
}
