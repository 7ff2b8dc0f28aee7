package dev.vigie.server.paging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The pages, their deliveries and audit rows in SQL (V13). Each state change is one guarded {@code
 * UPDATE} (on the expected state), so a page acknowledged meanwhile is never escalated again and a
 * delivery is never marked twice. Thread-safe (JDBI handles per call).
 */
public final class PageStore {
  /** A page's states. */
  public enum State {
    OPEN,
    ACKNOWLEDGED,
    EXHAUSTED,
    ENDED
  }

  public record Page(
      long id,
      long incidentId,
      String number,
      String severity,
      String reason,
      State state,
      Instant created,
      int level,
      int round,
      Instant nextEscalation,
      Instant acknowledgedAt,
      String acknowledgedBy,
      String acknowledgedVia) {}

  public record Delivery(
      long id,
      long pageId,
      int level,
      int round,
      String person,
      String channel,
      String state,
      int attempts,
      Instant nextAttempt,
      Instant sentAt,
      String lastError) {}

  public record Event(
      long id,
      long pageId,
      Instant at,
      String kind,
      String person,
      String channel,
      Integer level,
      String detail) {}

  private static final String PAGE_COLS =
      "id, incident_id, incident_number, severity, trigger_reason, state, created, level, round,"
          + " next_escalation, acknowledged_at, acknowledged_by, acknowledged_via";
  private final Jdbi jdbi;

  PageStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  Jdbi jdbi() {
    return jdbi;
  }

  /** A new page for the incident, or empty when it has one already (one page per incident). */
  Optional<Page> create(
      Handle h, long incidentId, String number, String severity, String reason, Instant at) {
    if (h.createQuery("SELECT COUNT(*) FROM page WHERE incident_id = ?")
            .bind(0, incidentId)
            .mapTo(Integer.class)
            .one()
        > 0) {
      return Optional.empty();
    }
    long id =
        h.createUpdate(
                "INSERT INTO page (incident_id, incident_number, severity, trigger_reason, state,"
                    + " created, level, round) VALUES (?, ?, ?, ?, 'OPEN', ?, 0, 0)")
            .bind(0, incidentId)
            .bind(1, number)
            .bind(2, severity)
            .bind(3, reason)
            .bind(4, ts(at))
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    return find(h, id);
  }

  public Optional<Page> find(long id) {
    return jdbi.withHandle(h -> find(h, id));
  }

  Optional<Page> find(Handle h, long id) {
    return h.createQuery("SELECT " + PAGE_COLS + " FROM page WHERE id = ?")
        .bind(0, id)
        .map((rs, c) -> page(rs))
        .findOne();
  }

