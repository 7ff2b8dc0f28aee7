package dev.vigie.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@link ProbeScheduler#checkAll()}: one item per target in configuration order, when
 * the check started (injected clock) and how long it took (monotonic time).
 */
public record Checklist(Instant startedAt, Duration took, List<CheckItem> items) {
  public Checklist {
    items = List.copyOf(items);
  }

  public long up() {
    return items.stream().filter(CheckItem::ok).count();
  }

  public long maintenance() {
    return items.stream().filter(i -> i.result() instanceof ProbeResult.Maintenance).count();
  }

  public long failed() {
    return items.stream().filter(i -> i.result() instanceof ProbeResult.Failed).count();
  }

  /** The checklist as text, failures first, then maintenance, then the targets that answered. */
  public String text() {
    StringBuilder b = new StringBuilder();
    b.append(items.size()).append(" targets checked in ").append(took.toMillis()).append(" ms: ");
    b.append(up()).append(" up, ").append(maintenance()).append(" in maintenance, ");
    b.append(failed()).append(" failed\n");
    for (int pass = 0; pass < 3; pass++) {
      for (CheckItem i : items) {
        int rank =
            switch (i.result()) {
              case ProbeResult.Failed f -> 0;
              case ProbeResult.Maintenance m -> 1;
              case ProbeResult.Up u -> 2;
            };
        if (rank == pass) b.append(i.line()).append('\n');
      }
    }
    return b.toString();
  }
}
