package dev.vigie.contain.ledger;

import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationKind;
import dev.vigie.contain.IsolationState;
import dev.vigie.contain.Reason;
import dev.vigie.contain.Target;
import dev.vigie.detect.inventory.Cidr;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Isolation} as JSON-friendly maps (for the file ledger and for the REST API), and back.
 * Instants are ISO-8601 text, durations ISO-8601 ({@code PT10M}) with {@code null} for "until
 * released", the target {@code {"type": "source", "prefix"}} or {@code {"type": "machine",
 * "machine", "addresses"}}.
 */
public final class IsolationJson {

  private IsolationJson() {}

  public static Map<String, Object> toMap(Isolation i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id());
    m.put("kind", i.kind().name());
    m.put("target", target(i.target()));
    m.put("reason", i.reason() == null ? null : i.reason().name());
    m.put("detail", i.detail());
    m.put("alertId", i.alertId());
    m.put("created", text(i.created()));
    m.put("duration", i.duration() == null ? null : i.duration().toString());
    m.put("activated", text(i.activated()));
    m.put("expires", text(i.expires()));
    m.put("state", i.state().name());
    m.put("actor", i.actor());
    m.put("dryRun", i.dryRun());
    m.put("ended", text(i.ended()));
    m.put("endedBy", i.endedBy());
    return m;
  }

  public static Map<String, Object> target(Target t) {
    return switch (t) {
      case Target.Source s -> Map.of("type", "source", "prefix", s.prefix().toString());
      case Target.Machine mt ->
          Map.of(
              "type", "machine",
              "machine", mt.id(),
              "addresses", mt.addresses().stream().map(Cidr::toString).toList());
    };
  }

  /**
   * Reads what {@link #toMap} wrote.
   *
   * @throws IllegalArgumentException naming the field when the map is not an isolation
   */
  public static Isolation fromMap(Map<?, ?> m) {
    try {
      Map<?, ?> t = (Map<?, ?>) m.get("target");
      Target target =
          "machine".equals(t.get("type"))
              ? new Target.Machine(
                  (String) t.get("machine"),
                  ((List<?>) t.get("addresses")).stream().map(a -> Cidr.parse((String) a)).toList())
              : new Target.Source(Cidr.parse((String) t.get("prefix")));
      return new Isolation(
          (String) m.get("id"),
          target,
          IsolationKind.valueOf((String) m.get("kind")),
          m.get("reason") == null ? null : Reason.valueOf((String) m.get("reason")),
          (String) m.get("detail"),
          (String) m.get("alertId"),
          instant(m.get("created")),
          m.get("duration") == null ? null : Duration.parse((String) m.get("duration")),
          instant(m.get("activated")),
          instant(m.get("expires")),
          IsolationState.valueOf((String) m.get("state")),
          (String) m.get("actor"),
          Boolean.TRUE.equals(m.get("dryRun")),
          instant(m.get("ended")),
          (String) m.get("endedBy"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not an isolation record: " + e.getMessage(), e);
    }
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }

  private static Instant instant(Object o) {
    return o == null ? null : Instant.parse((String) o);
  }
}
