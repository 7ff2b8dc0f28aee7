package dev.vigie.incident;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The incident lifecycle as a transition enum.
 *
 * <pre>
 *                  ┌───────────────┬─────────────┐  back to INVESTIGATING
 *                  v               │             │
 * TRIAGE ──> INVESTIGATING ──> MITIGATED ──> RESOLVED ──> CLOSED
 *   │          │
 *   └──────────┴──> CANCELLED
 * shortcuts: TRIAGE ──> MITIGATED | RESOLVED; INVESTIGATING ──> RESOLVED
 * </pre>
 *
 * <p>{@link #CLOSED} and {@link #CANCELLED} are terminal. A move to the same status is illegal. The
 * table is {@link #allowedTargets()}; {@link #requireMove} throws {@link
 * IllegalTransitionException} naming the allowed targets.
 */
public enum IncidentStatus {
  TRIAGE,
  INVESTIGATING,
  MITIGATED,
  RESOLVED,
  CLOSED,
  CANCELLED;

  /** The statuses this one may move to. */
  public Set<IncidentStatus> allowedTargets() {
    return switch (this) {
      case TRIAGE -> EnumSet.of(INVESTIGATING, MITIGATED, RESOLVED, CANCELLED);
      case INVESTIGATING -> EnumSet.of(MITIGATED, RESOLVED, CANCELLED);
      case MITIGATED -> EnumSet.of(INVESTIGATING, RESOLVED);
      case RESOLVED -> EnumSet.of(INVESTIGATING, CLOSED);
      case CLOSED, CANCELLED -> EnumSet.noneOf(IncidentStatus.class);
    };
  }

  /** Whether the incident is still active (an alert may attach to it). */
  public boolean isOpen() {
    return this == TRIAGE || this == INVESTIGATING || this == MITIGATED;
  }

  public boolean canMoveTo(IncidentStatus target) {
    return allowedTargets().contains(target);
  }

  /**
   * Checks a move.
   *
   * @throws IllegalTransitionException naming both statuses and the allowed targets
   */
  public void requireMove(IncidentStatus target, String incidentNumber) {
    if (!canMoveTo(target)) {
      throw new IllegalTransitionException(incidentNumber, this, target);
    }
  }

  /**
   * Parses a status name case-insensitively.
   *
   * @throws InvalidIncidentException naming the bad value and the accepted ones
   */
  public static IncidentStatus parse(String field, String value) {
    return Enums.parse(IncidentStatus.class, field, value);
  }

  /** Lower-case name used in texts. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
