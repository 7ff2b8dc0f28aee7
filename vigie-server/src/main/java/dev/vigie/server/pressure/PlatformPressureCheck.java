package dev.vigie.server.pressure;

import dev.vigie.detect.pressure.PressureLevel;
import dev.vigie.detect.pressure.PressureMetric;
import dev.vigie.detect.pressure.PressureReading;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "A machine's platform metrics against their blocking thresholds, now": one instant query per
 * configured metric of the machine ({@link PressureSettings}), each read against its threshold
 * ({@link PressureReading#of}: value, threshold, fraction, OK / WARNING / CRITICAL / NO_DATA). The
 * PLATFORM_PRESSURE poller calls it every interval; a recovery run may call it for one machine when
 * it wants to know whether the machine is back under its thresholds.
 *
 * <p>Blocking: at most one Prometheus timeout per metric (a round stops at the first unreachable
 * answer), so call it off the detection thread and off request threads that must answer at once.
 * Thread-safe.
 */
public final class PlatformPressureCheck {
  private final PrometheusClient prometheus;
  private final Map<String, List<PressureMetric>> metrics;
  private final InstantSource clock;

  /**
   * The outcome for one machine.
   *
   * @param readings one per configured metric, in configuration order (NO_DATA for the metrics not
   *     read when Prometheus could not be reached); empty when the machine has no metric
   * @param problem null when every query was answered, else why not (Prometheus unreachable, a
   *     query refused), for a person
   * @param unreachable Prometheus did not answer at all (connection refused, timeout)
   */
  public record Result(
      String machine,
      Instant at,
      List<PressureReading> readings,
      String problem,
      boolean unreachable) {
    public Result {
      readings = List.copyOf(readings);
    }

    /** Whether any metric is configured for the machine. */
    public boolean configured() {
      return !readings.isEmpty();
    }

    /** True when every metric was read and is under its warning fraction. */
    public boolean underThresholds() {
      return configured()
          && problem == null
          && readings.stream().allMatch(r -> r.level() == PressureLevel.OK);
    }

    /** The worst level: CRITICAL, WARNING, NO_DATA (something unknown), else OK. */
    public PressureLevel worst() {
      PressureLevel w = PressureLevel.OK;
      for (PressureReading r : readings) {
        if (r.level() == PressureLevel.CRITICAL) return PressureLevel.CRITICAL;
        if (r.level() == PressureLevel.WARNING) w = PressureLevel.WARNING;
        else if (r.level() == PressureLevel.NO_DATA && w == PressureLevel.OK)
          w = PressureLevel.NO_DATA;
      }
      return w;
    }
  }

  public PlatformPressureCheck(
      PrometheusClient prometheus, Map<String, List<PressureMetric>> metrics, InstantSource clock) {
    this.prometheus = prometheus;
    this.metrics = Map.copyOf(metrics);
    this.clock = clock;
  }

  /** The machines with at least one metric. */
  public Set<String> machines() {
    return metrics.keySet();
  }

  /** The metrics of a machine (empty when none is configured). */
  public List<PressureMetric> metricsOf(String machine) {
    return metrics.getOrDefault(machine, List.of());
  }

  /** Reads every metric of {@code machine} now. Never throws for Prometheus's failures. */
  public Result check(String machine) {
    List<PressureMetric> list = metricsOf(machine);
    Instant at = clock.instant();
    List<PressureReading> readings = new ArrayList<>(list.size());
    String problem = null;
    boolean reachable = true;
    for (PressureMetric m : list) {
      if (!reachable) {
        readings.add(PressureReading.noData(m));
        continue;
      }
      try {
        readings.add(PressureReading.of(m, prometheus.query(m.queryFor(machine))));
      } catch (PrometheusClient.PrometheusException e) {
        readings.add(PressureReading.noData(m));
        reachable = !e.unreachable();
        if (problem == null) {
          problem =
              e.unreachable()
                  ? "Prometheus " + e.getMessage() + " (platform metrics not read)"
                  : machine + "." + m.name() + ": " + e.getMessage();
        }
      }
    }
    return new Result(machine, at, readings, problem, !reachable);
  }

  public PrometheusClient prometheus() {
    return prometheus;
  }
}
