package dev.vigie.incident.notify;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for failed sends.
 *
 * <p>After the {@code n}-th failed attempt the next one is scheduled after {@code min(maxDelay,
 * initialDelay * 2^(n-1))}, shortened by a random fraction of up to {@code jitter} so that
 * notifications failing together (an SMTP outage) do not all retry in the same second. With the
 * defaults: about 30 s, 1 min, 2 min, 4 min, 8 min, 16 min, then every 30 min; the 16th failure is
 * final, about 5 h after the first attempt.
 *
 * @param initialDelay the delay after the first failure
 * @param maxDelay the cap
 * @param maxAttempts attempts before a transient failure becomes permanent
 * @param jitter fraction in [0, 1) removed at random from each delay
 */
public record RetryPolicy(
    Duration initialDelay, Duration maxDelay, int maxAttempts, double jitter) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(30), 16, 0.2);

  public RetryPolicy {
    if (initialDelay == null || initialDelay.isNegative() || initialDelay.isZero()) {
      throw new IllegalArgumentException(
          "notifications.retry.initialDelay: must be positive, got " + initialDelay);
    }
    if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "notifications.retry.maxDelay: must be >= initialDelay ("
              + initialDelay
              + "), got "
              + maxDelay);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "notifications.retry.maxAttempts: must be >= 1, got " + maxAttempts);
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new IllegalArgumentException(
          "notifications.retry.jitter: must be in [0, 1), got " + jitter);
    }
  }

  /** The delay before the next attempt without jitter, after {@code failures} failures (>= 1). */
  public Duration baseDelay(int failures) {
    int doublings = Math.min(Math.max(failures, 1) - 1, 40);
    Duration delay = initialDelay;
    for (int i = 0; i < doublings && delay.compareTo(maxDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  /** {@link #baseDelay} minus a random fraction in {@code [0, jitter)} of it. */
  public Duration delay(int failures, RandomGenerator random) {
    Duration base = baseDelay(failures);
    long millis = base.toMillis();
    return Duration.ofMillis(millis - (long) (millis * jitter * random.nextDouble()));
  }

  /** Whether a transient failure on attempt {@code attempts} is the last one allowed. */
  public boolean exhausted(int attempts) {
    return attempts >= maxAttempts;
  }
}
