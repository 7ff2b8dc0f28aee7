package dev.vigie.contain;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import java.time.Instant;
import java.util.Map;

/** Alerts as detection raises them, for tests. */
public final class Alerts {

  private static int seq;

  private Alerts() {}

  public static synchronized Alert of(AlertKind kind, Severity sev, String source, String machine) {
    Instant t = Instant.parse("2026-11-24T06:00:00Z");
    return new Alert(
        "alert-" + ++seq, 1, kind, sev, source, machine, t, t, t, kind + " test", Map.of());
  }
}
