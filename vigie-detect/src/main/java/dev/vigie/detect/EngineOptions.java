package dev.vigie.detect;

import dev.vigie.detect.toll.TollPolicy;

/**
 * Sizing and timing of a {@link DetectionEngine}. Memory is bounded by the capacities: about 4 KB
 * per source slot and 1 KB per toll slot, plus 128 KB for the transaction table.
 *
 * @param sourceCapacity remote sources tracked at once (Space-Saving: the heaviest always are)
 * @param tollCapacity calling extensions tracked at once for toll-fraud rules
 * @param idleSeconds a source or extension silent this long is forgotten
 * @param quietSeconds an episode without a finding for this long is closed
 * @param baselineHalfLifeSeconds EWMA half-life of machine baselines, in observed seconds
 * @param warmupSeconds observed seconds before a machine baseline is used (thresholds only before)
 * @param tollPolicy premium-range deny-list
 * @param serviceHealth passive service health (SERVICE_DEGRADED) on; off only to measure its cost
 */
public record EngineOptions(
    int sourceCapacity,
    int tollCapacity,
    long idleSeconds,
    long quietSeconds,
    long baselineHalfLifeSeconds,
    long warmupSeconds,
    TollPolicy tollPolicy,
    boolean serviceHealth) {

  public EngineOptions(
      int sourceCapacity,
      int tollCapacity,
      long idleSeconds,
      long quietSeconds,
      long baselineHalfLifeSeconds,
      long warmupSeconds,
      TollPolicy tollPolicy) {
    this(
        sourceCapacity,
        tollCapacity,
        idleSeconds,
        quietSeconds,
        baselineHalfLifeSeconds,
        warmupSeconds,
        tollPolicy,
        true);
  }

  public static EngineOptions defaults() {
    return new EngineOptions(16_384, 4_096, 300, 120, 3_600, 86_400, TollPolicy.defaults());
  }

  public EngineOptions withServiceHealth(boolean on) {
    return new EngineOptions(
        sourceCapacity,
        tollCapacity,
        idleSeconds,
        quietSeconds,
        baselineHalfLifeSeconds,
        warmupSeconds,
        tollPolicy,
        on);
  }

  public EngineOptions withWarmup(long seconds) {
    return new EngineOptions(
        sourceCapacity,
        tollCapacity,
        idleSeconds,
        quietSeconds,
        baselineHalfLifeSeconds,
        seconds,
        tollPolicy,
        serviceHealth);
  }

  public EngineOptions withSourceCapacity(int capacity) {
    return new EngineOptions(
        capacity,
        tollCapacity,
        idleSeconds,
        quietSeconds,
        baselineHalfLifeSeconds,
        warmupSeconds,
        tollPolicy,
        serviceHealth);
  }
}
