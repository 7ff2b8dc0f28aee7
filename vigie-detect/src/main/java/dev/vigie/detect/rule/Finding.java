package dev.vigie.detect.rule;

import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a rule concludes from one snapshot. The engine turns findings into alert episodes.
 *
 * <p>The rules run every second for every entity near a level, so while an attack lasts its open
 * episode gets a finding each second, and most of them only replace the last one (see {@code
 * Episodes}). What decides what happens to the episode (kind, severity, magnitude, the proof held)
 * is computed at once; the texts (the summary, the evidence with its times and samples) may be
 * given as functions of the rule's immutable snapshot, made only when an alert is built from the
 * finding ({@link #lazy}), then kept. Either way the accessors give the same values.
 */
public final class Finding {
  private final AlertKind kind;
  private final Severity severity;
  private final double magnitude;
  private final Object proof;
  private String summary;
  private Map<String, Object> evidence;
  private Supplier<String> summaryOf;
  private Supplier<Map<String, Object>> evidenceOf;

  /**
   * @param kind the alert kind
   * @param severity the level crossed
   * @param magnitude the main number behind it (a rate, a count); an open episode is updated when
   *     it doubles
   * @param summary one line for the NOC
   * @param evidence JSON-friendly numbers, strings and lists
   */
  public Finding(
      AlertKind kind,
      Severity severity,
      double magnitude,
      String summary,
      Map<String, Object> evidence) {
    this.kind = kind;
    this.severity = severity;
    this.magnitude = magnitude;
    this.summary = summary;
    this.evidence = evidence;
    this.proof = evidence == null ? null : evidence.get("proof");
  }

  private Finding(
      AlertKind kind,
      Severity severity,
      double magnitude,
      Object proof,
      Supplier<String> summaryOf,
      Supplier<Map<String, Object>> evidenceOf) {
    this.kind = kind;
    this.severity = severity;
    this.magnitude = magnitude;
    this.proof = proof;
    this.summaryOf = summaryOf;
    this.evidenceOf = evidenceOf;
  }

  /**
   * A finding whose summary and evidence are made when first read, by functions of immutable values
   * only (the rule's snapshot and thresholds). {@code proof} must be what the evidence will hold
   * under {@code "proof"} (null when it holds none): it is compared without making it.
   */
  public static Finding lazy(
      AlertKind kind,
      Severity severity,
      double magnitude,
      Object proof,
      Supplier<String> summary,
      Supplier<Map<String, Object>> evidence) {
    return new Finding(kind, severity, magnitude, proof, summary, evidence);
  }

  public AlertKind kind() {
    return kind;
  }

  public Severity severity() {
    return severity;
  }

  public double magnitude() {
    return magnitude;
  }

  /** One line for the NOC. */
  public String summary() {
    if (summaryOf != null) {
      summary = summaryOf.get();
      summaryOf = null;
    }
    return summary;
  }

  /** JSON-friendly numbers, strings and lists. */
  public Map<String, Object> evidence() {
    if (evidenceOf != null) {
      evidence = evidenceOf.get();
      evidenceOf = null;
    }
    return evidence;
  }

  /** The evidence's {@code "proof"} (what the source proved), null when it has none. */
  public Object proof() {
    return proof;
  }

  static Severity severity(int grade) {
    return grade >= 2 ? Severity.CRITICAL : Severity.WARNING;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Finding f
        && kind == f.kind
        && severity == f.severity
        && Double.compare(magnitude, f.magnitude) == 0
        && Objects.equals(summary(), f.summary())
        && Objects.equals(evidence(), f.evidence());
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, severity, magnitude, summary(), evidence());
  }

  @Override
  public String toString() {
    return "Finding[kind="
        + kind
        + ", severity="
        + severity
        + ", magnitude="
        + magnitude
        + ", summary="
        + summary()
        + ", evidence="
        + evidence()
        + "]";
  }
}
