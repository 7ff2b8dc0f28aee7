package dev.vigie.contain.config;

import java.util.Locale;

/** What containment does for one kind and severity of alert, from least to most intrusive. */
public enum Mode {
  /** Audit only. */
  OBSERVE,
  /** Record a pending request that an operator approves or rejects. */
  ASK,
  /** Act at once (within the safeguards). */
  AUTO;

  /** The less intrusive of the two (OBSERVE &lt; ASK &lt; AUTO). */
  public Mode min(Mode other) {
    return compareTo(other) <= 0 ? this : other;
  }

  /**
   * Parses {@code observe}, {@code ask} or {@code auto}, any case.
   *
   * @throws ConfigException naming {@code key} and the bad value
   */
  public static Mode parse(String key, Object value) {
    if (value instanceof String s) {
      for (Mode m : values()) {
        if (m.name().equalsIgnoreCase(s.strip())) {
          return m;
        }
      }
    }
    throw new ConfigException(key, value, "one of observe, ask, auto");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
