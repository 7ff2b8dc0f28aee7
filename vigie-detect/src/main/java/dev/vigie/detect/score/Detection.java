package dev.vigie.detect.score;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import java.time.Instant;

/** One alert as the scorer sees it: kind, parties and when it was raised. */
public record Detection(AlertKind kind, String source, String machine, Instant at) {
  public static Detection of(Alert a) {
    return new Detection(a.kind(), a.source(), a.machine(), a.detectedAt());
  }
}
