package dev.vigie.contain;

/**
 * Life of an isolation entry. Only {@link #ACTIVE} entries are in force; an entry becomes ACTIVE
 * only after every actuator applied it.
 */
public enum IsolationState {
  /** Decided ASK (or the automatic cap was reached): waits for an operator. */
  PENDING_APPROVAL,
  /** In force (or simulated in force when dry-run). */
  ACTIVE,
  /** Lifted by an operator (or a pending request rejected). */
  RELEASED,
  /** Its time ran out (or a pending request was never answered). */
  EXPIRED,
  /** An actuator refused it: nothing is in force. */
  FAILED;

  public boolean isFinal() {
    return this == RELEASED || this == EXPIRED || this == FAILED;
  }
}
