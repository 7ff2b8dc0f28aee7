package dev.vigie.detect.rule;

import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import java.util.Map;

/**
 * What a rule concludes from one snapshot. The engine turns findings into alert episodes.
 *
 * @param kind the alert kind
 * @param severity the level crossed
 * @param magnitude the main number behind it (a rate, a count); an open episode is updated when it
 *     doubles
 * @param summary one line for the NOC
 * @param evidence JSON-friendly numbers, strings and lists
 */
public record Finding(
    AlertKind kind,
    Severity severity,
    double magnitude,
    String summary,
    Map<String, Object> evidence) {

  static Severity severity(int grade) {
    return grade >= 2 ? Severity.CRITICAL : Severity.WARNING;
  }
}
