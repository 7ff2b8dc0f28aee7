package dev.vigie.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The same two workloads as {@link DetectionBenchmark}, timed in CPU time of the running thread,
 * for a shared machine where wall-clock JMH scores swing with the other processes' load. After a
 * warm-up, each round times a block of framing-only passes and a block of passes with detection,
 * alternating which goes first (A B, B A, ...) so that drifting load hits both alike; the ratio of
 * each round gives a mean, a median and a 95% confidence interval. Prints messages per CPU-second
 * for each and the ratios, after a line with the ratio of the fastest round of each side (the least
 * disturbed by the host's other tenants).
 *
 * <p>{@code java -cp vigie-bench/target/benchmarks.jar dev.vigie.bench.DetectionCpuRatio [rounds]}
 * ({@code -Dvigie.captures=flood,svmap} picks captures, as for the JMH benchmark).
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
    double[] ratios = new double[rounds];
    long bestFraming = Long.MAX_VALUE;
    long bestDetection = Long.MAX_VALUE;
    long perRound = 0;
    for (int r = 0; r < rounds; r++) {
      long f = 0;
      long d = 0;
      long n = 0;
      for (int k = 0; k < 2; k++) {
        boolean detect = (k == 0) == (r % 2 == 1);
        long a0 = t.getCurrentThreadAllocatedBytes();
        long c0 = t.getCurrentThreadCpuTime();
        for (int i = 0; i < 20; i++) {
          if (detect) b.withDetection();
          else n += b.framingOnly(bh);
        }
        long cpu = t.getCurrentThreadCpuTime() - c0;
        long alloc = t.getCurrentThreadAllocatedBytes() - a0;
        if (detect) {
          d = cpu;
          allocDetection += alloc;
        } else {
          f = cpu;
          allocFraming += alloc;
        }
      }
      framing += f;
      detection += d;
      messages += n;
      perRound = n;
      bestFraming = Math.min(bestFraming, f);
      bestDetection = Math.min(bestDetection, d);
      ratios[r] = (double) f / d; // same messages on both sides: the throughput ratio
    }
    double fr = messages / (framing / 1e9);
    double dr = messages / (detection / 1e9);
    double mean = Arrays.stream(ratios).average().orElse(0);
    double var = 0;
    for (double x : ratios) var += (x - mean) * (x - mean) / Math.max(1, rounds - 1);
    double[] sorted = ratios.clone();
    Arrays.sort(sorted);
    // the least disturbed round of each side: what the host's other tenants add is left out (on a
    // shared VM they slow the engine's random memory accesses more than the framing's streaming)
    System.out.printf(
        Locale.ROOT,
        "fastest rounds: framing only %.0f msg/CPU-s, with detection %.0f msg/CPU-s, ratio %.3f%n",
        perRound / (bestFraming / 1e9),
        perRound / (bestDetection / 1e9),
        (double) bestFraming / bestDetection);
    System.out.printf(
        Locale.ROOT,
        "framing only: %.0f msg/CPU-s, %d B/msg; with detection: %.0f msg/CPU-s, %d B/msg;"
            + " ratio %.3f (per round: mean %.3f +- %.3f (95%%), median %.3f, %d rounds)%n",
        fr,
        allocFraming / messages,
        dr,
        allocDetection / messages,
        dr / fr,
        mean,
        1.96 * Math.sqrt(var / rounds),
        sorted[rounds / 2],
        rounds);
  }
}
