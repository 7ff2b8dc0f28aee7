package dev.vigie.server.recovery;

import dev.vigie.server.pressure.PlatformPressureCheck;
import java.util.List;

/**
 * The recovery run's platform metrics read from Prometheus: the PLATFORM_PRESSURE stage's {@link
 * PlatformPressureCheck} (one instant query per configured metric of the machine, bounded by the
 * Prometheus timeout) with its levels in the recovery's words: CRITICAL is at or above the blocking
 * threshold ({@link MetricState#BLOCKING}), a metric that could not be read is {@link
 * MetricState#UNKNOWN} and never counts as under its threshold.
 */
public final class PlatformMetrics implements PlatformMetricsCheck {
  private final PlatformPressureCheck pressure;

  public PlatformMetrics(PlatformPressureCheck pressure) {
    this.pressure = pressure;
  }

  @Override
  public Result check(String machineId) {
    PlatformPressureCheck.Result r = pressure.check(machineId);
    if (!r.configured()) return Result.notConfigured();
    List<Reading> readings =
        r.readings().stream()
            .map(p ->
                new Reading(
                    p.metric(),
                    p.value(),
                    p.threshold(),
                    switch (p.level()) {
                      case OK -> MetricState.OK;
                      case WARNING -> MetricState.WARNING;
                      case CRITICAL -> MetricState.BLOCKING;
                      case NO_DATA -> MetricState.UNKNOWN;
                    }))
            .toList();
    return new Result(true, readings);
  }
}
