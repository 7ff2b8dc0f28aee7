package dev.vigie.contain.policy;

import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationState;
import dev.vigie.contain.config.ContainmentConfig;
import dev.vigie.contain.ledger.IsolationLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of the ledger the safeguards look at: entries active or pending, and entries that came
 * in force recently enough to count for the cap or for escalation. A value, so that decisions stay
 * pure functions of (request, config, history, now).
 */
public record History(List<Isolation> entries, List<Instant> unprovenAsks) {

  public History {
    entries = List.copyOf(entries);
    unprovenAsks = List.copyOf(unprovenAsks);
  }

  /** With no question about unproven sources asked recently. */
  public History(List<Isolation> entries) {
    this(entries, List.of());
  }

  public static History empty() {
    return new History(List.of());
  }

  /** The same entries, with the times questions about unproven sources were asked. */
  public History withUnprovenAsks(List<Instant> asked) {
    return new History(entries, asked);
  }

  /**
   * Reads what the safeguards need from the ledger: three queries, O(entries returned).
   *
   * @param now the decision time
   */
  public static History of(IsolationLedger ledger, ContainmentConfig cfg, Instant now) {
    Instant since = now.minus(cfg.cap().window());
    Instant repeat = now.minus(cfg.expiry().repeatWindow());
    Map<String, Isolation> byId = new LinkedHashMap<>();
    for (Isolation i : ledger.activatedSince(since.isBefore(repeat) ? since : repeat)) {
      byId.put(i.id(), i);
    }
    for (IsolationState s : List.of(IsolationState.ACTIVE, IsolationState.PENDING_APPROVAL)) {
      for (Isolation i : ledger.inState(s)) {
        byId.put(i.id(), i);
      }
    }
    return new History(new ArrayList<>(byId.values()));
  }
}
