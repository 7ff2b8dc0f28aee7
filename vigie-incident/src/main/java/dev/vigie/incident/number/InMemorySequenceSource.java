package dev.vigie.incident.number;

import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link SequenceSource} in memory, for tests and the in-memory store: one {@link AtomicInteger}
 * per day in a {@link ConcurrentHashMap}. Thread-safe and lock-free per day after the first call;
 * O(1) per number. Memory grows by one entry per day that had an incident.
 */
public final class InMemorySequenceSource implements SequenceSource {
  private final ConcurrentHashMap<LocalDate, AtomicInteger> counters = new ConcurrentHashMap<>();

  @Override
  public int next(LocalDate day) {
    return counters.computeIfAbsent(day, d -> new AtomicInteger()).incrementAndGet();
  }
}
