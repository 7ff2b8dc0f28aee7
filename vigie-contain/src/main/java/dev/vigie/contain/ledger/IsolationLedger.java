package dev.vigie.contain.ledger;

import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where isolations are persisted: the source of truth for what is in force. The containment service
 * saves an entry as ACTIVE only after every actuator applied it, so after a crash the ledger never
 * claims more than what was done (it may claim less: an action applied but not yet recorded, which
 * reconciliation removes).
 *
 * <p>The server implements it with SQL (one row per id); {@link InMemoryIsolationLedger} serves
 * tests and single-process use. Implementations must be safe for use from several threads and
 * durable when {@link #save} returns.
 */
public interface IsolationLedger {

  /** Inserts the entry or replaces the one with the same id. */
  void save(Isolation isolation);

  Optional<Isolation> find(String id);

  /** Entries in one state, oldest first. */
  List<Isolation> inState(IsolationState state);

  /**
   * Entries whose {@code activated} time is at or after {@code since} (any state), oldest first.
   */
  List<Isolation> activatedSince(Instant since);
}
