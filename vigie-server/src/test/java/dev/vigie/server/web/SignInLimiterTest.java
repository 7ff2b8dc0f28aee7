package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInLimiterTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-11-24T08:00:00Z"));
  private final SignInLimiter limiter = new SignInLimiter(clock);

  @Test
  void fiveFailuresInAMinuteLockForAMinuteThenTheLockDoubles() {
    for (int i = 0; i < 4; i++) {
      assertThat(limiter.retryAfter("10.0.0.1", "admin")).isZero();
      limiter.failed("10.0.0.1", "admin");
    }
    assertThat(limiter.retryAfter("10.0.0.1", "admin")).isZero();
    limiter.failed("10.0.0.1", "admin"); // 5th
    assertThat(limiter.retryAfter("10.0.0.1", "admin")).isEqualTo(Duration.ofMinutes(1));
    // locked per user from another address, and per address for another user
    assertThat(limiter.retryAfter("10.0.0.2", "admin")).isPositive();
    assertThat(limiter.retryAfter("10.0.0.1", "bob")).isPositive();
    assertThat(limiter.retryAfter("10.0.0.2", "bob")).isZero();
    clock.advance(Duration.ofSeconds(61));
    assertThat(limiter.retryAfter("10.0.0.1", "admin")).isZero();
    for (int i = 0; i < 5; i++) limiter.failed("10.0.0.1", "admin");
    assertThat(limiter.retryAfter("10.0.0.1", "admin")).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void failuresSpreadOverMoreThanAMinuteDoNotLock() {
    for (int i = 0; i < 12; i++) {
      limiter.failed("10.0.0.1", "admin");
      clock.advance(Duration.ofSeconds(20));
      if (i % 3 == 2) clock.advance(Duration.ofSeconds(1));
    }
    // at most 4 failures in any window that starts with one
    assertThat(limiter.retryAfter("10.0.0.1", "admin")).isZero();
  }

  @Test
  void aSuccessClearsTheRecord() {
    for (int i = 0; i < 4; i++) limiter.failed("10.0.0.1", "admin");
    limiter.succeeded("10.0.0.1", "admin");
    limiter.failed("10.0.0.1", "admin");
    assertThat(limiter.retryAfter("10.0.0.1", "admin")).isZero();
  }

  @Test
  void memoryIsBounded() {
    for (int i = 0; i < SignInLimiter.MAX_KEYS + 500; i++) limiter.failed("10.0." + i, "u" + i);
    // the oldest records went; the newest remain
    for (int i = 0; i < 4; i++) limiter.failed("10.0.1", "x");
    assertThat(limiter.retryAfter("10.0.1", "x")).isZero();
  }
}
