package dev.vigie.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Two builds of {@link DetectionBenchmark} (or one build with the service-health signals on and
 * off) in one JVM, their passes interleaved, each pass timed alone by the CPU time of this thread.
 * Each build is loaded from its own {@code benchmarks.jar} in a class loader of its own, so the two
 * see the same machine at the same moment: what the host's other tenants do hits both alike, which
 * separate JVMs ({@code bench/health-runs.sh}) only average out over many runs.
 *
 * <p>Prints, per build, the low quantiles of the single-pass times of framing only and with
 * detection (a pass is 6,043 messages, 2 to 4 ms): the 5% quantile is the least disturbed by the
 * host and moves by about 0.01 from one run to the next, the median by 0.03. Then the rounds'
 * ratios (a round is {@code per} passes of each side, alternating) and their paired difference. The
 * build listed second came out 0.005-0.01 slower in A/A runs: run both orders.
 *
 * <p>{@code java -cp vigie-bench/target/benchmarks.jar dev.vigie.bench.PairedPasses ROUNDS
 * A.jar[@health=false] B.jar[@health=false]} from the repository root ({@code -Dper=10} passes per
 * side and round).
 */
public final class PairedPasses {
  private PairedPasses() {}

  private static final class Build {
    final String name;
    final MethodHandle framing;
    final MethodHandle detect;
    final long[][] passes; // [0] framing, [1] detection: CPU ns of each pass
    int n;

    Build(String spec, int maxPasses) throws Exception {
      int at = spec.indexOf("@health=");
      String jar = at < 0 ? spec : spec.substring(0, at);
      // DetectionBenchmark reads it in setUp: each build keeps what it was given
      System.setProperty("vigie.health", at < 0 ? "true" : spec.substring(at + 8));
      name = spec;
      ClassLoader loader =
          new URLClassLoader(
              new URL[] {Path.of(jar).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      Class<?> bench = loader.loadClass(DetectionBenchmark.class.getName());
      Class<?> blackhole = loader.loadClass("org.openjdk.jmh.infra.Blackhole");
      Object bh =
          blackhole
              .getConstructor(String.class)
              .newInstance(
                  "Today's password is swordfish. I understand instantiating Blackholes directly is"
                      + " dangerous.");
      Object b = bench.getConstructor().newInstance();
      bench.getMethod("setUp").invoke(b);
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      MethodType passType = MethodType.methodType(long.class);
      framing =
          lookup
              .unreflect(bench.getMethod("framingOnly", blackhole))
              .bindTo(b)
              .bindTo(bh)
              .asType(passType);
      detect = lookup.unreflect(bench.getMethod("withDetection")).bindTo(b).asType(passType);
      passes = new long[2][maxPasses];
    }

    double quantile(int side, double q) {
      long[] sorted = Arrays.copyOf(passes[side], n);
      Arrays.sort(sorted);
      return sorted[(int) Math.min(n - 1, q * n)];
    }
  }

  public static void main(String[] args) throws Throwable {
    int rounds = Integer.parseInt(args[0]);
    int per = Integer.getInteger("per", 10);
    Build x = new Build(args[1], rounds * per);
    Build y = new Build(args[2], rounds * per);
    com.sun.management.ThreadMXBean t =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int i = 0; i < 300; i++) {
      for (Build b : new Build[] {x, y}) {
        sink += (long) b.framing.invokeExact();
        sink += (long) b.detect.invokeExact();
      }
    }
    double[] rx = new double[rounds];
    double[] ry = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      int nx = x.n;
      int ny = y.n;
      for (Build b : r % 2 == 0 ? new Build[] {x, y} : new Build[] {y, x}) {
        for (int k = 0; k < 2; k++) {
          int side = (k == 0) == (r / 2 % 2 == 0) ? 1 : 0; // which side goes first alternates too
          for (int i = 0; i < per; i++) {
            long c0 = t.getCurrentThreadCpuTime();
            sink += side == 1 ? (long) b.detect.invokeExact() : (long) b.framing.invokeExact();
            b.passes[side][b.n + i] = t.getCurrentThreadCpuTime() - c0;
          }
        }
        b.n += per;
      }
      rx[r] = ratio(x, nx);
      ry[r] = ratio(y, ny);
    }
    for (Build b : new Build[] {x, y}) {
      StringBuilder line = new StringBuilder(b.name + ":");
      for (double q : new double[] {0, 0.05, 0.25, 0.5}) {
        line.append(
            String.format(
                Locale.ROOT,
                " | q%.2f framing %.0f us, detection %.0f us, ratio %.3f",
                q,
                b.quantile(0, q) / 1e3,
                b.quantile(1, q) / 1e3,
                b.quantile(0, q) / b.quantile(1, q)));
      }
      System.out.println(line);
    }
    System.out.printf(
        Locale.ROOT, "rounds' ratio: %s %s; %s %s%n", x.name, stat(rx), y.name, stat(ry));
    double[] d = new double[rounds];
    for (int r = 0; r < rounds; r++) d[r] = ry[r] - rx[r];
    System.out.printf(Locale.ROOT, "%s - %s, paired by round: %s%n", y.name, x.name, stat(d));
    consumed = sink;
  }

  /** What the passes returned, kept so that the JIT cannot leave them out. */
  static volatile long consumed;

  /** Framing over detection CPU time of the round's passes starting at {@code from}. */
  private static double ratio(Build b, int from) {
    long f = 0;
    long det = 0;
    for (int i = from; i < b.n; i++) {
      f += b.passes[0][i];
      det += b.passes[1][i];
    }
    return (double) f / det;
  }

  private static String stat(double[] v) {
    double m = Arrays.stream(v).average().orElse(0);
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    double half = 1.96 * Math.sqrt(s / Math.max(1, v.length - 1) / v.length);
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT, "mean %.3f ± %.3f (95%%), median %.3f", m, half, sorted[v.length / 2]);
  }
}
