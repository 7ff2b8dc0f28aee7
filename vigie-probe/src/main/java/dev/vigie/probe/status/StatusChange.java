package dev.vigie.probe.status;

import dev.vigie.probe.ProbeResult;
import dev.vigie.probe.ProbeTarget;
import java.time.Instant;
import java.util.List;

/**
 * A target changed status. {@code at} is the start time of the result that decided it; {@code
 * streak} holds the consecutive results that decided it (oldest first, e.g. the N failures), for
 * the incident timeline; {@code rtt} summarises the target's recent history.
 */
public record StatusChange(
    ProbeTarget target,
    ComponentStatus from,
    ComponentStatus to,
    Instant at,
    List<ProbeResult> streak,
    RttStats rtt) {

  public String componentId() {
    return target.componentId();
  }

  /** One line for logs and timelines: what changed and why. */
  public String summary() {
    ProbeResult last = streak.isEmpty() ? null : streak.get(streak.size() - 1);
    return target.id()
        + " ("
        + target.address()
        + ") "
        + from
        + " -> "
        + to
        + " after "
        + streak.size()
        + " consecutive results"
        + (last == null ? "" : ", last: " + ProbeResult.describe(last));
  }
}
