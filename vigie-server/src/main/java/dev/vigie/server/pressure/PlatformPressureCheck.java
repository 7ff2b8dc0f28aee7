package dev.vigie.server.pressure;

import dev.vigie.detect.pressure.PressureLevel;
import dev.vigie.detect.pressure.PressureMetric;
import dev.vigie.detect.pressure.PressureReading;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeSet;

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

  /** The longest history {@link #backUnderSince} reads: a week before {@code to}. */
  static final Duration MAX_HISTORY = Duration.ofDays(7);

  /** The most evaluation times {@link #backUnderSince} asks per metric (the step grows beyond). */
  static final int MAX_POINTS = 1000;

  /**
   * When {@code machine} went back under its thresholds for good, read from Prometheus's history
   * between {@code from} (when it was last seen under pressure) and {@code to}: the first
   * evaluation time after the last one where a metric was at its warning fraction or above, at
   * which every metric has a value under its warning fraction. Evaluated every second, or every
   * {@code span / 1000} seconds over a longer span (at most {@link #MAX_HISTORY}, ending at {@code
   * to}), so the answer is at most one step late. Null when the history cannot tell: a query failed
   * or Prometheus is unreachable, a metric has no sample there, or the last evaluation still shows
   * pressure. Blocking (one range query per metric), like {@link #check}.
   */
  public Instant backUnderSince(String machine, Instant from, Instant to) {
    List<PressureMetric> list = metricsOf(machine);
    if (list.isEmpty() || !to.isAfter(from)) return null;
    Instant earliest = from.isBefore(to.minus(MAX_HISTORY)) ? to.minus(MAX_HISTORY) : from;
    long span = Duration.between(earliest, to).toMillis();
    long stepMillis = 1000 * Math.max(1, -Math.floorDiv(-span, 1000L * MAX_POINTS));
    Duration step = Duration.ofMillis(stepMillis);
    // whole steps back from `to`, so that the last evaluation is `to` itself (what is true now)
    Instant start = to.minus(step.multipliedBy(-Math.floorDiv(-span, stepMillis)));
    List<NavigableMap<Instant, Double>> series = new ArrayList<>(list.size());
    for (PressureMetric m : list) {
      try {
        series.add(prometheus.queryRange(m.queryFor(machine), start, to, step));
      } catch (PrometheusClient.PrometheusException e) {
        return null;
      }
    }
    TreeSet<Instant> times = new TreeSet<>();
    for (NavigableMap<Instant, Double> s : series) times.addAll(s.keySet());
    Instant back = null;
    for (Instant t : times) {
      boolean known = true;
      boolean pressing = false;
      for (int i = 0; i < list.size(); i++) {
        Double v = series.get(i).get(t);
        PressureLevel l =
            v == null ? PressureLevel.NO_DATA : PressureReading.of(list.get(i), v).level();
        if (l == PressureLevel.WARNING || l == PressureLevel.CRITICAL) pressing = true;
        else if (l != PressureLevel.OK) known = false;
      }
      if (pressing) back = null;
      else if (known && back == null) back = t;
    }
    return back;
  }

  public PrometheusClient prometheus() {
    return prometheus;
  }
}
