package dev.vigie.server.recovery;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The passive registration check of a recovery: how many phones each machine holds registered now
 * (from the detection engine's service-health bookkeeping) against how many it usually holds. The
 * usual level is the highest count seen over the last 24 hours, kept as 24 hourly maxima per
 * machine (a ring: O(machines) memory, O(1) per sample), so the registrations lost during an outage
 * do not lower it while the hours before the outage still count. Sampled by the recovery ticker, at
 * most once per {@link #SAMPLE_SECONDS} s. Thread-safe (synchronized; a sample copies one int per
 * machine).
 */
public final class RegistrationWatch {
  static final long SAMPLE_SECONDS = 10;
  private static final int HOURS = 24;

  /** Registrations now and usually (0 usually: nothing learnt yet, no baseline). */
  public record Reading(int now, int usual) {
    /** Back to the usual level, within {@code share} of it (0.9: 41 of 43 is back). */
    public boolean back(double share) {
      return usual > 0 && now >= Math.ceil(usual * share - 1e-9);
    }
  }

  private final Supplier<Map<String, Integer>> source;
  private final Map<String, int[]> hourly = new HashMap<>();
  private final Map<String, Integer> latest = new HashMap<>();
  private long lastSample = Long.MIN_VALUE;

  /** {@code source}: the engine's registrations per machine, or null when there is no engine. */
  public RegistrationWatch(Supplier<Map<String, Integer>> source) {
    this.source = source;
  }

  /** Samples the counts when the last sample is older than {@value #SAMPLE_SECONDS} s. */
  public synchronized void sample(Instant now) {
    long s = now.getEpochSecond();
    if (source == null || lastSample != Long.MIN_VALUE && s - lastSample < SAMPLE_SECONDS) return;
    lastSample = s;
    record(now, source.get());
  }

  /** Records counts seen at {@code now} (also used by tests). */
  synchronized void record(Instant now, Map<String, Integer> counts) {
    long hour = Math.floorDiv(now.getEpochSecond(), 3600);
    for (var e : counts.entrySet()) {
      int[] ring = hourly.computeIfAbsent(e.getKey(), k -> new int[HOURS * 2]);
      // slot: [count, hour + 1] pairs; an hour older than a day is overwritten
      int slot = (int) Math.floorMod(hour, (long) HOURS) * 2;
      if (ring[slot + 1] != hour + 1) {
        ring[slot] = 0;
        ring[slot + 1] = (int) (hour + 1);
      }
      ring[slot] = Math.max(ring[slot], e.getValue());
      latest.put(e.getKey(), e.getValue());
    }
  }

  /** The machine's registrations now and usually; null when the engine does not follow it. */
  public synchronized Reading reading(String machine, Instant now) {
    Integer current = latest.get(machine);
    if (current == null) return null;
    long hour = Math.floorDiv(now.getEpochSecond(), 3600);
    int usual = 0;
    int[] ring = hourly.get(machine);
    for (int i = 0; i < HOURS; i++) {
      long h = ring[i * 2 + 1] - 1L;
      if (h > hour - HOURS && h <= hour) usual = Math.max(usual, ring[i * 2]);
    }
    return new Reading(current, usual);
  }

  /** Forces the next {@link #sample} to read the engine (an operator asked for a re-check). */
  public synchronized void refresh() {
    lastSample = Long.MIN_VALUE;
  }
}
