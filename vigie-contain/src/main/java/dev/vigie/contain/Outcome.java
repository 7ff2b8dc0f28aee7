package dev.vigie.contain;

/**
 * What the containment service did with an alert or an operator's request.
 *
 * @param reason the decision or the result (ISOLATE, APPROVED, RELEASED, PROTECTED, NOT_FOUND...)
 * @param detail the audit line (nft's error for ACTUATOR_FAILED)
 * @param isolation the ledger entry created or changed, null when none
 */
public record Outcome(Reason reason, String detail, Isolation isolation) {}
