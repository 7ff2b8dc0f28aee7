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

  /**
   * An alert about a source proven real (it continued a dialog), with the evidence of a sustained
   * attack (50 requests): what a real attacker's alert carries.
   */
  public static Alert of(AlertKind kind, Severity sev, String source, String machine) {
    return of(kind, sev, source, machine, "DIALOG", 50);
  }

  /** An alert with the given proof (NONE, DIALOG, TCP...) and request count as evidence. */
  public static synchronized Alert of(
      AlertKind kind, Severity sev, String source, String machine, String proof, long requests) {
    Instant t = Instant.parse("2026-11-24T06:00:00Z");
    Map<String, Object> ev = Map.of("proof", proof, "requests", requests);
    return new Alert("alert-" + ++seq, 1, kind, sev, source, machine, t, t, t, kind + " test", ev);
  }
}
