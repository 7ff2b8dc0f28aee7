package dev.vigie.incident.review;

import dev.vigie.incident.Require;
import java.util.List;

/**
 * The post-incident analysis ("Analyse Post-Incident"). The seed's analysis is four paragraphs:
 * they are {@link #findings}, printed in order; the other parts are printed under their own
 * headings when present.
 *
 * @param findings the analysis paragraphs, in order
 * @param rootCause the root cause (may be null)
 * @param wentWell what went well
 * @param wentBadly what went badly
 * @param actions corrective actions
 * @param version optimistic-locking version of the review (0 before first save)
 */
public record Review(
    List<String> findings,
    String rootCause,
    List<String> wentWell,
    List<String> wentBadly,
    List<CorrectiveAction> actions,
    long version) {

  public Review {
    findings = Require.texts("findings", findings);
    rootCause = Require.optional("rootCause", rootCause);
    wentWell = Require.texts("wentWell", wentWell);
    wentBadly = Require.texts("wentBadly", wentBadly);
    actions = actions == null ? List.of() : List.copyOf(actions);
  }

  /** A new review (version 0) with findings and actions only, as in the contract's body. */
  public static Review of(List<String> findings, List<CorrectiveAction> actions) {
    return new Review(findings, null, null, null, actions, 0);
  }

  public Review withVersion(long v) {
    return new Review(findings, rootCause, wentWell, wentBadly, actions, v);
  }

  public boolean isEmpty() {
    return findings.isEmpty()
        && rootCause == null
        && wentWell.isEmpty()
        && wentBadly.isEmpty()
        && actions.isEmpty();
  }
}
