package dev.vigie.contain.actuator;

import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationKind;
import java.util.List;
import java.util.Optional;

/**
 * Something that puts isolations in force: a firewall, a hypervisor API, an SBC. Implementations
 * are called by the containment service under its lock (one call at a time) and must be idempotent:
 * applying what is in force or revoking what is gone is not an error.
 */
public interface Actuator {

  /** A short name for the audit trail ({@code nftables}, {@code webhook}). */
  String name();

  /** Whether this actuator handles that kind (a hypervisor webhook may only isolate machines). */
  default boolean supports(IsolationKind kind) {
    return true;
  }

  /** Creates what the actuator needs (tables, sets, chains), keeping what is in force. */
  default void prepare() throws ActuationException {}

  /**
   * Puts the isolation in force until its {@code expires} (or until revoked when null). Throws when
   * anything failed; the service then records the action as FAILED, never as ACTIVE.
   */
  void apply(Isolation isolation) throws ActuationException;

  /** Lifts the isolation; lifting what is not (or no longer) in force succeeds. */
  void revoke(Isolation isolation) throws ActuationException;

  /**
   * What is really in force, for reconciliation; empty when this actuator cannot tell (a webhook):
   * the service then trusts its ledger for it.
   */
  default Optional<List<InForce>> inForce() throws ActuationException {
    return Optional.empty();
  }

  /** Removes elements in force that no ledger entry accounts for (from {@link #inForce}). */
  default void removeStray(List<InForce> stray) throws ActuationException {}
}
