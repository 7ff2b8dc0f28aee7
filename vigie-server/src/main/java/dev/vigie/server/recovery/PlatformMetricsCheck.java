package dev.vigie.server.recovery;

import java.util.List;

/**
 * The seam to the platform metrics a recovery checks ("les métriques liées aux seuils de blocage"):
 * for one machine, each metric the platform blocks on (disk writes, IOPS, packets/s...) with its
 * current value, its blocking threshold and whether it is under it. The Prometheus poller of the
 * platform-pressure stage implements it; until it is wired, {@link #NOT_CONFIGURED} says so and the
 * check neither passes nor blocks a machine. Called from the recovery checker's threads: an
 * implementation must be thread-safe and bounded in time (a few seconds at most).
 */
@FunctionalInterface
public interface PlatformMetricsCheck {

  /** The state of one metric against its blocking threshold. */
  enum MetricState {
    /** Under the warning fraction of the threshold. */
    OK,
    /** Under the threshold but close to it. */
    WARNING,
    /** At or above the blocking threshold. */
    BLOCKING,
    /** The metric could not be read (Prometheus down, no series). */
    UNKNOWN
  }

  /** One metric: its name as configured, its value now and the platform's blocking threshold. */
  record Reading(String metric, double value, double threshold, MetricState state) {}

  /**
   * The metrics of one machine.
   *
   * @param configured false when no metric is configured for the machine (or no poller at all)
   */
  record Result(boolean configured, List<Reading> readings) {
    public Result {
      readings = List.copyOf(readings);
    }

    /** Nothing configured for this machine. */
    public static Result notConfigured() {
      return new Result(false, List.of());
    }

    /** Every metric read and under its blocking threshold (WARNING counts as under it). */
    public boolean underThresholds() {
      return configured
          && !readings.isEmpty()
          && readings.stream()
              .allMatch(r -> r.state() == MetricState.OK || r.state() == MetricState.WARNING);
    }
  }

  /** The metrics of machine {@code machineId} now. */
  Result check(String machineId);

  /** No poller wired: every machine's metrics are "not configured". */
  PlatformMetricsCheck NOT_CONFIGURED = machine -> Result.notConfigured();
}
