package dev.vigie.contain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the isolation ledger. Immutable: each change of state is a new value saved under the
 * same id.
 *
 * @param id ledger id (also the tag of the nftables elements)
 * @param target what is blocked or isolated
 * @param kind source block or machine isolation (follows the target)
 * @param reason the decision that created the entry (ISOLATE, ASK_OPERATOR, CAP_REACHED, DRY_RUN)
 * @param detail one human line: why, offence count, who asked
 * @param alertId the alert that led here, null for a manual isolation
 * @param created when the entry was first written
 * @param duration how long it lasts once in force, null for "until released"
 * @param activated when it came in force, null while pending or failed
 * @param expires activated + duration, null while pending or for "until released"
 * @param state lifecycle state
 * @param actor "auto" or the operator who asked for or approved it
 * @param dryRun true when nothing was applied (global dry-run)
 * @param ended when it was released, expired or failed, null otherwise
 * @param endedBy "auto" (expiry, failure) or the operator who released it
 */
public record Isolation(
    String id,
    Target target,
    IsolationKind kind,
    Reason reason,
    String detail,
    String alertId,
    Instant created,
    Duration duration,
    Instant activated,
    Instant expires,
    IsolationState state,
    String actor,
    boolean dryRun,
    Instant ended,
    String endedBy) {

  /** The actor name for automatic actions. */
  public static final String AUTO = "auto";

  public Isolation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(actor, "actor");
    if (kind != IsolationKind.of(target)) {
      throw new IllegalArgumentException("kind " + kind + " does not fit target " + target);
    }
  }

  /** A new entry, not yet in force. */
  public static Isolation pending(
      String id,
      Target target,
      Reason reason,
      String detail,
      String alertId,
      Instant created,
      Duration duration,
      String actor,
      boolean dryRun) {
    return new Isolation(
        id,
        target,
        IsolationKind.of(target),
        reason,
        detail,
        alertId,
        created,
        duration,
        null,
        null,
        IsolationState.PENDING_APPROVAL,
        actor,
        dryRun,
        null,
        null);
  }

  /** This entry in force from {@code now}, put there by {@code by}, really or in a dry run. */
  public Isolation activate(Instant now, String by, boolean simulated) {
    Instant exp = duration == null ? null : now.plus(duration);
    return new Isolation(
        id,
        target,
        kind,
        reason,
        detail,
        alertId,
        created,
        duration,
        now,
        exp,
        IsolationState.ACTIVE,
        by,
        simulated,
        null,
        null);
  }

  /** This entry in a final state. */
  public Isolation end(IsolationState finalState, Instant now, String by) {
    if (!finalState.isFinal()) {
      throw new IllegalArgumentException(finalState + " is not a final state");
    }
    return new Isolation(
        id,
        target,
        kind,
        reason,
        detail,
        alertId,
        created,
        duration,
        activated,
        expires,
        finalState,
        actor,
        dryRun,
        now,
        by);
  }

  /** Same entry with another detail line. */
  public Isolation withDetail(String newDetail) {
    return new Isolation(
        id, target, kind, reason, newDetail, alertId, created, duration, activated, expires, state,
        actor, dryRun, ended, endedBy);
  }

  /**
   * A pending request taken over by an automatic decision: the decision's reason (say
   * ISOLATE_PROVEN) replaces the question's, and its detail is appended.
   */
  public Isolation decided(Reason newReason, String moreDetail) {
    return new Isolation(
        id,
        target,
        kind,
        newReason,
        detail + "; " + moreDetail,
        alertId,
        created,
        duration,
        activated,
        expires,
        state,
        actor,
        dryRun,
        ended,
        endedBy);
  }

  /** True when ACTIVE and its expiry (if any) is after {@code now}. */
  public boolean inForceAt(Instant now) {
    return state == IsolationState.ACTIVE && (expires == null || expires.isAfter(now));
  }

  /** Time left at {@code now}: null for "until released", zero when past. */
  public Duration remaining(Instant now) {
    if (expires == null) {
      return null;
    }
    Duration d = Duration.between(now, expires);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
