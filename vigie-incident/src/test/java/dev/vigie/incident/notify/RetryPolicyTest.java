package dev.vigie.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

  @ParameterizedTest(name = "after {0} failures wait {1}")
  @CsvSource({
    "1, PT30S", // first retry after the initial delay
    "2, PT1M", // then doubling
    "3, PT2M",
    "4, PT4M",
    "6, PT16M",
    "7, PT30M", // 32 min capped at 30
    "15, PT30M", // stays at the cap
    "1000, PT30M" // no overflow for absurd counts
  })
  void defaultScheduleDoublesUpToTheCap(int failures, Duration expected) {
    assertThat(RetryPolicy.DEFAULT.baseDelay(failures)).isEqualTo(expected);
  }

  @Test
  void jitterOnlyShortensByUpToTwentyPercent() {
    RandomGenerator random = new SplittableRandom(7);
    for (int failures = 1; failures <= 10; failures++) {
      Duration base = RetryPolicy.DEFAULT.baseDelay(failures);
      for (int i = 0; i < 200; i++) {
        Duration delay = RetryPolicy.DEFAULT.delay(failures, random);
        assertThat(delay)
            .isLessThanOrEqualTo(base)
            .isGreaterThan(base.multipliedBy(8).dividedBy(10));
      }
    }
  }

  @Test
  void jitterSpreadsRetriesThatFailedTogether() {
    RandomGenerator random = new SplittableRandom(1);
    long distinct =
        java.util.stream.IntStream.range(0, 50)
            .mapToObj(i -> RetryPolicy.DEFAULT.delay(3, random))
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(40);
  }

  @Test
  void exhaustedAtMaxAttempts() {
    assertThat(RetryPolicy.DEFAULT.exhausted(15)).isFalse();
    assertThat(RetryPolicy.DEFAULT.exhausted(16)).isTrue();
  }

  @Test
  void badSettingsNameTheKey() {
    assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofMinutes(1), 3, 0.1))
        .hasMessage("notifications.retry.initialDelay: must be positive, got PT0S");
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofMinutes(2), Duration.ofMinutes(1), 3, 0.1))
        .hasMessage("notifications.retry.maxDelay: must be >= initialDelay (PT2M), got PT1M");
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), 0, 0.1))
        .hasMessage("notifications.retry.maxAttempts: must be >= 1, got 0");
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), 3, 1.0))
        .hasMessage("notifications.retry.jitter: must be in [0, 1), got 1.0");
  }
}
