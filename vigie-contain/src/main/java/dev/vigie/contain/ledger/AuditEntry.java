package dev.vigie.contain.ledger;

import dev.vigie.contain.Reason;
import java.time.Instant;

/**
 * One line of the containment audit trail.
 *
 * @param at when (service clock)
 * @param reason what was decided or done, refusals included
 * @param isolationId the ledger entry concerned, null for a decision that created none
 * @param alertId the alert concerned, null for operator actions and reconciliation
 * @param target the target as text ({@code 198.51.100.7}, {@code 2001:db8:1::/64}, {@code machine
 *     pbx-acme [...]}), null when none could be resolved
 * @param actor "auto" or the operator
 * @param detail one human line (which protected range, how many actions in the window, nft's error)
 */
public record AuditEntry(
    Instant at,
    Reason reason,
    String isolationId,
    String alertId,
    String target,
    String actor,
    String detail) {}
