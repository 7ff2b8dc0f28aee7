package dev.vigie.contain.config;

import java.time.Duration;

/**
 * How long a source block lasts: {@code base} for a first offence, multiplied by {@code factor} for
 * each earlier block of the same source that came in force within {@code repeatWindow}, never more
 * than {@code max}. Defaults: 10 min, x4, within 24 h, capped at 24 h (10 min, 40 min, 2 h 40, 10 h
 * 40, 24 h).
 */
public record BlockExpiry(Duration base, int factor, Duration repeatWindow, Duration max) {

  public BlockExpiry {
    positive("containment.expiry.base", base);
    positive("containment.expiry.repeatWindow", repeatWindow);
    positive("containment.expiry.max", max);
    if (factor < 1) {
      throw new ConfigException("containment.expiry.factor", factor, "an integer >= 1");
    }
    if (max.compareTo(base) < 0) {
      throw new ConfigException("containment.expiry.max", max, "at least the base " + base);
    }
  }

  public static BlockExpiry defaults() {
    return new BlockExpiry(Duration.ofMinutes(10), 4, Duration.ofHours(24), Duration.ofHours(24));
  }

  /** Duration of a block after {@code priorOffences} earlier blocks in the repeat window. O(n). */
  public Duration durationFor(int priorOffences) {
    Duration d = base;
    for (int i = 0; i < priorOffences && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(factor);
    }
    return d.compareTo(max) > 0 ? max : d;
  }

  private static void positive(String key, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new ConfigException(key, d, "a positive duration");
    }
  }
}
