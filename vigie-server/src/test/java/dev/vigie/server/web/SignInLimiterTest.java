package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInLimiterTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-11-24T08:00:00Z"));
  private final SignInLimiter limiter = new SignInLimiter(clock);

  @Test
  void threeFreeFailuresThenDelaysThatDouble() {
    for (int i = 0; i < SignInLimiter.FREE_PER_PAIR; i++) {
      assertThat(limiter.admit("10.0.0.1", "admin")).isZero();
    }
    assertThat(limiter.admit("10.0.0.1", "admin")).isEqualTo(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.admit("10.0.0.1", "admin")).isZero();
    assertThat(limiter.admit("10.0.0.1", "admin")).isEqualTo(Duration.ofSeconds(2));
    clock.advance(Duration.ofSeconds(2));
    assertThat(limiter.admit("10.0.0.1", "admin")).isZero();
    assertThat(limiter.admit("10.0.0.1", "admin")).isEqualTo(Duration.ofSeconds(4));
    assertThat(limiter.admitted()).isEqualTo(5);
    assertThat(limiter.refused()).isEqualTo(3);
  }

  @Test
  void aLockedUserCanSignInFromAnAddressThatHasNotFailed() {
    for (int i = 0; i < 10; i++) limiter.admit("10.0.0.1", "admin");
    assertThat(limiter.admit("10.0.0.1", "admin")).isPositive();
    assertThat(limiter.admit("10.0.0.2", "admin")).isZero();
    limiter.succeeded("10.0.0.2", "admin");
    assertThat(limiter.admit("10.0.0.1", "bob")).as("same address, other user").isZero();
  }

  @Test
  void anAddressSprayingUserNamesIsDelayed() {
    for (int i = 0; i < SignInLimiter.FREE_PER_ADDRESS; i++) {
      assertThat(limiter.admit("10.0.0.9", "user" + i)).isZero();
    }
    assertThat(limiter.admit("10.0.0.9", "someone-else")).isEqualTo(Duration.ofSeconds(1));
    assertThat(limiter.admit("10.0.0.8", "someone-else")).isZero();
  }

  @Test
  void aSuccessClearsThePairAndRecordsAreForgotten() {
    for (int i = 0; i < 2; i++) limiter.admit("10.0.0.1", "admin");
    limiter.succeeded("10.0.0.1", "admin");
    for (int i = 0; i < 3; i++) assertThat(limiter.admit("10.0.0.1", "admin")).isZero();
    assertThat(limiter.admit("10.0.0.1", "admin")).isPositive();
    clock.advance(SignInLimiter.FORGET);
    assertThat(limiter.admit("10.0.0.1", "admin")).isZero();
  }

  @Test
  void delaysAreCapped() {
    assertThat(SignInLimiter.delay(2, 3)).isZero();
    assertThat(SignInLimiter.delay(3, 3)).isEqualTo(Duration.ofSeconds(1));
    assertThat(SignInLimiter.delay(12, 3)).isEqualTo(Duration.ofSeconds(512));
    assertThat(SignInLimiter.delay(13, 3)).isEqualTo(SignInLimiter.MAX_DELAY);
    assertThat(SignInLimiter.delay(1000, 3)).isEqualTo(SignInLimiter.MAX_DELAY);
  }

  @Test
  void memoryIsBounded() {
    for (int i = 0; i < SignInLimiter.MAX_KEYS + 500; i++) limiter.admit("10.0." + i, "u" + i);
    // the oldest records went; the newest remain
    for (int i = 0; i < 3; i++) limiter.admit("10.0.1", "x");
    assertThat(limiter.admit("10.0.1", "x")).isPositive();
  }
}
