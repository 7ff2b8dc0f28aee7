package dev.vigie.server.contain;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationState;
import dev.vigie.contain.ledger.IsolationJson;
import dev.vigie.contain.ledger.IsolationLedger;
import dev.vigie.server.Json;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The isolation ledger in SQL (table {@code isolation} of V3__containment.sql): one row per id, the
 * whole entry as JSON ({@link IsolationJson}) plus the columns the queries filter on. A save is an
 * UPDATE, then an INSERT when no row had that id, in one transaction: portable between H2 and
 * PostgreSQL, and the containment service saves under its own lock so two saves of one id never
 * race. Durable when {@link #save} returns (the transaction committed).
 */
public final class JdbiIsolationLedger implements IsolationLedger {
  private static final String COLUMNS = "SELECT body FROM isolation ";
  private final Jdbi jdbi;

  /**
   * On H2, also sets {@code WRITE_DELAY 0}: H2 otherwise writes a commit to its file up to 500 ms
   * later, and a kill -9 in that window loses it (the crash test caught exactly that). PostgreSQL
   * is durable at commit by default.
   */
  public JdbiIsolationLedger(Jdbi jdbi) {
    this.jdbi = jdbi;
    jdbi.useHandle(h -> {
      try {
        if ("H2".equals(h.getConnection().getMetaData().getDatabaseProductName())) {
          h.execute("SET WRITE_DELAY 0");
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("cannot read the database's product name", e);
      }
    });
  }

  @Override
  public void save(Isolation i) {
    String body;
    try {
      body = Json.mapper().writeValueAsString(IsolationJson.toMap(i));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode isolation " + i.id(), e);
    }
    jdbi.useTransaction(h -> upsert(h, i, body));
  }

  private static void upsert(Handle h, Isolation i, String body) {
    Object[] values = {
      i.state().name(),
      i.kind().name(),
      i.target().toString(),
      ts(i.created()),
      ts(i.activated()),
      ts(i.expires()),
      body,
      i.id()
    };
    int n =
        h.execute(
            "UPDATE isolation SET state = ?, kind = ?, target = ?, created = ?, activated = ?,"
                + " expires = ?, body = ? WHERE id = ?",
            values);
    if (n == 0) {
      h.execute(
          "INSERT INTO isolation (state, kind, target, created, activated, expires, body, id)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          values);
    }
  }

  @Override
  public Optional<Isolation> find(String id) {
    return jdbi.withHandle(h ->
        h.createQuery(COLUMNS + "WHERE id = :id")
            .bind("id", id)
            .mapTo(String.class)
            .findOne()
            .map(JdbiIsolationLedger::decode));
  }

  @Override
  public List<Isolation> inState(IsolationState state) {
    return query(COLUMNS + "WHERE state = :s ORDER BY created, id", Map.of("s", state.name()));
  }

  @Override
  public List<Isolation> activatedSince(Instant since) {
    return query(COLUMNS + "WHERE activated >= :t ORDER BY activated, id", Map.of("t", ts(since)));
  }

  /** The latest entries (any state, or one state when not null), newest first. */
  public List<Isolation> recent(IsolationState state, int limit) {
    String where = state == null ? "" : "WHERE state = :s ";
    return jdbi.withHandle(h -> {
      var q = h.createQuery(COLUMNS + where + "ORDER BY created DESC, id LIMIT :n");
      if (state != null) q.bind("s", state.name());
      return q.bind("n", limit).mapTo(String.class).map(JdbiIsolationLedger::decode).list();
    });
  }

  /** How many entries are in a state (the active-isolations gauge). */
  public long count(IsolationState state) {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT COUNT(*) FROM isolation WHERE state = :s")
            .bind("s", state.name())
            .mapTo(Long.class)
            .one());
  }

  private List<Isolation> query(String sql, Map<String, Object> params) {
    return jdbi.withHandle(h ->
        h.createQuery(sql)
            .bindMap(params)
            .mapTo(String.class)
            .map(JdbiIsolationLedger::decode)
            .list());
  }

  private static Isolation decode(String body) {
    try {
      return IsolationJson.fromMap(Json.mapper().readValue(body, Map.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("isolation row is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }
}
