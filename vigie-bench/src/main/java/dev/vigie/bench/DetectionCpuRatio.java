package dev.vigie.bench;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The same two workloads as {@link DetectionBenchmark}, timed in CPU time of the running thread
 * (alternating, after a warm-up), for a shared machine where wall-clock JMH scores swing with the
 * other processes' load. Prints messages per CPU-second for each and their ratio.
 *
 * <p>{@code java -cp vigie-bench/target/benchmarks.jar dev.vigie.bench.DetectionCpuRatio [rounds]}
 */
public final class DetectionCpuRatio {
  private DetectionCpuRatio() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    DetectionBenchmark b = new DetectionBenchmark();
    b.setUp();
    Blackhole bh =
        new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    com.sun.management.ThreadMXBean t =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 300; i++) {
      b.framingOnly(bh);
      b.withDetection();
    }
    long framing = 0;
    long detection = 0;
    long messages = 0;
    long allocFraming = 0;
    long allocDetection = 0;
    for (int r = 0; r < rounds; r++) {
      long a0 = t.getCurrentThreadAllocatedBytes();
      long c0 = t.getCurrentThreadCpuTime();
      for (int i = 0; i < 20; i++) messages += b.framingOnly(bh);
      long c1 = t.getCurrentThreadCpuTime();
      long a1 = t.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 20; i++) b.withDetection();
      long c2 = t.getCurrentThreadCpuTime();
      allocFraming += a1 - a0;
      allocDetection += t.getCurrentThreadAllocatedBytes() - a1;
      framing += c1 - c0;
      detection += c2 - c1;
    }
    double f = messages / (framing / 1e9);
    double d = messages / (detection / 1e9);
    System.out.printf(
        "framing only: %.0f msg/CPU-s, %d B/msg; with detection: %.0f msg/CPU-s, %d B/msg;"
            + " ratio %.2f%n",
        f, allocFraming / messages, d, allocDetection / messages, d / f);
  }
}