  public Optional<Page> forIncident(long incidentId) {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT " + PAGE_COLS + " FROM page WHERE incident_id = ?")
            .bind(0, incidentId)
            .map((rs, c) -> page(rs))
            .findOne());
  }

  public List<Page> list(int limit) {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT " + PAGE_COLS + " FROM page ORDER BY id DESC")
            .setMaxRows(limit)
            .map((rs, c) -> page(rs))
            .list());
  }

  List<Page> open() {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT " + PAGE_COLS + " FROM page WHERE state = 'OPEN' ORDER BY id")
            .setMaxRows(1000)
            .map((rs, c) -> page(rs))
            .list());
  }

  /** Moves an open page to its next level (guarded on the level and round it was at). */
  boolean escalate(Handle h, Page p, int level, int round, Instant next) {
    return h.createUpdate(
                "UPDATE page SET level = ?, round = ?, next_escalation = ? WHERE id = ? AND state"
                    + " = 'OPEN' AND level = ? AND round = ?")
            .bind(0, level)
            .bind(1, round)
            .bindByType(2, next == null ? null : ts(next), OffsetDateTime.class)
            .bind(3, p.id())
            .bind(4, p.level())
            .bind(5, p.round())
            .execute()
        == 1;
  }

  boolean close(Handle h, long pageId, State to) {
    return h.createUpdate(
                "UPDATE page SET state = ?, next_escalation = NULL WHERE id = ? AND state = 'OPEN'")
            .bind(0, to.name())
            .bind(1, pageId)
            .execute()
        == 1;
  }

  boolean acknowledge(Handle h, long pageId, Instant at, String by, String via) {
    boolean done =
        h.createUpdate(
                    "UPDATE page SET state = 'ACKNOWLEDGED', next_escalation = NULL,"
                        + " acknowledged_at = ?, acknowledged_by = ?, acknowledged_via = ? WHERE"
                        + " id = ? AND state IN ('OPEN', 'EXHAUSTED')")
                .bind(0, ts(at))
                .bind(1, by)
                .bind(2, via)
                .bind(3, pageId)
                .execute()
            == 1;
    if (done) {
      h.createUpdate(
              "UPDATE page_delivery SET state = 'CANCELLED' WHERE page_id = ? AND state ="
                  + " 'PENDING'")
          .bind(0, pageId)
          .execute();
    }
    return done;
  }

  /** Marks a link's nonce used; false when it was used already. */
  boolean useLink(Handle h, String nonce, long pageId, Instant at) {
    if (h.createQuery("SELECT COUNT(*) FROM page_ack_link WHERE nonce = ?")
            .bind(0, nonce)
            .mapTo(Integer.class)
            .one()
        > 0) {
      return false;
    }
    h.createUpdate("INSERT INTO page_ack_link (nonce, page_id, used_at) VALUES (?, ?, ?)")
        .bind(0, nonce)
        .bind(1, pageId)
        .bind(2, ts(at))
        .execute();
    return true;
  }

  boolean linkUsed(String nonce) {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT COUNT(*) FROM page_ack_link WHERE nonce = ?")
                .bind(0, nonce)
                .mapTo(Integer.class)
                .one()
            > 0);
  }

  void addDelivery(
      Handle h, long pageId, int level, int round, String person, String channel, Instant at) {
    h.createUpdate(
            "INSERT INTO page_delivery (page_id, level, round, person, channel, state, attempts,"
                + " next_attempt) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?)")
        .bind(0, pageId)
        .bind(1, level)
        .bind(2, round)
        .bind(3, person)
        .bind(4, channel)
        .bind(5, ts(at))
        .execute();
  }

  List<Delivery> due(Instant now, int limit) {
    return jdbi.withHandle(h ->
        h.createQuery(
                "SELECT * FROM page_delivery WHERE state = 'PENDING' AND next_attempt <= ?"
                    + " ORDER BY next_attempt, id")
            .bind(0, ts(now))
            .setMaxRows(limit)
            .map((rs, c) -> delivery(rs))
            .list());
  }

  public List<Delivery> deliveries(long pageId) {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT * FROM page_delivery WHERE page_id = ? ORDER BY id")
            .bind(0, pageId)
            .map((rs, c) -> delivery(rs))
            .list());
  }

  /** One attempt's end: SENT, FAILED, or PENDING again at {@code next}; guarded on attempts. */
  boolean attempted(
      Handle h, Delivery d, String state, Instant next, Instant sentAt, String error) {
    return h.createUpdate(
                "UPDATE page_delivery SET state = ?, attempts = ?, next_attempt = ?, sent_at = ?,"
                    + " last_error = ? WHERE id = ? AND state = 'PENDING' AND attempts = ?")
            .bind(0, state)
            .bind(1, d.attempts() + 1)
            .bind(2, ts(next == null ? d.nextAttempt() : next))
            .bindByType(3, sentAt == null ? null : ts(sentAt), OffsetDateTime.class)
            .bind(4, error == null ? null : cut(error, 500))
            .bind(5, d.id())
            .bind(6, d.attempts())
            .execute()
        == 1;
  }

  void event(
      Handle h,
      long pageId,
      Instant at,
      String kind,
      String person,
      String channel,
      Integer level,
      String detail) {
    h.createUpdate(
            "INSERT INTO page_event (page_id, at, kind, person, channel, level, detail) VALUES (?,"
                + " ?, ?, ?, ?, ?, ?)")
        .bind(0, pageId)
        .bind(1, ts(at))
        .bind(2, kind)
        .bind(3, person)
        .bind(4, channel)
        .bind(5, level)
        .bind(6, detail == null ? null : cut(detail, 500))
        .execute();
  }

  public List<Event> events(long pageId) {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT * FROM page_event WHERE page_id = ? ORDER BY id")
            .bind(0, pageId)
            .setMaxRows(500)
            .map((rs, c) ->
                new Event(
                    rs.getLong("id"),
                    rs.getLong("page_id"),
                    instant(rs, "at"),
                    rs.getString("kind"),
                    rs.getString("person"),
                    rs.getString("channel"),
                    (Integer) rs.getObject("level", Integer.class),
                    rs.getString("detail")))
            .list());
  }

  private static Page page(ResultSet rs) throws SQLException {
    return new Page(
        rs.getLong("id"),
        rs.getLong("incident_id"),
        rs.getString("incident_number"),
        rs.getString("severity"),
        rs.getString("trigger_reason"),
        State.valueOf(rs.getString("state")),
        instant(rs, "created"),
        rs.getInt("level"),
        rs.getInt("round"),
        instant(rs, "next_escalation"),
        instant(rs, "acknowledged_at"),
        rs.getString("acknowledged_by"),
        rs.getString("acknowledged_via"));
  }

  private static Delivery delivery(ResultSet rs) throws SQLException {
    return new Delivery(
        rs.getLong("id"),
        rs.getLong("page_id"),
        rs.getInt("level"),
        rs.getInt("round"),
        rs.getString("person"),
        rs.getString("channel"),
        rs.getString("state"),
        rs.getInt("attempts"),
        instant(rs, "next_attempt"),
        instant(rs, "sent_at"),
        rs.getString("last_error"));
  }

  private static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static OffsetDateTime ts(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
