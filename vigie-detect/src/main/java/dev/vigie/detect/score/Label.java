package dev.vigie.detect.score;

import dev.vigie.detect.AlertKind;
import java.time.Instant;

/**
 * One labelled anomaly: what should be reported ({@code kind}, {@code source} and/or {@code
 * machine}; null matches anything) and when it happened (first and last attack packet).
 */
public record Label(AlertKind kind, String source, String machine, Instant start, Instant end) {

  /** True when {@code d} reports this anomaly (kind and named parties; time is checked apart). */
  public boolean names(Detection d) {
    return d.kind() == kind
        && (source == null || source.equals(d.source()))
        && (machine == null || machine.equals(d.machine()));
  }
}
