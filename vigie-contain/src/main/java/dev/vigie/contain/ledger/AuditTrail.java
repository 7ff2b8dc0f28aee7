package dev.vigie.contain.ledger;

/**
 * Receives every containment decision and action with its reason, including refusals (PROTECTED,
 * CAP_REACHED...). The server persists it and turns ISOLATE/RELEASED entries into notifications
 * (nobody should learn from a customer that a range was banned). Called under the service's lock:
 * implementations should be quick and must not call back into the service.
 */
@FunctionalInterface
public interface AuditTrail {

  void record(AuditEntry entry);

  /** Discards everything. */
  static AuditTrail none() {
    return e -> {};
  }
}
