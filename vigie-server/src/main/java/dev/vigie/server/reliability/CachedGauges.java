package dev.vigie.server.reliability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Gauges whose value comes from the database, read on a background thread every period and kept in
 * memory: a Prometheus scrape of {@code /metrics} never waits for the database (during an outage
 * the last value read stays, and {@code vigie_gauge_refresh_failures_total} counts the failed
 * reads).
 */
public final class CachedGauges implements AutoCloseable {
  private record Entry(LongSupplier read, AtomicLong value) {}

  private final MeterRegistry metrics;
  private final List<Entry> entries = new CopyOnWriteArrayList<>();
  private final AtomicLong failures = new AtomicLong();
  private ScheduledExecutorService timer;

  public CachedGauges(MeterRegistry metrics) {
    this.metrics = metrics;
    metrics.more().counter("vigie_gauge_refresh_failures_total", List.of(), failures);
  }

  /**
   * Registers a gauge {@code name} whose value {@code read} gives (read once now, then on tick).
   */
  public void gauge(String name, String description, LongSupplier read) {
    AtomicLong v = new AtomicLong();
    Entry e = new Entry(read, v);
    refresh(e);
    entries.add(e);
    Gauge.builder(name, v, AtomicLong::get).description(description).register(metrics);
  }

  public CachedGauges start(long periodMillis) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("vigie-gauges").daemon(true).unstarted(r));
    timer.scheduleWithFixedDelay(
        () -> entries.forEach(this::refresh), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    return this;
  }

  private void refresh(Entry e) {
    try {
      e.value().set(e.read().getAsLong());
    } catch (RuntimeException x) {
      failures.incrementAndGet();
    }
  }

  @Override
  public void close() {
    if (timer != null) timer.shutdownNow();
  }
}
