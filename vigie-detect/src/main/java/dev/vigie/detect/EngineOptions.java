package dev.vigie.detect;

import dev.vigie.detect.toll.TollPolicy;

/**
 * Sizing and timing of a {@link DetectionEngine}. Memory is bounded by the capacities: about 4 KB
 * per source slot and 1 KB per toll slot (whatever the callers write: an extension is kept to 64
 * characters, a longer Call-ID as its digest), about 100 bytes per call in progress (65,536 at
 * most), plus 192 KB for the transaction table.
 *
 * @param sourceCapacity remote sources tracked at once (Space-Saving: the heaviest always are)
 * @param tollCapacity calling extensions tracked at once for toll-fraud rules
 * @param idleSeconds a source or extension silent this long is forgotten
 * @param quietSeconds an episode without a finding for this long is closed
 * @param baselineHalfLifeSeconds EWMA half-life of machine baselines, in observed seconds
 * @param warmupSeconds observed seconds before a machine baseline is used (thresholds only before)
 * @param tollPolicy premium-range deny-list
 * @param serviceHealth passive service health (SERVICE_DEGRADED) on; off only to measure its cost
 * @param tableKey a secret mixed into the keys of the engine's tables (transactions, the health
 *     index, the tokens issued, the indexes of sources and extensions), so that nobody can compute
 *     offline which requests or addresses share a slot and aim some at it: to push a transaction of
 *     their own out (a failed login then no longer counts as one) or to make every lookup walk one
 *     long probe run; 0 in {@link #defaults()}, whose results are then reproducible, a random one
 *     in the live service ({@link #withRandomTableKey()})
 */
public record EngineOptions(
    int sourceCapacity,
    int tollCapacity,
    long idleSeconds,
    long quietSeconds,
    long baselineHalfLifeSeconds,
    long warmupSeconds,
    TollPolicy tollPolicy,
    boolean serviceHealth,
    long tableKey) {

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
        true,
        0);
  }

  public static EngineOptions defaults() {
    return new EngineOptions(16_384, 4_096, 300, 120, 3_600, 86_400, TollPolicy.defaults());
  }

  public EngineOptions withServiceHealth(boolean on) {
    return with(sourceCapacity, warmupSeconds, on, tableKey);
  }

  public EngineOptions withWarmup(long seconds) {
    return with(sourceCapacity, seconds, serviceHealth, tableKey);
  }

  public EngineOptions withSourceCapacity(int capacity) {
    return with(capacity, warmupSeconds, serviceHealth, tableKey);
  }

  /** The same options with a table key drawn from {@link java.security.SecureRandom}. */
  public EngineOptions withRandomTableKey() {
    long key = 0;
    while (key == 0) key = new java.security.SecureRandom().nextLong();
    return withTableKey(key);
  }

  public EngineOptions withTableKey(long key) {
    return with(sourceCapacity, warmupSeconds, serviceHealth, key);
  }

  /** These options with the fields the {@code with} methods change given. */
  private EngineOptions with(int sources, long warmup, boolean health, long key) {
    return new EngineOptions(
        sources,
        tollCapacity,
        idleSeconds,
        quietSeconds,
        baselineHalfLifeSeconds,
        warmup,
        tollPolicy,
        health,
        key);
  }
}
