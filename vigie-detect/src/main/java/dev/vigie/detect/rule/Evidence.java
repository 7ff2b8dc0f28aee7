package dev.vigie.detect.rule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the ordered, JSON-friendly evidence map of a finding. */
final class Evidence {
  private final Map<String, Object> map = new LinkedHashMap<>();

  Evidence put(String key, Object value) {
    if (value != null) map.put(key, value instanceof Double d ? round(d) : value);
    return this;
  }

  Map<String, Object> build() {
    return Collections.unmodifiableMap(map);
  }

  /** ISO-8601 text of a time in epoch microseconds, as {@link java.time.Instant#toString()}. */
  static String iso(long micros) {
    return java.time.Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000)
        .toString();
  }

  static Object round(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : Math.round(d * 10) / 10.0;
  }
}
