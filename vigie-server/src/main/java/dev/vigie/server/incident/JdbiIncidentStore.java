package dev.vigie.server.incident;

import static dev.vigie.server.incident.IncidentRows.json;
import static dev.vigie.server.incident.IncidentRows.ts;

import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentConflictException;
import dev.vigie.incident.IncidentNotFoundException;
import dev.vigie.incident.review.Review;
import dev.vigie.incident.store.IncidentQuery;
import dev.vigie.incident.store.IncidentStore;
import dev.vigie.incident.timeline.EntryEdit;
import dev.vigie.incident.timeline.NewEntry;
import dev.vigie.incident.timeline.TimelineEdit;
import dev.vigie.incident.timeline.TimelineEntry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link IncidentStore} over JDBI, on H2 (PostgreSQL mode) or PostgreSQL, schema {@code
 * V2__incidents.sql}.
 *
 * <p>Every method is one transaction (see {@link Transactions}: retried whole on a transient race),
 * so a change and the entries recording it are committed together or not at all, and are durable
 * once the method returns. Optimistic locking is {@code UPDATE … WHERE version = ?}: zero rows
 * means someone else moved the incident on, and nothing is written. Under PostgreSQL's READ
 * COMMITTED the second of two concurrent updates of one version waits for the first's row lock,
 * re-reads the row and matches nothing; H2 does the same or reports a concurrent update, which is
 * retried and then matches nothing.
 *
 * <p>"Open or attach" for one correlation key is made atomic by the unique {@code open_key} column
 * (the key while the incident is open, else NULL): of two concurrent openings, the second insert
 * violates it and is retried as an attach. Returned values are read back from the database inside
 * the transaction, so they equal what later reads give (instants at the database's microseconds).
 * Thread-safe; each call borrows one pooled connection.
 */
public final class JdbiIncidentStore implements IncidentStore {
  /** The statuses of {@link dev.vigie.incident.IncidentStatus#isOpen()}. */
  private static final String OPEN_STATUSES = "('TRIAGE', 'INVESTIGATING', 'MITIGATED')";

  private final Transactions tx;
  private final InstantSource clock;
  private final WriteListeners listeners = new WriteListeners("incident store");

  public JdbiIncidentStore(Jdbi jdbi, InstantSource clock) {
    this.tx = new Transactions(jdbi);
    this.clock = clock;
  }

  /**
   * Calls {@code listener} after every write (committed or not: a failed one changed nothing, and a
   * needless call only costs a reader one more read), such as the status page's cache.
   */
  public void onWrite(Runnable listener) {
    listeners.add(listener);
  }

  /** The writes' transactions, each followed by the listeners. */
  private <T> T write(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
    try {
      return tx.inTx(work);
    } finally {
      listeners.written();
    }
  }

  @Override
  public Incident create(Incident incident, List<NewEntry> entries) {
    return write(h -> {
      var key = incident.correlationKey();
      boolean holdsKey = key != null && incident.status().isOpen() && findOpen(h, key).isEmpty();
      long id = insert(h, incident, holdsKey ? key : null);
      entries.forEach(e -> insertEntry(h, id, e));
      return load(h, id);
    });
  }

  @Override
  public Opened createOrAttach(Incident candidate, List<NewEntry> creationEntries, NewEntry entry) {
    var key = candidate.correlationKey();
    if (key == null) {
      throw new IllegalArgumentException("createOrAttach needs a correlation key");
    }
    return write(h -> {
      var open = findOpen(h, key);
      if (open.isPresent()) {
        return new Opened(open.get(), insertEntry(h, open.get().id(), entry), false);
      }
      long id = insert(h, candidate, key);
      creationEntries.forEach(e -> insertEntry(h, id, e));
      var added = insertEntry(h, id, entry);
      return new Opened(load(h, id), added, true);
    });
  }

  @Override
  public Optional<Incident> find(long id) {
    return tx.read(h -> find(h, id));
  }

  @Override
  public Optional<Incident> findByNumber(String number) {
    return tx.read(h ->
        h.createQuery("SELECT * FROM incident WHERE ig_number = :n")
            .bind("n", number)
            .map((rs, c) -> IncidentRows.incident(rs))
            .findOne());
  }

  @Override
  public Optional<Incident> findOpenByKey(String key) {
    return key == null ? Optional.empty() : tx.read(h -> findOpen(h, key));
  }

  @Override
  public Incident update(Incident changed, long expectedVersion, List<NewEntry> entries) {
    return write(h -> {
      var key = changed.correlationKey();
      String openKey = null;
      if (key != null && changed.status().isOpen()) {
        var holder =
            h.createQuery("SELECT id FROM incident WHERE open_key = :k")
                .bind("k", key)
                .mapTo(Long.class)
                .findOne();
        openKey = holder.isEmpty() || holder.get() == changed.id() ? key : null;
      }
      int n =
          h.createUpdate(
                  "UPDATE incident SET title = :title, severity = :severity,"
                      + " priority = :priority, status = :status, started_at = :startedAt,"
                      + " ended_at = :endedAt, detected_at = :detectedAt,"
                      + " mitigated_at = :mitigatedAt, resolved_at = :resolvedAt,"
                      + " closed_at = :closedAt, services = :services,"
                      + " client_impact = :clientImpact, cause = :cause,"
                      + " affected_clients = :clients, open_key = :openKey,"
                      + " version = version + 1 WHERE id = :id AND version = :expected")
              .bindMap(fields(changed))
              .bind("openKey", openKey)
              .bind("id", changed.id())
              .bind("expected", expectedVersion)
              .execute();
      if (n == 0) {
        var current = find(h, changed.id());
        if (current.isEmpty()) {
          throw new IncidentNotFoundException("incident " + changed.id());
        }
        throw new IncidentConflictException(
            "incident " + current.get().number(), expectedVersion, current.get().version());
      }
      entries.forEach(e -> insertEntry(h, changed.id(), e));
      return load(h, changed.id());
    });
  }

  @Override
  public TimelineEntry append(long incidentId, NewEntry entry) {
    return write(h -> {
      load(h, incidentId);
      return insertEntry(h, incidentId, entry);
    });
  }

  /**
   * Appends {@code entry} unless the latest entry of its {@code ref} already records its {@code
   * refState}. Atomic: the incident's row is locked ({@code SELECT … FOR UPDATE}) before the check,
   * so two notifications of one alert arriving at once write one entry.
   */
  @Override
  public Optional<TimelineEntry> appendIfChanged(long incidentId, NewEntry entry) {
    return write(h -> {
      h.createQuery("SELECT id FROM incident WHERE id = :i FOR UPDATE")
          .bind("i", incidentId)
          .mapTo(Long.class)
          .findOne()
          .orElseThrow(() -> new IncidentNotFoundException("incident " + incidentId));
      if (entry.ref() != null) {
        var latest =
            h.createQuery(
                    "SELECT ref_state FROM timeline_entry WHERE incident_id = :i AND ref = :r"
                        + " ORDER BY id DESC LIMIT 1")
                .bind("i", incidentId)
                .bind("r", entry.ref())
                .mapTo(String.class)
                .findFirst();
        if (latest.isPresent() && latest.get().equals(entry.refState())) {
          return Optional.<TimelineEntry>empty();
        }
      }
      return Optional.of(insertEntry(h, incidentId, entry));
    });
  }

  @Override
  public TimelineEntry editEntry(long incidentId, long entryId, EntryEdit edit, Instant editedAt) {
    return write(h -> {
      var current =
          h.createQuery("SELECT * FROM timeline_entry WHERE id = :e AND incident_id = :i")
              .bind("e", entryId)
              .bind("i", incidentId)
              .map((rs, c) -> IncidentRows.entry(rs))
              .findOne()
              .orElseThrow(() ->
                  new IncidentNotFoundException(
                      "timeline entry " + entryId + " of incident " + incidentId));
      if (current.revision() != edit.expectedRevision()) {
        throw new IncidentConflictException(
            "timeline entry " + entryId, edit.expectedRevision(), current.revision());
      }
      var after = current.edited(edit, editedAt);
      int n =
          h.createUpdate(
                  "UPDATE timeline_entry SET at = :at, description = :d, hidden = :hidden,"
                      + " revision = revision + 1 WHERE id = :e AND revision = :r")
              .bind("at", ts(after.at()))
              .bind("d", after.description())
              .bind("hidden", after.hidden())
              .bind("e", entryId)
              .bind("r", current.revision())
              .execute();
      if (n == 0) {
        var now = entryRevision(h, entryId);
        throw new IncidentConflictException(
            "timeline entry " + entryId, edit.expectedRevision(), now);
      }
      h.createUpdate(
              "INSERT INTO timeline_edit (entry_id, revision, previous_at,"
                  + " previous_description, previous_hidden, edited_by, edited_at)"
                  + " VALUES (:e, :r, :at, :d, :hidden, :by, :when)")
          .bind("e", entryId)
          .bind("r", current.revision())
          .bind("at", ts(current.at()))
          .bind("d", current.description())
          .bind("hidden", current.hidden())
          .bind("by", edit.editor())
          .bind("when", ts(editedAt))
          .execute();
      return entries(h, incidentId, entryId).get(0);
    });
  }

  @Override
  public List<TimelineEntry> timeline(long incidentId) {
    return tx.read(h -> {
      load(h, incidentId);
      return entries(h, incidentId, null);
    });
  }

  @Override
  public Optional<String> refState(long incidentId, String ref) {
    return tx.read(h ->
        h.createQuery(
                "SELECT ref_state FROM timeline_entry WHERE incident_id = :i AND ref = :r"
                    + " ORDER BY id DESC LIMIT 1")
            .bind("i", incidentId)
            .bind("r", ref)
            .mapTo(String.class)
            .findFirst());
  }

  @Override
  public Review saveReview(long incidentId, Review review, long expectedVersion) {
    return write(h -> {
      var incident = load(h, incidentId);
      long actual =
          h.createQuery("SELECT version FROM incident_review WHERE incident_id = :i")
              .bind("i", incidentId)
              .mapTo(Long.class)
              .findOne()
              .orElse(0L);
      if (actual != expectedVersion) {
        throw new IncidentConflictException(
            "review of incident " + incident.number(), expectedVersion, actual);
      }
      var body = json(review.withVersion(0));
      int n =
          actual == 0
              ? h.createUpdate(
                      "INSERT INTO incident_review (incident_id, body, version)"
                          + " VALUES (:i, :b, 1)")
                  .bind("i", incidentId)
                  .bind("b", body)
                  .execute()
              : h.createUpdate(
                      "UPDATE incident_review SET body = :b, version = version + 1"
                          + " WHERE incident_id = :i AND version = :v")
                  .bind("i", incidentId)
                  .bind("b", body)
                  .bind("v", expectedVersion)
                  .execute();
      if (n == 0) {
        throw new IncidentConflictException(
            "review of incident " + incident.number(), expectedVersion, expectedVersion + 1);
      }
      return review(h, incidentId).orElseThrow();
    });
  }

  @Override
  public Optional<Review> review(long incidentId) {
    return tx.read(h -> {
      load(h, incidentId);
      return review(h, incidentId);
    });
  }

  /**
   * Statuses and start bounds are filtered in SQL (index on {@code started_at}); the free text in
   * Java with {@link IncidentQuery#matches}, the domain's own rule (case and accents as Java folds
   * them, whatever the database's collation), so a text search reads the rows of the other filters.
   */
  @Override
  public List<Incident> search(IncidentQuery query) {
    var sql = new StringBuilder("SELECT * FROM incident WHERE 1 = 1");
    if (!query.statuses().isEmpty()) {
      sql.append(" AND status IN (<statuses>)");
    }
    if (query.startedFrom() != null) {
      sql.append(" AND started_at >= :from");
    }
    if (query.startedBefore() != null) {
      sql.append(" AND started_at < :before");
    }
    sql.append(" ORDER BY started_at DESC, id DESC");
    if (query.text() == null) {
      sql.append(" LIMIT ").append(query.limit());
    }
    return tx.read(h -> {
      var q = h.createQuery(sql.toString());
      if (!query.statuses().isEmpty()) {
        q.bindList("statuses", query.statuses().stream().map(Enum::name).toList());
      }
      if (query.startedFrom() != null) {
        q.bind("from", ts(query.startedFrom()));
      }
      if (query.startedBefore() != null) {
        q.bind("before", ts(query.startedBefore()));
      }
      try (var rows = q.map((rs, c) -> IncidentRows.incident(rs)).stream()) {
        return rows.filter(query::matches).limit(query.limit()).toList();
      }
    });
  }

  private static Map<String, Object> fields(Incident i) {
    var m = new HashMap<String, Object>();
    m.put("title", i.title());
    m.put("severity", i.severity().name());
    m.put("priority", i.priority().name());
    m.put("status", i.status().name());
    m.put("startedAt", ts(i.startedAt()));
    m.put("endedAt", ts(i.endedAt()));
    m.put("detectedAt", ts(i.detectedAt()));
    m.put("mitigatedAt", ts(i.mitigatedAt()));
    m.put("resolvedAt", ts(i.resolvedAt()));
    m.put("closedAt", ts(i.closedAt()));
    m.put("services", json(i.services()));
    m.put("clientImpact", i.clientImpact());
    m.put("cause", i.cause());
    m.put("clients", json(i.affectedClients()));
    return m;
  }

  private static long insert(Handle h, Incident i, String openKey) {
    return h.createUpdate(
            "INSERT INTO incident (ig_number, title, severity, priority, status, started_at,"
                + " ended_at, detected_at, mitigated_at, resolved_at, closed_at, services,"
                + " client_impact, cause, affected_clients, correlation_key, open_key, version)"
                + " VALUES (:number, :title, :severity, :priority, :status, :startedAt, :endedAt,"
                + " :detectedAt, :mitigatedAt, :resolvedAt, :closedAt, :services, :clientImpact,"
                + " :cause, :clients, :key, :openKey, 1)")
        .bindMap(fields(i))
        .bind("number", i.number())
        .bind("key", i.correlationKey())
        .bind("openKey", openKey)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  private TimelineEntry insertEntry(Handle h, long incidentId, NewEntry e) {
    long id =
        h.createUpdate(
                "INSERT INTO timeline_entry (incident_id, at, description, source, author, ref,"
                    + " ref_state, hidden, recorded_at, revision) VALUES (:i, :at, :d, :s, :a,"
                    + " :ref, :state, FALSE, :rec, 1)")
            .bind("i", incidentId)
            .bind("at", ts(e.at()))
            .bind("d", e.description())
            .bind("s", e.source().name())
            .bind("a", e.author())
            .bind("ref", e.ref())
            .bind("state", e.refState())
            .bind("rec", ts(clock.instant()))
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    return entries(h, incidentId, id).get(0);
  }

  /** The incident's entries (or the one entry {@code only}) with their histories, in order. */
  private static List<TimelineEntry> entries(Handle h, long incidentId, Long only) {
    var filter = only == null ? "" : " AND e.id = :only";
    var q =
        h.createQuery(
                "SELECT e.* FROM timeline_entry e WHERE e.incident_id = :i"
                    + filter
                    + " ORDER BY e.at, e.id")
            .bind("i", incidentId);
    var hq =
        h.createQuery(
                "SELECT x.* FROM timeline_edit x JOIN timeline_entry e ON e.id = x.entry_id"
                    + " WHERE e.incident_id = :i"
                    + filter
                    + " ORDER BY x.entry_id, x.revision")
            .bind("i", incidentId);
    if (only != null) {
      q.bind("only", only);
      hq.bind("only", only);
    }
    var history = new HashMap<Long, List<TimelineEdit>>();
    hq.map((rs, c) -> Map.entry(rs.getLong("entry_id"), IncidentRows.edit(rs)))
        .forEach(
            kv -> history.computeIfAbsent(kv.getKey(), k -> new ArrayList<>()).add(kv.getValue()));
    return q.map((rs, c) -> IncidentRows.entry(rs))
        .map(e -> IncidentRows.withHistory(e, history.getOrDefault(e.id(), List.of())))
        .list();
  }

  private static int entryRevision(Handle h, long entryId) {
    return h.createQuery("SELECT revision FROM timeline_entry WHERE id = :e")
        .bind("e", entryId)
        .mapTo(Integer.class)
        .one();
  }

  private static Optional<Review> review(Handle h, long incidentId) {
    return h.createQuery("SELECT body, version FROM incident_review WHERE incident_id = :i")
        .bind("i", incidentId)
        .map((rs, c) -> IncidentRows.review(rs))
        .findOne();
  }

  private static Optional<Incident> find(Handle h, long id) {
    return h.createQuery("SELECT * FROM incident WHERE id = :id")
        .bind("id", id)
        .map((rs, c) -> IncidentRows.incident(rs))
        .findOne();
  }

  private static Incident load(Handle h, long id) {
    return find(h, id).orElseThrow(() -> new IncidentNotFoundException("incident " + id));
  }

  private static Optional<Incident> findOpen(Handle h, String key) {
    return h.createQuery(
            "SELECT * FROM incident WHERE correlation_key = :k AND status IN "
                + OPEN_STATUSES
                + " ORDER BY started_at DESC, id DESC LIMIT 1")
        .bind("k", key)
        .map((rs, c) -> IncidentRows.incident(rs))
        .findFirst();
  }
}
