package dev.vigie.contain.ledger;

import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A ledger in memory: a map by id under one lock, queries are linear scans (fine for the thousands
 * of entries a day of attacks produces). Survives a restart of the containment service within the
 * same process (which is what reconciliation tests need), not a restart of the process.
 */
public final class InMemoryIsolationLedger implements IsolationLedger {

  private final Map<String, Isolation> byId = new LinkedHashMap<>();

  @Override
  public synchronized void save(Isolation isolation) {
    byId.put(isolation.id(), isolation);
  }

  @Override
  public synchronized Optional<Isolation> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public List<Isolation> inState(IsolationState state) {
    return select(i -> i.state() == state);
  }

  @Override
  public List<Isolation> activatedSince(Instant since) {
    return select(i -> i.activated() != null && !i.activated().isBefore(since));
  }

  /** Every entry, oldest first. */
  public List<Isolation> all() {
    return select(i -> true);
  }

  private synchronized List<Isolation> select(Predicate<Isolation> p) {
    List<Isolation> out = new ArrayList<>();
    for (Isolation i : byId.values()) {
      if (p.test(i)) {
        out.add(i);
      }
    }
    out.sort(Comparator.comparing(Isolation::created));
    return out;
  }
}
