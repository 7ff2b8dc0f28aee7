package dev.vigie.server.comms;

import dev.vigie.incident.notify.PublicStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Client update drafts (schema {@code V12__client_updates.sql}): written, saved as often as needed,
 * then published once or discarded. Every change is a guarded UPDATE on {@code (id, state =
 * 'DRAFT', version)}, so two operators (or a double click) cannot publish one draft twice or save
 * over each other. Thread-safe; one statement per call.
 */
public final class Drafts {
  /** A draft's state. */
  public enum State {
    DRAFT,
    PUBLISHED,
    DISCARDED
  }

  /** A draft as stored. {@code recipients} is set once published. */
  public record Draft(
      long id,
      long incidentId,
      PublicStatus status,
      String textFr,
      String textEn,
      State state,
      int version,
      Instant createdAt,
      String createdBy,
      Instant publishedAt,
      String publishedBy,
      Integer recipients) {}

  private static final String COLUMNS =
      "id, incident_id, status, text_fr, text_en, state, version, created_at, created_by,"
          + " published_at, published_by, recipients";
  private final Jdbi jdbi;

  public Drafts(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores a new draft. */
  public Draft create(
      long incidentId, PublicStatus status, String fr, String en, Instant at, String by) {
    long id =
        jdbi.withHandle(h ->
            h.createUpdate(
                    "INSERT INTO client_update_draft (incident_id, status, text_fr, text_en,"
                        + " state, version, created_at, created_by, updated_at) VALUES (:i, :s,"
                        + " :fr, :en, 'DRAFT', 1, :at, :by, :at)")
                .bind("i", incidentId)
                .bind("s", status.name())
                .bind("fr", fr)
                .bind("en", en)
                .bind("at", Timestamp.from(at))
                .bind("by", by)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    return find(id).orElseThrow();
  }

  public Optional<Draft> find(long id) {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT " + COLUMNS + " FROM client_update_draft WHERE id = :id")
            .bind("id", id)
            .map((rs, ctx) -> row(rs))
            .findOne());
  }

  /** The drafts of an incident, newest first (at most 200). */
  public List<Draft> of(long incidentId) {
    return jdbi.withHandle(h ->
        h.createQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM client_update_draft WHERE incident_id = :i ORDER BY id DESC LIMIT 200")
            .bind("i", incidentId)
            .map((rs, ctx) -> row(rs))
            .list());
  }

  /**
   * Saves new texts; false when the draft is no longer a draft or changed since {@code version}.
   */
  public boolean save(long id, int version, PublicStatus status, String fr, String en, Instant at) {
    return jdbi.withHandle(h ->
        h.execute(
            "UPDATE client_update_draft SET status = ?, text_fr = ?, text_en = ?, version ="
                + " version + 1, updated_at = ? WHERE id = ? AND state = 'DRAFT' AND version ="
                + " ?",
            status.name(),
            fr,
            en,
            Timestamp.from(at),
            id,
            version))
        == 1;
  }

  /** Marks a draft published; false when it was published, discarded or changed meanwhile. */
  public boolean markPublished(long id, int version, Instant at, String by, int recipients) {
    return jdbi.withHandle(h ->
        h.execute(
            "UPDATE client_update_draft SET state = 'PUBLISHED', version = version + 1,"
                + " published_at = ?, published_by = ?, recipients = ?, updated_at = ? WHERE"
                + " id = ? AND state = 'DRAFT' AND version = ?",
            Timestamp.from(at),
            by,
            recipients,
            Timestamp.from(at),
            id,
            version))
        == 1;
  }

  /** Records how many addresses a published draft was queued for. */
  public void recordRecipients(long id, int recipients) {
    jdbi.useHandle(h ->
        h.execute("UPDATE client_update_draft SET recipients = ? WHERE id = ?", recipients, id));
  }

  /** Discards a draft; false when it is no longer a draft. */
  public boolean discard(long id, Instant at) {
    return jdbi.withHandle(h ->
        h.execute(
            "UPDATE client_update_draft SET state = 'DISCARDED', version = version + 1,"
                + " updated_at = ? WHERE id = ? AND state = 'DRAFT'",
            Timestamp.from(at),
            id))
        == 1;
  }

  private static Draft row(ResultSet rs) throws SQLException {
    OffsetDateTime pub = rs.getObject("published_at", OffsetDateTime.class);
    int rec = rs.getInt("recipients");
    Integer recipients = rs.wasNull() ? null : rec;
    return new Draft(
        rs.getLong("id"),
        rs.getLong("incident_id"),
        PublicStatus.valueOf(rs.getString("status")),
        rs.getString("text_fr"),
        rs.getString("text_en"),
        State.valueOf(rs.getString("state")),
        rs.getInt("version"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getString("created_by"),
        pub == null ? null : pub.toInstant(),
        rs.getString("published_by"),
        recipients);
  }
}
