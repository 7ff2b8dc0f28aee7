package dev.vigie.probe.failover;

import dev.vigie.probe.status.ComponentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides, for every main number, whether its backup number must take over, and emits an event
 * exactly once per change.
 *
 * <p>A path is broken when one of its components is DOWN or in MAINTENANCE (UNKNOWN counts as
 * available: no evidence, no failover). Failover is active when every path of the number is broken;
 * the reason says whether a DOWN component is on every path or maintenance contributes. Pure: no
 * I/O, time is passed in. {@link #decide} is O(components on the paths); {@link #update} is
 * synchronized and O(numbers x components).
 */
public final class Failover {
  private final List<NumberRoute> routes;
  private final Map<String, Instant> activeSince = new HashMap<>();
  private final Map<String, FailoverDecision> current = new LinkedHashMap<>();

  /**
   * @throws IllegalArgumentException naming the number when two routes share one
   */
  public Failover(List<NumberRoute> routes) {
    Set<String> seen = new TreeSet<>();
    for (NumberRoute r : routes) {
      if (!seen.add(r.number())) {
        throw new IllegalArgumentException("number: '" + r.number() + "' is listed twice");
      }
    }
    this.routes = List.copyOf(routes);
  }

  /** The decision for one number given the components' statuses. */
  public static FailoverDecision decide(NumberRoute route, Map<String, ComponentStatus> status) {
    TreeSet<String> unavailable = new TreeSet<>();
    boolean everyPathBroken = true;
    boolean everyPathHasDown = true;
    for (RoutePath p : route.paths()) {
      boolean broken = false;
      boolean down = false;
      for (String c : p.components()) {
        ComponentStatus s = status.getOrDefault(c, ComponentStatus.UNKNOWN);
        if (s == ComponentStatus.DOWN || s == ComponentStatus.MAINTENANCE) {
          broken = true;
          down |= s == ComponentStatus.DOWN;
          unavailable.add(c);
        }
      }
      everyPathBroken &= broken;
      everyPathHasDown &= down;
    }
    FailoverReason reason;
    if (unavailable.isEmpty()) reason = FailoverReason.ALL_PATHS_AVAILABLE;
    else if (!everyPathBroken) reason = FailoverReason.BACKUP_PATH_AVAILABLE;
    else if (everyPathHasDown) reason = FailoverReason.ALL_PATHS_DOWN;
    else reason = FailoverReason.ALL_PATHS_UNAVAILABLE_MAINTENANCE;
    return new FailoverDecision(route, reason, new ArrayList<>(unavailable));
  }

  /**
   * Re-evaluates every number against the components' statuses.
   *
   * @return the activations and deactivations this update caused (empty when nothing changed; a
   *     change of reason or of components while failover stays active is not an event)
   */
  public synchronized List<FailoverEvent> update(Map<String, ComponentStatus> status, Instant at) {
    List<FailoverEvent> events = new ArrayList<>();
    for (NumberRoute r : routes) {
      FailoverDecision d = decide(r, status);
      FailoverDecision before = current.put(r.number(), d);
      boolean was = before != null && before.active();
      if (d.active() && !was) {
        activeSince.put(r.number(), at);
        events.add(new FailoverEvent.Activated(at, d));
      } else if (!d.active() && was) {
        Instant since = activeSince.remove(r.number());
        events.add(new FailoverEvent.Deactivated(at, d, Duration.between(since, at)));
      }
    }
    return events;
  }

  /** The same with only a set of DOWN components (every other one available). */
  public List<FailoverEvent> updateDown(Set<String> down, Instant at) {
    Map<String, ComponentStatus> m = new HashMap<>();
    for (String c : down) m.put(c, ComponentStatus.DOWN);
    return update(m, at);
  }

  /** The numbers whose failover is active, with their decisions (for the status page banner). */
  public synchronized List<FailoverDecision> active() {
    return current.values().stream().filter(FailoverDecision::active).toList();
  }

  /** The last decision of every number, in catalogue order (empty before the first update). */
  public synchronized List<FailoverDecision> decisions() {
    return List.copyOf(current.values());
  }
}
