package dev.vigie.contain;

/**
 * Why containment did (or did not do) something. Every decision, operator action and reconciliation
 * step carries one, and the audit trail records it, refusals included.
 */
public enum Reason {
  // decisions on an alert or a manual request
  /** Act now: every safeguard passed and the policy says AUTO (or an operator asked). */
  ISOLATE,
  /** The policy says ASK: a pending entry waits for an operator. */
  ASK_OPERATOR,
  /** The policy says OBSERVE: audit only. */
  OBSERVE_ONLY,
  /** The target overlaps a protected range (carrier, trunk, monitoring, capture agent). */
  PROTECTED,
  /** Too many automatic actions in the sliding window: Vigie asks instead of acting. */
  CAP_REACHED,
  /** An active isolation already covers the target (a later revision of the same episode...). */
  ALREADY_ISOLATED,
  /** A request for the same target already waits for an operator. */
  ALREADY_PENDING,
  /** Global dry-run: recorded as if applied, no actuator touched. */
  DRY_RUN,
  /** The alert names nothing Vigie can act on (no source, distributed flood...). */
  NO_TARGET,
  /** The alert (or request) names a machine that is not in the inventory. */
  UNKNOWN_MACHINE,
  /**
   * Act now on a source proven real (it answered a challenge, continued a dialog or spoke over
   * TCP/TLS): every safeguard passed and the policy says AUTO.
   */
  ISOLATE_PROVEN,
  /**
   * Act now on a source not proven, because its volume is itself the harm: a FLOOD at its critical
   * level.
   */
  ISOLATE_FLOOD,
  /** The source is not proven (it may be spoofed): Vigie asks instead of acting. */
  ASK_UNPROVEN,
  /** A lone probe (a SCAN of a few packets) never blocks: Vigie asks. */
  LONE_PROBE,
  /** The source is a known-good address (phones registered from it): Vigie asks, naming whose. */
  KNOWN_GOOD,
  /** The budget of questions about unproven sources is spent: recorded only. */
  UNPROVEN_CAP_REACHED,

  // operator actions, lifecycle and reconciliation
  /** An operator approved a pending entry. */
  APPROVED,
  /** An operator released an active entry or rejected a pending one. */
  RELEASED,
  /** The entry's time ran out. */
  EXPIRED,
  /** No entry with that id. */
  NOT_FOUND,
  /** The operation does not apply to the entry's state (approving an active one...). */
  WRONG_STATE,
  /** An actuator failed: nothing was recorded as in force. */
  ACTUATOR_FAILED,
  /** Reconciliation: the entry was in force already, nothing repeated. */
  IN_FORCE,
  /** Reconciliation: the entry was missing from an actuator and applied for its remaining time. */
  REAPPLIED,
  /** Reconciliation: an element in Vigie's own table matched no active entry and was removed. */
  STRAY_REMOVED
}
