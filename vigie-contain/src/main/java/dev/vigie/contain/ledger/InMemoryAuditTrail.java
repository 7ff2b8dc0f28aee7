package dev.vigie.contain.ledger;

import dev.vigie.contain.Reason;
import java.util.ArrayList;
import java.util.List;

/** Keeps the audit trail in a list (tests, the console's recent view). Thread-safe. */
public final class InMemoryAuditTrail implements AuditTrail {

  private final List<AuditEntry> entries = new ArrayList<>();

  @Override
  public synchronized void record(AuditEntry entry) {
    entries.add(entry);
  }

  public synchronized List<AuditEntry> entries() {
    return List.copyOf(entries);
  }

  /** Entries with this reason, in order. */
  public synchronized List<AuditEntry> withReason(Reason reason) {
    return entries.stream().filter(e -> e.reason() == reason).toList();
  }
}
