package dev.vigie.contain.policy;

/**
 * What an alert-driven source block would rest on, worked out by {@link ContainmentPolicy} from the
 * alert's {@code proof} evidence and the known-good addresses. Only {@link #PROVEN} and {@link
 * #FLOOD} may block automatically; the others ask (or, once their budget is spent, only record).
 */
public enum Basis {
  /** The source completed an exchange a spoofer cannot (challenge, dialog, TCP/TLS). */
  PROVEN,
  /** A FLOOD at its critical level: the volume from the one source is itself the harm. */
  FLOOD,
  /** Not proven: the address may be forged. Asked, on the unproven budget. */
  UNPROVEN,
  /** A SCAN of a few packets: one probe never blocks. Asked, on the unproven budget. */
  LONE_PROBE,
  /** A known-good address, proven now as well: asked, naming the client. */
  KNOWN_GOOD_PROVEN,
  /** A known-good address, not proven: asked, naming the client, on the unproven budget. */
  KNOWN_GOOD_UNPROVEN;

  /** True when Vigie asks instead of acting whatever the policy table says. */
  public boolean asks() {
    return this != PROVEN && this != FLOOD;
  }

  /** True when the question draws on the unproven budget. */
  public boolean unprovenBudget() {
    return this == UNPROVEN || this == LONE_PROBE || this == KNOWN_GOOD_UNPROVEN;
  }
}
