package dev.vigie.bench;

import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.capture.CaptureDecoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The detection-over-framing ratio of {@link CaptureBenchmark}, measured so that it survives a
 * shared, noisy machine: framing-only and with-detection passes over the same in-memory capture
 * alternate in one JVM (A B, then B A, ...), each timed by the process CPU time it got (all
 * threads: GC included), by its own thread's CPU time, and by the wall clock. Load that drifts
 * during the run hits both sides of a pair alike; the per-pair ratios give a mean and a 95%
 * confidence interval (Student t), and their median (a round hit by a GC pause of the 1 M events of
 * the previous pass skews the mean, not the median).
 *
 * <p>Usage: {@code java -Xmx2g -Dvigie.bench.capture=FILE -cp benchmarks.jar
 * dev.vigie.bench.AnalysisRatio [ROUNDS] [WARMUP]} (defaults 20 and 5). Prints one line per round
 * and a JSON summary.
 */
public final class AnalysisRatio {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private AnalysisRatio() {}

  private record Pass(long messages, long processCpu, long threadCpu, long wall) {}

  private static Pass run(byte[] capture, boolean detect) {
    long c0 = OS.getProcessCpuTime();
    long t0 = THREADS.getCurrentThreadCpuTime();
    long w0 = System.nanoTime();
    long[] n = new long[1];
    Object[] sinkHole = new Object[1];
    if (detect) {
      DetectionEngine engine =
          new DetectionEngine(BenchCapture.inventory(), Thresholds.defaults(), a -> {});
      CaptureDecoder.read(
          capture,
          e -> {
            n[0]++;
            engine.onSip(e);
          });
      engine.finish();
      sinkHole[0] = engine.alerts();
    } else {
      CaptureDecoder.read(
          capture,
          e -> {
            n[0]++;
            sinkHole[0] = e;
          });
    }
    if (sinkHole[0] == null) throw new IllegalStateException("no SIP in the capture");
    return new Pass(
        n[0],
        OS.getProcessCpuTime() - c0,
        THREADS.getCurrentThreadCpuTime() - t0,
        System.nanoTime() - w0);
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    byte[] capture = BenchCapture.bytes();
    for (int i = 0; i < warmup; i++) {
      run(capture, false);
      run(capture, true);
    }
    List<double[]> ratios = new ArrayList<>(); // process cpu, thread cpu, wall
    double[] frame = new double[3];
    double[] detect = new double[3];
    for (int r = 0; r < rounds; r++) {
      boolean detectFirst = r % 2 == 1;
      Pass a = run(capture, detectFirst);
      Pass b = run(capture, !detectFirst);
      Pass f = detectFirst ? b : a;
      Pass d = detectFirst ? a : b;
      double[] fr = rates(f);
      double[] dr = rates(d);
      for (int k = 0; k < 3; k++) {
        frame[k] += fr[k] / rounds;
        detect[k] += dr[k] / rounds;
      }
      ratios.add(new double[] {dr[0] / fr[0], dr[1] / fr[1], dr[2] / fr[2]});
      System.out.printf(
          Locale.ROOT,
          "round %2d: framing %.2f M msg/cpu-s, detection %.2f M msg/cpu-s, ratio %.3f"
              + " (thread cpu %.3f, wall %.3f)%n",
          r,
          fr[0] / 1e6,
          dr[0] / 1e6,
          dr[0] / fr[0],
          dr[1] / fr[1],
          dr[2] / fr[2]);
    }
    StringBuilder json = new StringBuilder("{\"rounds\":").append(rounds);
    String[] names = {"processCpu", "threadCpu", "wall"};
    for (int k = 0; k < 3; k++) {
      double mean = 0;
      for (double[] x : ratios) mean += x[k] / rounds;
      double var = 0;
      for (double[] x : ratios) var += (x[k] - mean) * (x[k] - mean) / (rounds - 1);
      double half = 2.093 * Math.sqrt(var / rounds); // t(0.975, 19); close enough for 15-30
      final int col = k;
      double[] sorted = ratios.stream().mapToDouble(x -> x[col]).sorted().toArray();
      double median = (sorted[(rounds - 1) / 2] + sorted[rounds / 2]) / 2;
      json.append(
          String.format(
              Locale.ROOT,
              ",\"%s\":{\"framingMsgPerS\":%.0f,\"detectionMsgPerS\":%.0f,\"ratio\":%.4f,"
                  + "\"ratioCi95\":%.4f,\"ratioMedian\":%.4f}",
              names[k],
              frame[k],
              detect[k],
              mean,
              half,
              median));
    }
    System.out.println(json.append('}'));
  }

  private static double[] rates(Pass p) {
    return new double[] {
      p.messages * 1e9 / p.processCpu, p.messages * 1e9 / p.threadCpu, p.messages * 1e9 / p.wall
    };
  }
}
