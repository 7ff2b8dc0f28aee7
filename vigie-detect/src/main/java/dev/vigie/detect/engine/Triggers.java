package dev.vigie.detect.engine;

import dev.vigie.detect.threshold.Level;
import dev.vigie.detect.threshold.Threshold;
import dev.vigie.detect.threshold.Thresholds;

/**
 * The counts at which a per-message check runs the rules at once (a rate just reached a warning
 * level, the critical level or twice it), for the thresholds of one machine (or the defaults),
 * worked out once per thresholds snapshot instead of looking the levels up and rounding them for
 * every message. A change of thresholds at runtime is a new snapshot: the next check sees it.
 */
final class Triggers {
  private static final Threshold[] ALL = Threshold.values();
  private final String machineId; // null for the defaults
  private final long[] at = new long[ALL.length * 2];
  private Thresholds of;

  Triggers(String machineId) {
    this.machineId = machineId;
  }

  /** True when {@code count} just reached a level of {@code t} in {@code th}. */
  boolean reaches(Thresholds th, Threshold t, long count) {
    if (th != of) refresh(th);
    int i = t.ordinal() << 1;
    long critical = at[i + 1];
    return count == at[i] || count == critical || count == 2 * critical;
  }

  private void refresh(Thresholds th) {
    for (Threshold t : ALL) {
      Level l = th.level(machineId, t);
      at[t.ordinal() << 1] = (long) Math.ceil(l.warning());
      at[(t.ordinal() << 1) + 1] = (long) Math.ceil(l.critical());
    }
    of = th;
  }
}
