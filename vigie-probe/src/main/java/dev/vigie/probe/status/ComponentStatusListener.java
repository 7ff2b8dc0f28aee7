package dev.vigie.probe.status;

import dev.vigie.probe.ProbeResult;
import dev.vigie.probe.ProbeTarget;

/**
 * Receives the status changes of targets: the server opens or updates incidents, the status page
 * and failover from them. Called on the probing thread (a virtual thread), in order for one target,
 * possibly concurrently for different targets: implementations must be thread-safe and quick (hand
 * slow work such as webhooks to their own executor). Exceptions thrown here are caught and counted,
 * never fatal to probing.
 */
public interface ComponentStatusListener {
  /** N consecutive failures: the target is down (from UNKNOWN, UP or MAINTENANCE). */
  default void onDown(StatusChange change) {}

  /** M consecutive successes: the target is up (from UNKNOWN, DOWN or MAINTENANCE). */
  default void onUp(StatusChange change) {}

  /** N consecutive 503: the target is in maintenance. */
  default void onMaintenance(StatusChange change) {}

  /** Every result, e.g. for metrics and the RTT graph. */
  default void onResult(ProbeTarget target, ProbeResult result) {}

  ComponentStatusListener NONE = new ComponentStatusListener() {};

  /** Dispatches a change to the matching callback. */
  default void dispatch(StatusChange c) {
    switch (c.to()) {
      case UP -> onUp(c);
      case DOWN -> onDown(c);
      case MAINTENANCE -> onMaintenance(c);
      case UNKNOWN -> {
        // never a target of a transition
      }
    }
  }
}
