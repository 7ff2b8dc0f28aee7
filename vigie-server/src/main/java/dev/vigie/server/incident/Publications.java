package dev.vigie.server.incident;

import dev.vigie.incident.notify.PublicStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Which incidents clients may hear about, and the public texts written for them (schema {@code
 * V8__publication.sql}). An incident is published when an operator opened it by hand (no
 * correlation key), or when a row here says so: an operator published it, or the policy ({@link
 * PublicationPolicy}) made its kind automatic. Public updates are stored here as written for
 * clients, apart from the timeline, so that the status page reads only public text. Thread-safe;
 * each call is one statement or one transaction.
 */
public final class Publications {
  /** A publication: public title and impact (null: none given) and who published when. */
  public record Publication(
      long incidentId, String publicTitle, String publicImpact, Instant at, String by) {}

  /**
   * A public update as written for clients: {@code text} in French (or the one language it was
   * written in), {@code textEn} in English or null.
   */
  public record Update(
      long incidentId, Instant at, PublicStatus status, String text, String textEn) {
    /** The text in a page's language: English when written, else the one text. */
    public String text(boolean french) {
      return french || textEn == null ? text : textEn;
    }
  }

  private final Jdbi jdbi;
  private final WriteListeners listeners = new WriteListeners("publications");

  public Publications(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Calls {@code listener} after every write (a publication, a public update). */
  public void onWrite(Runnable listener) {
    listeners.add(listener);
  }

  /**
   * Publishes an incident (again: the texts are replaced when given, kept when null).
   *
   * @return the publication as stored
   */
  public Publication publish(
      long incidentId, String publicTitle, String publicImpact, Instant at, String by) {
    try {
      return publishTx(incidentId, publicTitle, publicImpact, at, by);
    } finally {
      listeners.written();
    }
  }

  private Publication publishTx(
      long incidentId, String publicTitle, String publicImpact, Instant at, String by) {
    return jdbi.inTransaction(h -> {
      boolean prior =
          h.createQuery("SELECT COUNT(*) FROM incident_publication WHERE incident_id = :id")
                  .bind("id", incidentId)
                  .mapTo(Integer.class)
                  .one()
              > 0;
      if (prior) {
        h.execute(
            "UPDATE incident_publication SET public_title = COALESCE(?, public_title),"
                + " public_impact = COALESCE(?, public_impact) WHERE incident_id = ?",
            publicTitle,
            publicImpact,
            incidentId);
      } else {
        h.execute(
            "INSERT INTO incident_publication (incident_id, public_title, public_impact,"
                + " published_at, published_by) VALUES (?, ?, ?, ?, ?)",
            incidentId,
            publicTitle,
            publicImpact,
            Timestamp.from(at),
            by);
      }
      return h.createQuery(
              "SELECT incident_id, public_title, public_impact, published_at, published_by"
                  + " FROM incident_publication WHERE incident_id = :id")
          .bind("id", incidentId)
          .map((rs, ctx) -> row(rs))
          .one();
    });
  }

  /** The publication of an incident, if any. */
  public Optional<Publication> find(long incidentId) {
    return jdbi.withHandle(h ->
        h.createQuery(
                "SELECT incident_id, public_title, public_impact, published_at, published_by"
                    + " FROM incident_publication WHERE incident_id = :id")
            .bind("id", incidentId)
            .map((rs, ctx) -> row(rs))
            .findOne());
  }

  /** The publications of some incidents, by incident id (one query). */
  public Map<Long, Publication> of(List<Long> incidentIds) {
    if (incidentIds.isEmpty()) return Map.of();
    return jdbi.withHandle(h ->
        h
            .createQuery(
                "SELECT incident_id, public_title, public_impact, published_at, published_by"
                    + " FROM incident_publication WHERE incident_id IN (<ids>)")
            .bindList("ids", incidentIds)
            .map((rs, ctx) -> row(rs))
            .list()
            .stream()
            .collect(java.util.stream.Collectors.toMap(Publication::incidentId, p -> p)));
  }

  /** Stores a public update written in one language. */
  public void addUpdate(long incidentId, Instant at, PublicStatus status, String text, String by) {
    addUpdate(incidentId, at, status, text, null, by);
  }

  /** Stores a public update in French ({@code text}) and English ({@code textEn}, may be null). */
  public void addUpdate(
      long incidentId, Instant at, PublicStatus status, String text, String textEn, String by) {
    try {
      jdbi.useHandle(h ->
          h.execute(
              "INSERT INTO public_update (incident_id, at, status, body, body_en, author) VALUES"
                  + " (?, ?, ?, ?, ?, ?)",
              incidentId,
              Timestamp.from(at),
              status.name(),
              text,
              textEn,
              by));
    } finally {
      listeners.written();
    }
  }

  /** The public updates of an incident, oldest first. */
  public List<Update> updates(long incidentId) {
    return jdbi.withHandle(h ->
        h.createQuery(
                "SELECT incident_id, at, status, body, body_en FROM public_update WHERE incident_id = :id"
                    + " ORDER BY at, id")
            .bind("id", incidentId)
            .map((rs, ctx) ->
                new Update(
                    rs.getLong("incident_id"),
                    rs.getObject("at", OffsetDateTime.class).toInstant(),
                    PublicStatus.valueOf(rs.getString("status")),
                    rs.getString("body"),
                    rs.getString("body_en")))
            .list());
  }

  private static Publication row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Publication(
        rs.getLong("incident_id"),
        rs.getString("public_title"),
        rs.getString("public_impact"),
        rs.getObject("published_at", OffsetDateTime.class).toInstant(),
        rs.getString("published_by"));
  }
}
