package dev.vigie.contain.config;

import java.time.Duration;

/**
 * How far containment trusts what it is told about a source. A source never proven (no challenge
 * answered, no dialog continued, no connection) may be a spoofed address: Vigie asks about it
 * instead of blocking it, and those questions draw on their own budget, {@code unprovenAsks} per
 * sliding {@code unprovenWindow}, beyond which they are only recorded; the budget of automatic
 * actions ({@link ActionCap}) is never touched by them.
 *
 * @param unprovenAsks questions about unproven sources allowed per window (0: record only)
 * @param unprovenWindow the sliding window of that budget
 * @param loneProbeRequests a SCAN of at most this many requests is a lone probe: never blocked
 * @param knownGoodDays an address where phones registered successfully within this many days is
 *     known-good: never blocked automatically
 * @param knownGoodMax known-good addresses kept at most (the least recently seen go first)
 */
public record TrustConfig(
    int unprovenAsks,
    Duration unprovenWindow,
    int loneProbeRequests,
    int knownGoodDays,
    int knownGoodMax) {

  public TrustConfig {
    if (unprovenAsks < 0) {
      throw new ConfigException(
          "containment.trust.unprovenAsks.maxAsks", unprovenAsks, "a count >= 0");
    }
    if (unprovenWindow == null || unprovenWindow.isNegative() || unprovenWindow.isZero()) {
      throw new ConfigException(
          "containment.trust.unprovenAsks.window", unprovenWindow, "a positive duration");
    }
    if (loneProbeRequests < 0) {
      throw new ConfigException(
          "containment.trust.loneProbeRequests", loneProbeRequests, "a count >= 0");
    }
    if (knownGoodDays < 1 || knownGoodDays > 366) {
      throw new ConfigException(
          "containment.trust.knownGood.days", knownGoodDays, "a number of days from 1 to 366");
    }
    if (knownGoodMax < 1 || knownGoodMax > 1_000_000) {
      throw new ConfigException(
          "containment.trust.knownGood.maxAddresses", knownGoodMax, "a count from 1 to 1000000");
    }
  }

  /** 5 questions about unproven sources per 5 minutes, lone probe up to 3 requests, 7 days. */
  public static TrustConfig defaults() {
    return new TrustConfig(5, Duration.ofMinutes(5), 3, 7, 10_000);
  }
}
