package dev.vigie.incident.alertmanager;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alert of an Alertmanager v4 payload.
 *
 * @param status "firing" or "resolved"
 * @param labels identifying labels (alertname, instance, severity…)
 * @param annotations informational (summary, description…)
 * @param startsAt when it started firing
 * @param endsAt when it resolved; Alertmanager sends {@code 0001-01-01T00:00:00Z} (or a future
 *     instant) while it fires
 * @param generatorURL link to the source (Prometheus graph)
 * @param fingerprint Alertmanager's stable id of the label set
 */
public record AlertmanagerAlert(
    String status,
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt,
    String generatorURL,
    String fingerprint) {

  public AlertmanagerAlert {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /**
   * The fingerprint, or when Alertmanager sent none (old versions, hand-made payloads) one derived
   * from the sorted labels, so the same label set always gives the same id.
   */
  public String id() {
    if (fingerprint != null && !fingerprint.isBlank()) {
      return fingerprint.strip();
    }
    return "labels:" + Integer.toHexString(new TreeMap<>(labels).toString().hashCode());
  }

  public boolean firing() {
    return "firing".equalsIgnoreCase(status);
  }

  /** {@code alertname}, or "alert" when missing. */
  public String name() {
    return labels.getOrDefault("alertname", "alert");
  }

  /** The machine the alert is about ({@code instance}, else {@code host}), may be null. */
  public String instance() {
    var i = labels.get("instance");
    return i != null ? i : labels.get("host");
  }

  /** {@code summary} annotation, else {@code description}, may be null. */
  public String summary() {
    var s = annotations.get("summary");
    return s != null ? s : annotations.get("description");
  }

  /** When it resolved, or null when {@code endsAt} is absent or not after {@code startsAt}. */
  public Instant resolvedAt() {
    if (endsAt == null || startsAt == null || !endsAt.isAfter(startsAt)) {
      return null;
    }
    return endsAt;
  }
}
