package dev.vigie.server.notify;

import dev.vigie.incident.Language;
import dev.vigie.incident.notify.Notification;
import dev.vigie.incident.notify.NotificationState;
import dev.vigie.incident.notify.NotificationType;
import dev.vigie.incident.notify.Outbox;
import dev.vigie.incident.notify.Recipient;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The {@link Outbox} as the {@code notification} table (V5 migration), on H2 and PostgreSQL.
 *
 * <p>Each method is one statement in its own transaction. Transitions are the guarded updates the
 * SPI's Javadoc gives ({@code WHERE id = :id AND state = 'PENDING' AND attempts = :attempts - 1}):
 * the update count says whether the compare-and-set applied, so a stale worker never overwrites a
 * newer state. Enqueue relies on the unique constraint on {@code dedup_key}: a unique violation
 * (SQLSTATE 23505) with the key present is {@link Enqueued#DUPLICATE}, which is also right when two
 * threads enqueue the same notice at once. {@code due} uses the {@code (state, next_attempt)}
 * index. Thread-safe (a connection pool underneath).
 */
public final class JdbiOutbox implements Outbox {
  private static final String COLUMNS =
      "id, type, incident_id, incident_number, client_id, client_name, email, language, subject,"
          + " text_body, html_body, created, attempts, next_attempt, state, sent_at, last_error,"
          + " dedup_key";
  private static final String GUARD = " WHERE id = :id AND state = 'PENDING' AND attempts = :prev";

  private final Jdbi jdbi;

  public JdbiOutbox(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Enqueued enqueue(Notification n) {
    if (n.state() != NotificationState.PENDING || n.attempts() != 0) {
      throw new IllegalArgumentException(
          "outbox: only new pending notifications can be enqueued, got "
              + n.state()
              + " after "
              + n.attempts()
              + " attempts");
    }
    try {
      jdbi.useHandle(h ->
          h.createUpdate(
                  "INSERT INTO notification ("
                      + COLUMNS
                      + ") VALUES (:id, :type, :incidentId, :incidentNumber, :clientId,"
                      + " :clientName, :email, :language, :subject, :text, :html, :created, 0,"
                      + " :next, 'PENDING', NULL, NULL, :dedup)")
              .bind("id", n.id())
              .bind("type", n.type().name())
              .bind("incidentId", n.incidentId())
              .bind("incidentNumber", n.incidentNumber())
              .bind("clientId", n.recipient().clientId())
              .bind("clientName", n.recipient().clientName())
              .bind("email", n.recipient().email())
              .bind("language", n.recipient().language().code())
              .bind("subject", n.subject())
              .bind("text", n.textBody())
              .bind("html", n.htmlBody())
              .bind("created", ts(n.created()))
              .bind("next", ts(n.nextAttempt()))
              .bind("dedup", n.dedupKey())
              .execute());
      return Enqueued.ENQUEUED;
    } catch (UnableToExecuteStatementException e) {
      if (!uniqueViolation(e)) throw e;
      if (exists("dedup_key", n.dedupKey())) return Enqueued.DUPLICATE;
      throw new IllegalArgumentException("outbox: id already stored: " + n.id(), e);
    }
  }

  @Override
  public List<Notification> due(Instant now, int limit) {
    return jdbi.withHandle(h ->
        h.createQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM notification WHERE state = 'PENDING' AND next_attempt <= :now"
                    + " ORDER BY next_attempt, created, id LIMIT :limit")
            .bind("now", ts(now))
            .bind("limit", limit)
            .map(JdbiOutbox::row)
            .list());
  }

  @Override
  public boolean markSent(UUID id, int attempts, Instant at) {
    return jdbi.withHandle(h ->
        h.createUpdate(
                    "UPDATE notification SET state = 'SENT', attempts = :attempts, sent_at = :at,"
                        + " last_error = NULL"
                        + GUARD)
                .bind("id", id)
                .bind("attempts", attempts)
                .bind("prev", attempts - 1)
                .bind("at", ts(at))
                .execute()
            == 1);
  }

  @Override
  public boolean markFailed(UUID id, int attempts, Instant next, String error) {
    return jdbi.withHandle(h ->
        h.createUpdate(
                    "UPDATE notification SET attempts = :attempts, next_attempt = :next,"
                        + " last_error = :error"
                        + GUARD)
                .bind("id", id)
                .bind("attempts", attempts)
                .bind("prev", attempts - 1)
                .bind("next", ts(next))
                .bind("error", clip(error))
                .execute()
            == 1);
  }

  @Override
  public boolean markPermanent(UUID id, int attempts, String error) {
    return jdbi.withHandle(h ->
        h.createUpdate(
                    "UPDATE notification SET state = 'FAILED_PERMANENTLY', attempts = :attempts,"
                        + " last_error = :error"
                        + GUARD)
                .bind("id", id)
                .bind("attempts", attempts)
                .bind("prev", attempts - 1)
                .bind("error", clip(error))
                .execute()
            == 1);
  }

  /**
   * Puts a FAILED_PERMANENTLY notification back in the queue, due at {@code now}, with its attempt
   * count reset (the last error is kept until the next attempt replaces it): an operator's retry
   * from the outbox page. False when it is not (or no longer) failed.
   */
  public boolean retry(UUID id, Instant now) {
    return jdbi.withHandle(h ->
        h.createUpdate(
                    "UPDATE notification SET state = 'PENDING', attempts = 0, next_attempt = :now"
                        + " WHERE id = :id AND state = 'FAILED_PERMANENTLY'")
                .bind("id", id)
                .bind("now", ts(now))
                .execute()
            == 1);
  }

  @Override
  public Optional<Notification> find(UUID id) {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT " + COLUMNS + " FROM notification WHERE id = :id")
            .bind("id", id)
            .map(JdbiOutbox::row)
            .findOne());
  }

  /** Notifications in a state (all when null), newest first, at most {@code limit}. */
  public List<Notification> list(NotificationState state, int limit) {
    return jdbi.withHandle(h ->
        h.createQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM notification"
                    + (state == null ? "" : " WHERE state = :state")
                    + " ORDER BY created DESC, id LIMIT :limit")
            .bind("state", state == null ? null : state.name())
            .bind("limit", limit)
            .map(JdbiOutbox::row)
            .list());
  }

  /** How many notifications are in a state. */
  public int count(NotificationState state) {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT COUNT(*) FROM notification WHERE state = :state")
            .bind("state", state.name())
            .mapTo(Integer.class)
            .one());
  }

  /** SENT notifications about an incident whose timeline entry is not written yet, oldest first. */
  public List<Notification> sentWithoutTimeline(int limit) {
    return jdbi.withHandle(h ->
        h.createQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM notification WHERE state = 'SENT' AND timeline_recorded = FALSE"
                    + " AND incident_id IS NOT NULL ORDER BY sent_at, id LIMIT :limit")
            .bind("limit", limit)
            .map(JdbiOutbox::row)
            .list());
  }

  /** Records that the timeline entry of a sent notification is written. */
  public void markTimelineRecorded(UUID id) {
    jdbi.useHandle(h ->
        h.createUpdate("UPDATE notification SET timeline_recorded = TRUE WHERE id = :id")
            .bind("id", id)
            .execute());
  }

  private boolean exists(String column, String value) {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT COUNT(*) FROM notification WHERE " + column + " = :v")
                .bind("v", value)
                .mapTo(Integer.class)
                .one()
            > 0);
  }

  private static Notification row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Notification(
        rs.getObject("id", UUID.class),
        NotificationType.valueOf(rs.getString("type")),
        rs.getString("incident_id"),
        rs.getString("incident_number"),
        new Recipient(
            rs.getString("client_id"),
            rs.getString("client_name"),
            rs.getString("email"),
            Language.parse(rs.getString("language"))),
        rs.getString("subject"),
        rs.getString("text_body"),
        rs.getString("html_body"),
        instant(rs, "created"),
        rs.getInt("attempts"),
        instant(rs, "next_attempt"),
        NotificationState.valueOf(rs.getString("state")),
        instant(rs, "sent_at"),
        rs.getString("last_error"),
        rs.getString("dedup_key"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime ts(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private static String clip(String error) {
    if (error == null) return null;
    String one = error.replaceAll("[\\r\\n]+", " ");
    return one.length() <= 1000 ? one : one.substring(0, 997) + "...";
  }

  private static boolean uniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "23505".equals(s.getSQLState())) return true;
    }
    return false;
  }
}
