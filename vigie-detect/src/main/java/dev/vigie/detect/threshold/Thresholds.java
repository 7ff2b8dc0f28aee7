package dev.vigie.detect.threshold;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * An immutable snapshot of every threshold: the defaults and the per-machine overrides. Rules read
 * levels through {@link #level(String, Threshold)} at evaluation time and never keep them, so a
 * runtime change is a new snapshot swapped into a {@link ThresholdRegistry}. Lookup is one hash
 * lookup on the machine id plus an array read.
 */
public final class Thresholds {
  private static final Threshold[] ALL = Threshold.values();
  private final Level[] defaults;
  private final Map<String, Level[]> perMachine;

  private Thresholds(Level[] defaults, Map<String, Level[]> perMachine) {
    this.defaults = defaults;
    this.perMachine = perMachine;
  }

  /** The documented defaults, no override. */
  public static Thresholds defaults() {
    Level[] d = new Level[ALL.length];
    for (Threshold t : ALL) d[t.ordinal()] = t.defaults();
    return new Thresholds(d, Map.of());
  }

  /** The levels that apply to {@code machineId} (null for none: the defaults). */
  public Level level(String machineId, Threshold t) {
    if (machineId != null) {
      Level[] m = perMachine.get(machineId);
      if (m != null) return m[t.ordinal()];
    }
    return defaults[t.ordinal()];
  }

  /** The default levels of {@code t}. */
  public Level level(Threshold t) {
    return defaults[t.ordinal()];
  }

  /** A new snapshot where the default of {@code t} is {@code level}; machine overrides stay. */
  public Thresholds withDefault(Threshold t, Level level) {
    Level[] d = defaults.clone();
    d[t.ordinal()] = level;
    Map<String, Level[]> pm = new HashMap<>();
    perMachine.forEach((id, levels) -> {
      Level[] copy = levels.clone();
      // a machine that did not override t follows the new default
      if (levels[t.ordinal()] == defaults[t.ordinal()]) copy[t.ordinal()] = level;
      pm.put(id, copy);
    });
    return new Thresholds(d, Collections.unmodifiableMap(pm));
  }

  /** A new snapshot with {@code overrides} for {@code machineId} (replacing earlier ones). */
  public Thresholds withMachine(String machineId, Map<Threshold, Level> overrides) {
    Level[] m = defaults.clone();
    overrides.forEach((t, l) -> m[t.ordinal()] = l);
    Map<String, Level[]> pm = new HashMap<>(perMachine);
    pm.put(machineId, m);
    return new Thresholds(defaults, Collections.unmodifiableMap(pm));
  }

  /** The overrides of one machine (only the levels that differ from the defaults). */
  public Map<Threshold, Level> overrides(String machineId) {
    Map<Threshold, Level> out = new EnumMap<>(Threshold.class);
    Level[] m = perMachine.get(machineId);
    if (m != null) {
      for (Threshold t : ALL)
        if (!m[t.ordinal()].equals(defaults[t.ordinal()])) out.put(t, m[t.ordinal()]);
    }
    return out;
  }

  /** Every default level, by threshold. */
  public Map<Threshold, Level> defaultLevels() {
    Map<Threshold, Level> out = new EnumMap<>(Threshold.class);
    for (Threshold t : ALL) out.put(t, defaults[t.ordinal()]);
    return out;
  }

  /** Machines that have overrides. */
  public java.util.Set<String> machines() {
    return perMachine.keySet();
  }
}
