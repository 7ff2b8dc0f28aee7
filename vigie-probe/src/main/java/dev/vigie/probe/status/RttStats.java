package dev.vigie.probe.status;

import java.time.Duration;

/**
 * Round-trip times over the last results of a target. RTTs count only for answered probes (UP and
 * MAINTENANCE); {@code results} counts every result kept, {@code answered} those with an RTT. The
 * durations are {@link Duration#ZERO} when nothing was answered. {@code p95} is the nearest-rank
 * 95th percentile.
 */
public record RttStats(
    int results, int answered, Duration min, Duration avg, Duration max, Duration p95) {
  public static final RttStats EMPTY =
      new RttStats(0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  /** Share of kept results that were answered, 0..1 (0 when there are none). */
  public double answeredRatio() {
    return results == 0 ? 0 : (double) answered / results;
  }
}
