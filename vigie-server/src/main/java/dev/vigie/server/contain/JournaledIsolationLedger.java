package dev.vigie.server.contain;

import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationState;
import dev.vigie.contain.ledger.IsolationJson;
import dev.vigie.contain.ledger.IsolationLedger;
import dev.vigie.server.Json;
import dev.vigie.server.reliability.Outage;
import dev.vigie.server.reliability.Spool;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The isolation ledger containment uses in {@code serve}: the SQL ledger, plus a journal on disk
 * ({@code <dataDir>/spool/isolations.jsonl}) so that containment decides and acts while the
 * database is down. A save the database cannot take is appended to the journal (durable before the
 * save returns) and kept in memory; reads merge those pending entries over the database's answer,
 * or, while the database is down, answer from memory: the entries in force or waiting for approval
 * (loaded at start and kept up to date) and the last {@value #RECENT} saved. {@link #drain} (on the
 * server's outage timer) stores the journal in order once the database answers again; saves are
 * upserts by id, so replaying one twice does no harm.
 *
 * <p>During an outage, "earlier offences of this source" (the repeat window) only sees what is in
 * memory, so a repeat offender may get a shorter block than the database would have given. Callers
 * are serialised by the containment service's lock; this class also locks itself.
 */
public final class JournaledIsolationLedger implements IsolationLedger {
  private static final Logger LOG = LoggerFactory.getLogger(JournaledIsolationLedger.class);
  static final int RECENT = 10_000;

  private final JdbiIsolationLedger db;

  @SuppressWarnings("rawtypes")
  private final Spool<Map> journal;

  private final Map<String, Isolation> pending = new LinkedHashMap<>();
  private final Map<String, Isolation> live = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile java.util.function.BooleanSupplier databaseDown = () -> false;
  private final LinkedHashMap<String, Isolation> recent =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Isolation> e) {
          return size() > RECENT;
        }
      };

  public JournaledIsolationLedger(JdbiIsolationLedger db, Path spoolDir) {
    this.db = db;
    this.journal =
        new Spool<>(spoolDir.resolve("isolations.jsonl"), Map.class, Json.mapper(), 100_000);
    for (var s : List.of(IsolationState.ACTIVE, IsolationState.PENDING_APPROVAL)) {
      for (Isolation i : db.inState(s)) live.put(i.id(), i);
    }
    int replayed = drain();
    if (replayed > 0) LOG.info("containment journal: {} entries stored after a restart", replayed);
  }

  /**
   * Tells the ledger when the database is known to be down (the server's health check), so that
   * decisions are taken from memory at once instead of waiting for the pool's timeout per read.
   */
  public void databaseDown(java.util.function.BooleanSupplier down) {
    this.databaseDown = down;
  }

  @Override
  public synchronized void save(Isolation i) {
    remember(i);
    if (pending.isEmpty() && !databaseDown.getAsBoolean()) {
      try {
        db.save(i);
        return;
      } catch (RuntimeException e) {
        if (!Outage.isDatabaseDown(e)) throw e;
        LOG.warn("containment: database down, isolation {} kept in the journal", i.id());
      }
    }
    // keep the order: once something is pending, everything goes through the journal
    if (!journal.append(IsolationJson.toMap(i))) {
      throw new IllegalStateException("containment journal full or unwritable: " + journal.file());
    }
    pending.put(i.id(), i);
  }

  @Override
  public synchronized Optional<Isolation> find(String id) {
    Isolation p = pending.get(id);
    if (p != null) return Optional.of(p);
    try {
      if (!databaseDown.getAsBoolean()) return db.find(id);
    } catch (RuntimeException e) {
      if (!Outage.isDatabaseDown(e)) throw e;
    }
    Isolation m = live.get(id);
    return Optional.ofNullable(m != null ? m : recent.get(id));
  }

  @Override
  public synchronized List<Isolation> inState(IsolationState state) {
    List<Isolation> base = null;
    try {
      if (!databaseDown.getAsBoolean()) base = db.inState(state);
    } catch (RuntimeException e) {
      if (!Outage.isDatabaseDown(e)) throw e;
    }
    if (base == null) base = memory();
    return merge(base, i -> i.state() == state, Comparator.comparing(Isolation::created));
  }

  @Override
  public synchronized List<Isolation> activatedSince(Instant since) {
    List<Isolation> base = null;
    try {
      if (!databaseDown.getAsBoolean()) base = db.activatedSince(since);
    } catch (RuntimeException e) {
      if (!Outage.isDatabaseDown(e)) throw e;
    }
    if (base == null) base = memory();
    return merge(
        base,
        i -> i.activated() != null && !i.activated().isBefore(since),
        Comparator.comparing(Isolation::activated));
  }

  /**
   * Stores the journal in the database, in order, while it answers.
   *
   * @return entries stored
   */
  public synchronized int drain() {
    if (journal.size() == 0) return 0;
    int n = journal.drain(m -> db.save(IsolationJson.fromMap(m)));
    if (journal.size() == 0) pending.clear();
    if (n > 0) LOG.info("containment journal: {} entries stored in the database", n);
    return n;
  }

  /** Entries saved while the database was down and not stored yet. */
  public synchronized int pending() {
    return journal.size();
  }

  /** Entries in force or waiting, from memory (the active gauge never asks the database). */
  public long countLive(IsolationState state) {
    return live.values().stream().filter(i -> i.state() == state).count();
  }

  private void remember(Isolation i) {
    if (i.state() == IsolationState.ACTIVE || i.state() == IsolationState.PENDING_APPROVAL) {
      live.put(i.id(), i);
    } else {
      live.remove(i.id());
    }
    recent.remove(i.id());
    recent.put(i.id(), i);
  }

  private List<Isolation> memory() {
    Map<String, Isolation> all = new LinkedHashMap<>(recent);
    all.putAll(live);
    return new ArrayList<>(all.values());
  }

  private List<Isolation> merge(
      List<Isolation> base,
      java.util.function.Predicate<Isolation> keep,
      Comparator<Isolation> order) {
    Map<String, Isolation> byId = new LinkedHashMap<>();
    for (Isolation i : base) byId.put(i.id(), i);
    byId.putAll(pending);
    List<Isolation> out = new ArrayList<>();
    for (Isolation i : byId.values()) if (keep.test(i)) out.add(i);
    out.sort(order.thenComparing(Isolation::id));
    return out;
  }
}
