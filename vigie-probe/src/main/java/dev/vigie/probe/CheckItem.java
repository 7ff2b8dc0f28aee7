package dev.vigie.probe;

import dev.vigie.probe.status.ComponentStatus;
import java.time.Duration;

/**
 * One line of the "check every target now" checklist: the result of the probe and the target's
 * status once that result was recorded.
 */
public record CheckItem(ProbeTarget target, ProbeResult result, ComponentStatus statusAfter) {
  /** True for an UP result (MAINTENANCE and FAILED need a look). */
  public boolean ok() {
    return result instanceof ProbeResult.Up;
  }

  public int code() {
    return result.code();
  }

  public Duration rtt() {
    return result.rtt();
  }

  /** {@code [ok] id host:port/UDP: UP 200 in 3 ms}. */
  public String line() {
    String mark =
        switch (result) {
          case ProbeResult.Up u -> "[ok]";
          case ProbeResult.Maintenance m -> "[maintenance]";
          case ProbeResult.Failed f -> "[FAILED]";
        };
    return mark + " " + target.id() + " " + target.address() + ": " + ProbeResult.describe(result);
  }
}
