package dev.vigie.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler for a shared machine ({@code -prof dev.vigie.bench.CpuShareProfiler}): the CPU
 * time the benchmark JVM got during each iteration (all its threads: benchmark, JIT, GC) over the
 * wall time. On an idle machine a one-thread benchmark shows a share near 1.0; when other processes
 * compete for the cores the share drops and the wall-clock score with it.
 *
 * <p>Reports {@code cpu.share} and, for throughput scores, {@code per.cpu.second}: the primary
 * score divided by the share, i.e. operations per second of CPU the JVM actually received, a figure
 * that stays comparable across load levels (it still includes the cache and frequency effects of a
 * busy neighbour, so it is an estimate of the one-core figure, not a replacement).
 */
public final class CpuShareProfiler implements InternalProfiler {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpu0;
  private long wall0;

  @Override
  public String getDescription() {
    return "process CPU time over wall time per iteration, and the score per CPU-second";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpu0 = OS.getProcessCpuTime();
    wall0 = System.nanoTime();
  }

  @Override
  public Collection<ScalarResult> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    double share = (OS.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - wall0);
    List<ScalarResult> out = new ArrayList<>();
    out.add(new ScalarResult("cpu.share", share, "cpu/wall", AggregationPolicy.AVG));
    if (benchmarkParams.getMode() == org.openjdk.jmh.annotations.Mode.Throughput && share > 0) {
      Result<?> p = result.getPrimaryResult();
      out.add(
          new ScalarResult(
              "per.cpu.second", p.getScore() / share, p.getScoreUnit(), AggregationPolicy.AVG));
      for (Result<?> r : result.getSecondaryResults().values()) {
        if (r.getLabel().equals("messages")) {
          out.add(
              new ScalarResult(
                  "messages.per.cpu.second",
                  r.getScore() / share,
                  r.getScoreUnit(),
                  AggregationPolicy.AVG));
        }
      }
    }
    return out;
  }
}
