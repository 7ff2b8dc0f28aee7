package dev.vigie.server.api;

import dev.vigie.detect.Alert;
import java.util.LinkedHashMap;
import java.util.Map;

/** The contract's alert object, shared by {@code analyze --format json} and {@code GET /alerts}. */
public final class AlertJson {
  private AlertJson() {}

  public static Map<String, Object> of(Alert a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("kind", a.kind().name());
    m.put("severity", a.severity().name());
    m.put("source", a.source());
    m.put("machine", a.machine());
    m.put("firstSeen", a.firstSeen());
    m.put("detectedAt", a.detectedAt());
    m.put("lastSeen", a.lastSeen());
    m.put("summary", a.summary());
    m.put("evidence", a.evidence());
    m.put("revision", a.revision());
    return m;
  }
}
