package dev.vigie.server.pressure;

import dev.vigie.detect.pressure.PressureEpisodes;
import dev.vigie.detect.pressure.PressureReading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every machine's platform metrics each {@code interval} on its own daemon thread ({@code
 * vigie-pressure}) and hands the readings to {@link PressureEpisodes}, which raises and closes the
 * PLATFORM_PRESSURE alerts. Detection never waits for it: the SIP path does not touch this class.
 *
 * <p>Prometheus down, slow or refusing a query is not an error of Vigie: the round stops at the
 * first unreachable answer (bounded by the client's timeout), the episodes keep their state (no
 * data is neither pressure nor recovery), {@link #problem()} gives the reason that {@code /healthz}
 * shows under {@code prometheus}, and {@code vigie_prometheus_up} drops to 0. Metrics: {@code
 * vigie_platform_pressure_ratio{machine,metric}} (value / threshold, NaN without data), {@code
 * vigie_prometheus_query_failures_total}, {@code vigie_pressure_poll_seconds} (last round).
 *
 * <p>Only the holder of the {@link PressureLease} polls (one process per shared database): each
 * round first asks the lease. A process that takes it runs {@code onAcquire} (the server takes the
 * stored open episodes back, as after a restart) before its first round; one that loses it forgets
 * its episodes without closing them (the new holder continues them) and stands by, asking the lease
 * again each interval. {@code vigie_pressure_poller_active} is 1 in the holder, 0 elsewhere.
 */
public final class PressurePoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PressurePoller.class);
  private final PlatformPressureCheck check;
  private final PressureEpisodes episodes;
  private final Duration interval;
  private final InstantSource clock;
  private final PressureLease lease;
  private final Runnable onAcquire;
  private final Map<String, Double> ratios = new ConcurrentHashMap<>();
  private final Map<String, PlatformPressureCheck.Result> last = new ConcurrentHashMap<>();
  private final Counter failures;
  private volatile String problem;
  private volatile boolean polled;
  private volatile double lastRoundSeconds;
  private volatile Boolean active; // null before the first round
  private ScheduledExecutorService timer;

  public PressurePoller(
      PlatformPressureCheck check,
      PressureEpisodes episodes,
      Duration interval,
      InstantSource clock,
      MeterRegistry metrics) {
    this(check, episodes, interval, clock, metrics, PressureLease.always(), () -> {});
  }

  /**
   * A poller that polls only while it holds {@code lease} (not closed here: its owner closes it)
   * and runs {@code onAcquire} on its thread each time it takes the lease, before that round.
   */
  public PressurePoller(
      PlatformPressureCheck check,
      PressureEpisodes episodes,
      Duration interval,
      InstantSource clock,
      MeterRegistry metrics,
      PressureLease lease,
      Runnable onAcquire) {
    this.lease = lease;
    this.onAcquire = onAcquire;
    this.check = check;
    this.episodes = episodes;
    this.interval = interval;
    this.clock = clock;
    for (String machine : check.machines()) {
      for (var m : check.metricsOf(machine)) {
        String key = machine + "\u0000" + m.name();
        ratios.put(key, Double.NaN);
        Gauge.builder("vigie_platform_pressure_ratio", ratios, r -> r.getOrDefault(key, Double.NaN))
            .description("platform metric / its blocking threshold (PLATFORM_PRESSURE)")
            .tag("machine", machine)
            .tag("metric", m.name())
            .register(metrics);
      }
    }
    failures =
        Counter.builder("vigie_prometheus_query_failures_total")
            .description("rounds of platform metrics with a query unanswered or refused")
            .register(metrics);
    Gauge.builder("vigie_prometheus_up", this, PressurePoller::prometheusUp)
        .description(
            "1 when the last round of platform metrics was answered in full, 0 when not; NaN in a"
                + " standby, which queries nothing (0 if it cannot reach the lease's database)")
        .register(metrics);
    Gauge.builder("vigie_pressure_poll_seconds", this, p -> p.lastRoundSeconds)
        .description("duration of the last round of platform metric queries")
        .register(metrics);
    Gauge.builder("vigie_pressure_poller_active", this, p -> p.active() ? 1 : 0)
        .description("1 when this process holds the pressure lease and polls Prometheus")
        .register(metrics);
  }

  /** Starts polling at once, then every interval (fixed delay: rounds never overlap). */
  public synchronized PressurePoller start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("vigie-pressure").daemon(true).unstarted(r));
    timer.scheduleWithFixedDelay(this::pollSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void pollSafely() {
    try {
      round();
    } catch (RuntimeException e) { // a bug here must not end the schedule
      LOG.error("platform metrics round failed", e);
      problem = "platform metrics round failed: " + e;
    }
  }

  /**
   * One scheduled round: asks the lease, takes the stored episodes back when it was just taken,
   * polls when held; else stands by (nothing queried).
   */
  public void round() {
    boolean held = lease.held();
    Boolean was = active;
    if (held && !Boolean.TRUE.equals(was)) {
      LOG.info("platform metrics: pressure lease taken ({}): this process polls Prometheus", lease);
      episodes.clear();
      onAcquire.run();
      active = true;
    } else if (!held && !Boolean.FALSE.equals(was)) {
      active = false;
      episodes.clear(); // the holder continues them from the store
      ratios.replaceAll((k, v) -> Double.NaN);
      last.clear();
      problem = null;
      polled = false;
      if (was == null) {
        LOG.info(
            "platform metrics: another process holds the pressure lease ({}): this one stands by",
            lease);
      } else {
        LOG.warn(
            "platform metrics: pressure lease lost ({}): this process stops polling Prometheus",
            lease);
      }
    }
    if (held) {
      poll();
    } else {
      String why = lease.problem();
      problem =
          why == null
              ? null
              : "pressure lease: database session unusable ("
                  + why
                  + "): this process can neither poll Prometheus nor take the polling over";
    }
  }

  /**
   * {@code vigie_prometheus_up}: a standby reads nothing, so it says nothing about Prometheus (NaN,
   * which no {@code == 0} alert rule matches), unless it cannot reach the lease's database: then it
   * could not take the polling over, which is worth an alert (0).
   */
  private double prometheusUp() {
    if (Boolean.FALSE.equals(active) && problem == null) return Double.NaN;
    return polled && problem == null ? 1 : 0;
  }

  /** Whether this process holds the pressure lease and polls (as of its last round). */
  public boolean active() {
    return Boolean.TRUE.equals(active);
  }

  /** One round over every machine, lease not asked (tests call it directly). */
  public void poll() {
    long t0 = System.nanoTime();
    String first = null;
    for (String machine : check.machines()) {
      PlatformPressureCheck.Result r = check.check(machine);
      last.put(machine, r);
      for (PressureReading reading : r.readings()) {
        ratios.put(machine + "\u0000" + reading.metric(), reading.fraction());
      }
      if (r.problem() != null && first == null) first = r.problem();
      if (r.unreachable()) break; // the other machines would wait for the same timeout
      episodes.observe(machine, r.readings(), r.at());
    }
    lastRoundSeconds = (System.nanoTime() - t0) / 1e9;
    String before = problem;
    problem = first;
    polled = true;
    if (first != null) failures.increment();
    if (first != null && before == null) LOG.warn("platform metrics: {}", first);
    if (first == null && before != null) LOG.info("platform metrics answered again");
  }

  /**
   * The machine's readings of the last round, without waiting (at most one interval old; its {@code
   * at} says when), or null before the first round reached it. For a fresh answer, call {@link
   * PlatformPressureCheck#check} (blocking).
   */
  public PlatformPressureCheck.Result latest(String machine) {
    return last.get(machine);
  }

  /** Null when the last round was answered in full, else why not (for {@code /healthz}). */
  public String problem() {
    return problem;
  }

  public PlatformPressureCheck check() {
    return check;
  }

  public PressureEpisodes episodes() {
    return episodes;
  }

  @Override
  public synchronized void close() {
    if (timer == null) return;
    timer.shutdownNow();
    try {
      // the round under way hands its alerts over before the lease is released
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
