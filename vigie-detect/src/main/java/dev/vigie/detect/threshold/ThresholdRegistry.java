package dev.vigie.detect.threshold;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The one place thresholds are read from. Holds the current immutable {@link Thresholds} snapshot;
 * a change (from the API, a config reload) swaps a new snapshot atomically, and the next rule
 * evaluation sees it. Safe to read and update from any thread.
 */
public final class ThresholdRegistry {
  private final AtomicReference<Thresholds> current;

  public ThresholdRegistry(Thresholds initial) {
    this.current = new AtomicReference<>(initial);
  }

  public Thresholds current() {
    return current.get();
  }

  /** Replaces the snapshot with {@code change(current)}; returns the new snapshot. */
  public Thresholds update(UnaryOperator<Thresholds> change) {
    return current.updateAndGet(change);
  }

  public void set(Thresholds t) {
    current.set(t);
  }
}
