package dev.vigie.probe;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand. Thread-safe. */
public final class TestClock implements InstantSource {
  private volatile Instant now;

  public TestClock(Instant start) {
    now = start;
  }

  @Override
  public Instant instant() {
    return now;
  }

  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }
}
