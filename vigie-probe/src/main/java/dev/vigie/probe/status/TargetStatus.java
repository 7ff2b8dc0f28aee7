package dev.vigie.probe.status;

import dev.vigie.probe.ProbeResult;
import dev.vigie.probe.ProbeTarget;
import java.time.Instant;
import java.util.Optional;

/**
 * The status state machine of one target, with its RTT history.
 *
 * <pre>
 *   UNKNOWN, DOWN, MAINTENANCE --M consecutive UP results--------------------> UP
 *   UNKNOWN, UP, DOWN          --N consecutive 503 (MAINTENANCE) results-----> MAINTENANCE
 *   UNKNOWN, UP                --N consecutive results not UP (FAILED or 503)-> DOWN
 *   MAINTENANCE                --N consecutive FAILED results----------------> DOWN
 * </pre>
 *
 * A mix of failures and 503 counts towards DOWN, except from MAINTENANCE, where only failures do (a
 * proxy under maintenance that answers 503 most of the time is not down). Threading: {@link
 * #record} and {@link #snapshot} are synchronized; results of one target are recorded in the order
 * their probes finished. O(1) per result apart from the streak copy on a transition.
 */
public final class TargetStatus {
  private final ProbeTarget target;
  private final RttHistory history;
  private ComponentStatus status = ComponentStatus.UNKNOWN;
  private Instant since;
  private ProbeResult last;
  private int ups;
  private int failures;
  private int maintenances;
  private int notUps;

  public TargetStatus(ProbeTarget target, int historySize) {
    this.target = target;
    this.history = new RttHistory(historySize);
  }

  /**
   * Records a result.
   *
   * @return the transition it caused, if any
   */
  public synchronized Optional<StatusChange> record(ProbeResult r) {
    history.add(r);
    last = r;
    if (since == null) since = r.at();
    switch (r) {
      case ProbeResult.Up u -> {
        ups++;
        failures = maintenances = notUps = 0;
      }
      case ProbeResult.Maintenance m -> {
        maintenances++;
        notUps++;
        ups = failures = 0;
      }
      case ProbeResult.Failed f -> {
        failures++;
        notUps++;
        ups = maintenances = 0;
      }
    }
    ComponentStatus next = next();
    if (next == status) return Optional.empty();
    int streak =
        switch (next) {
          case UP -> ups;
          case MAINTENANCE -> maintenances;
          case DOWN -> status == ComponentStatus.MAINTENANCE ? failures : notUps;
          case UNKNOWN -> 0;
        };
    StatusChange change =
        new StatusChange(target, status, next, r.at(), history.last(streak), history.stats());
    status = next;
    since = r.at();
    return Optional.of(change);
  }

  private ComponentStatus next() {
    if (ups >= target.upAfter()) return ComponentStatus.UP;
    if (maintenances >= target.downAfter()) return ComponentStatus.MAINTENANCE;
    int towardsDown = status == ComponentStatus.MAINTENANCE ? failures : notUps;
    if (towardsDown >= target.downAfter()) return ComponentStatus.DOWN;
    return status;
  }

  public ProbeTarget target() {
    return target;
  }

  public synchronized ComponentStatus status() {
    return status;
  }

  public synchronized TargetSnapshot snapshot() {
    return new TargetSnapshot(
        target, status, since, last, ups, notUps, history.stats(), history.results());
  }
}
