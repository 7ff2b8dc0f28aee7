package dev.vigie.bench;

import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.capture.CaptureDecoder;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The detection engine's own cost per message, with the service-health signals on and off, in one
 * JVM: the lab captures of {@link DetectionBenchmark} are decoded once, then two long-lived engines
 * (health on, health off) are fed the same events in alternating blocks, each timed by the CPU time
 * of this thread. No decoding, no framing and (after the first pass) none of the message fields the
 * engine reads lazily, whose parse stays cached in the events: what is left is the engine's own
 * bookkeeping and its memory accesses, which {@link DetectionCpuRatio} cannot tell apart from the
 * framing it is interleaved with. Both engines in one JVM see the same machine at the same time, so
 * their difference (the health signals' bookkeeping) is steadier than the ratio's.
 *
 * <p>{@code java -cp vigie-bench/target/benchmarks.jar dev.vigie.bench.EngineCost [rounds]} from
 * the repository root. Prints the median and lowest nanoseconds per message of each engine.
 */
public final class EngineCost {
  private EngineCost() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    List<SipEvent> events = new ArrayList<>();
    for (byte[] b : DetectionBenchmark.labCaptures()) CaptureDecoder.read(b, events::add);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (SipEvent e : events) {
      min = Math.min(min, e.timestampMicros());
      max = Math.max(max, e.timestampMicros());
    }
    long span = max - min + 1_000_000;
    Fed on = new Fed(engine(true), events, span);
    Fed off = new Fed(engine(false), events, span);
    com.sun.management.ThreadMXBean t =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 400; i++) {
      on.pass();
      off.pass();
    }
    double[] nsOn = new double[rounds];
    double[] nsOff = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 2; k++) {
        boolean health = (k == 0) == (r % 2 == 0);
        Fed f = health ? on : off;
        long c0 = t.getCurrentThreadCpuTime();
        for (int i = 0; i < 40; i++) f.pass();
        double ns = (t.getCurrentThreadCpuTime() - c0) / (40.0 * events.size());
        if (health) nsOn[r] = ns;
        else nsOff[r] = ns;
      }
    }
    Arrays.sort(nsOn);
    Arrays.sort(nsOff);
    System.out.printf(
        Locale.ROOT,
        "engine CPU per message (%d events, %d rounds): health on median %.1f ns (lowest %.1f),"
            + " health off median %.1f ns (lowest %.1f)%n",
        events.size(),
        rounds,
        nsOn[rounds / 2],
        nsOn[0],
        nsOff[rounds / 2],
        nsOff[0]);
  }

  private static DetectionEngine engine(boolean health) {
    Inventory inv = DetectionBenchmark.labInventory();
    return new DetectionEngine(
        inv,
        new ThresholdRegistry(inv.thresholds(Thresholds.defaults())),
        a -> {},
        EngineOptions.defaults().withServiceHealth(health));
  }

  /** One engine and its own clock offset: each pass comes after the previous one in time. */
  private static final class Fed {
    private final DetectionEngine engine;
    private final List<SipEvent> events;
    private final long span;
    private long offset;

    Fed(DetectionEngine engine, List<SipEvent> events, long span) {
      this.engine = engine;
      this.events = events;
      this.span = span;
    }

    void pass() {
      long off = offset;
      for (SipEvent e : events) engine.onSip(e.withTimestamp(e.timestampMicros() + off));
      offset += span;
    }
  }
}
