package dev.vigie.probe.failover;

import java.time.Duration;
import java.time.Instant;

/**
 * A change of failover state, emitted once per change by {@link Failover#update}: the server shows
 * or removes the backup number banner, announces it to affected clients, calls the carrier/SBC
 * webhook, and writes the incident timeline.
 */
public sealed interface FailoverEvent {
  Instant at();

  FailoverDecision decision();

  /** Failover begins: show {@code decision().route().backupNumber()}. */
  record Activated(Instant at, FailoverDecision decision) implements FailoverEvent {}

  /** Failover ends: the main number is reachable again; {@code lasted} since activation. */
  record Deactivated(Instant at, FailoverDecision decision, Duration lasted)
      implements FailoverEvent {}
}
