package dev.vigie.incident.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand. */
final class TestClock implements InstantSource {
  private Instant now;

  TestClock(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  synchronized void advance(Duration step) {
    now = now.plus(step);
  }

  synchronized void set(Instant at) {
    now = at;
  }
}
