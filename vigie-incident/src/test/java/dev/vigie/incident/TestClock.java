package dev.vigie.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A settable clock for tests. */
public final class TestClock implements InstantSource {
  private volatile Instant now;

  public TestClock(Instant start) {
    this.now = start;
  }

  /** Paris wall-clock time, as the seed report writes it. */
  public static Instant paris(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(ZoneId.of("Europe/Paris")).toInstant();
  }

  @Override
  public Instant instant() {
    return now;
  }

  public void set(Instant at) {
    now = at;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }
}
