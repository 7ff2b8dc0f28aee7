package dev.vigie.bench;

import dev.vigie.detect.window.BoundedTable;
import dev.vigie.wire.IpAddress;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The cost of one {@link BoundedTable#count} (the per-request lookup of a remote source's state) by
 * number of distinct sources: few (hot in cache), more than the caches hold, and a spoofed flood of
 * a million one-packet addresses that replaces the lightest key on every packet (the table at its
 * capacity of 16,384). CPU time of this thread and bytes allocated per call, lowest of ten rounds
 * after two of warm-up.
 *
 * <p>{@code java -cp vigie-bench/target/benchmarks.jar dev.vigie.bench.BoundedTableCost}
 */
public final class BoundedTableCost {
  private BoundedTableCost() {}

  /** A slot of the size class of a small state (the benchmark measures the table, not a state). */
  private static final class Slot extends BoundedTable.Slot<IpAddress> {
    @Override
    protected void reset() {}
  }

  public static void main(String[] args) {
    com.sun.management.ThreadMXBean t =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int n = 4_000_000;
    for (int keys : new int[] {1_000, 12_000, 1_000_000}) {
      IpAddress[] sources = new IpAddress[n];
      SplittableRandom r = new SplittableRandom(1);
      for (int i = 0; i < n; i++) sources[i] = IpAddress.v4(0x0A000000L + r.nextInt(keys));
      double best = Double.MAX_VALUE;
      long bytes = 0;
      long sink = 0;
      for (int round = 0; round < 12; round++) {
        BoundedTable<IpAddress, Slot> table = new BoundedTable<>(16_384, Slot::new);
        long a0 = t.getCurrentThreadAllocatedBytes();
        long c0 = t.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) sink += table.count(sources[i], 1, i >> 16).weight();
        double ns = (t.getCurrentThreadCpuTime() - c0) / (double) n;
        if (round >= 2) {
          best = Math.min(best, ns);
          bytes = (t.getCurrentThreadAllocatedBytes() - a0) / n;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%,d distinct sources: %.1f ns per count (lowest round), %d B allocated per count%s%n",
          keys,
          best,
          bytes,
          sink == 42 ? " " : "");
    }
  }
}
