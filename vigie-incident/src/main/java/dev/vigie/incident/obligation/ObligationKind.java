package dev.vigie.incident.obligation;

import dev.vigie.incident.Enums;

/**
 * The three submissions NIS2 Article 23(4) asks of an essential or important entity for a
 * significant incident, in order.
 */
public enum ObligationKind {
  /** Art. 23(4)(a): early warning, within 24 hours of becoming aware. */
  EARLY_WARNING,
  /** Art. 23(4)(b): incident notification, within 72 hours of becoming aware. */
  NOTIFICATION,
  /** Art. 23(4)(d): final report, within one month after the incident notification. */
  FINAL_REPORT;

  /** Parses a kind from a path or body ({@code early-warning} reads as EARLY_WARNING). */
  public static ObligationKind parse(String field, String value) {
    return Enums.parse(ObligationKind.class, field, value);
  }
}
