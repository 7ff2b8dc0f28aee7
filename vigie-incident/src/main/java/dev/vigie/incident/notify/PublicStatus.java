package dev.vigie.incident.notify;

import dev.vigie.incident.Language;
import java.util.Locale;

/**
 * The incident status as clients see it (the vocabulary of status pages), with its French and
 * English labels. The server maps its lifecycle onto it with {@link #fromLifecycle}.
 */
public enum PublicStatus {
  INVESTIGATING("Investigation en cours", "Investigating"),
  IDENTIFIED("Cause identifiée", "Identified"),
  // contained (mitigated) is not restored: clients are told that a fix is in place and watched
  MONITORING("Mesures appliquées, sous surveillance", "Fix applied, monitoring"),
  RESOLVED("Résolu", "Resolved");

  private final String french;
  private final String english;

  PublicStatus(String french, String english) {
    this.french = french;
    this.english = english;
  }

  public String label(Language language) {
    return switch (language) {
      case FR -> french;
      case EN -> english;
    };
  }

  /**
   * Maps an incident lifecycle state name ({@code TRIAGE}, {@code INVESTIGATING}, {@code
   * IDENTIFIED}, {@code MITIGATED}, {@code MONITORING}, {@code RESOLVED}, {@code CLOSED}) to the
   * public status.
   *
   * @throws IllegalArgumentException for {@code CANCELLED} (clients are not told about cancelled
   *     incidents) and unknown names, naming the value
   */
  public static PublicStatus fromLifecycle(String state) {
    String name = state == null ? "" : state.strip().toUpperCase(Locale.ROOT);
    return switch (name) {
      case "TRIAGE", "OPEN", "INVESTIGATING" -> INVESTIGATING;
      case "IDENTIFIED" -> IDENTIFIED;
      case "MITIGATED", "MONITORING" -> MONITORING;
      case "RESOLVED", "CLOSED" -> RESOLVED;
      default ->
          throw new IllegalArgumentException(
              "incident status: no public status for '" + state + "'");
    };
  }
}
