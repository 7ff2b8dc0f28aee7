package dev.vigie.server.incident;

import static dev.vigie.server.incident.IncidentRows.instant;
import static dev.vigie.server.incident.IncidentRows.json;
import static dev.vigie.server.incident.IncidentRows.ts;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigie.incident.obligation.Impact;
import dev.vigie.incident.obligation.ObligationKind;
import dev.vigie.incident.obligation.ObligationStore;
import dev.vigie.incident.obligation.Submission;
import dev.vigie.server.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@link ObligationStore} over the server's database (tables of migration V10, H2 or PostgreSQL).
 * Each method is one statement or one transaction. {@link #claimReminder} is an insert on the
 * primary key {@code (incident_id, reminder)}: of two claims, one inserts and the other gets a
 * unique violation (false), so a reminder fires once across threads and restarts.
 */
public final class JdbiObligationStore implements ObligationStore {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private final Jdbi jdbi;

  public JdbiObligationStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<Impact> impact(long incidentId) {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT * FROM incident_impact WHERE incident_id = :i")
            .bind("i", incidentId)
            .map((rs, c) -> impact(rs))
            .findOne());
  }

  @Override
  public void saveImpact(long incidentId, Impact i) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM incident_impact WHERE incident_id = :i")
          .bind("i", incidentId)
          .execute();
      h.createUpdate(
              "INSERT INTO incident_impact (incident_id, unavailable_from, unavailable_until,"
                  + " degraded_from, degraded_until, users_affected, suspected_malicious,"
                  + " cross_border, indicators) VALUES (:i, :uf, :uu, :df, :du, :users, :mal,"
                  + " :cb, :ind)")
          .bind("i", incidentId)
          .bind("uf", ts(i.unavailableFrom()))
          .bind("uu", ts(i.unavailableUntil()))
          .bind("df", ts(i.degradedFrom()))
          .bind("du", ts(i.degradedUntil()))
          .bind("users", i.usersAffected())
          .bind("mal", i.suspectedMalicious())
          .bind("cb", i.crossBorder())
          .bind("ind", json(i.indicators()))
          .execute();
    });
  }

  @Override
  public Map<ObligationKind, Submission> submissions(long incidentId) {
    var out = new EnumMap<ObligationKind, Submission>(ObligationKind.class);
    jdbi.useHandle(h ->
        h.createQuery("SELECT * FROM incident_submission WHERE incident_id = :i")
            .bind("i", incidentId)
            .map((rs, c) ->
                new Submission(
                    ObligationKind.valueOf(rs.getString("kind")),
                    instant(rs, "submitted_at"),
                    rs.getString("reference"),
                    rs.getString("author"),
                    instant(rs, "recorded_at")))
            .forEach(s -> out.put(s.kind(), s)));
    return out;
  }

  @Override
  public void saveSubmission(long incidentId, Submission s) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM incident_submission WHERE incident_id = :i AND kind = :k")
          .bind("i", incidentId)
          .bind("k", s.kind().name())
          .execute();
      h.createUpdate(
              "INSERT INTO incident_submission (incident_id, kind, submitted_at, reference,"
                  + " author, recorded_at) VALUES (:i, :k, :at, :ref, :author, :rec)")
          .bind("i", incidentId)
          .bind("k", s.kind().name())
          .bind("at", ts(s.submittedAt()))
          .bind("ref", s.reference())
          .bind("author", s.author() == null ? "api" : s.author())
          .bind("rec", ts(s.recordedAt()))
          .execute();
    });
  }

  @Override
  public boolean claimReminder(long incidentId, String key, Instant at) {
    try {
      jdbi.useHandle(h ->
          h.createUpdate(
                  "INSERT INTO obligation_reminder (incident_id, reminder, fired_at)"
                      + " VALUES (:i, :k, :at)")
              .bind("i", incidentId)
              .bind("k", key)
              .bind("at", ts(at))
              .execute());
      return true;
    } catch (UnableToExecuteStatementException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SQLException s && "23505".equals(s.getSQLState())) return false;
      }
      throw e;
    }
  }

  @Override
  public boolean reminded(long incidentId, String key) {
    return jdbi.withHandle(h ->
        h.createQuery(
                    "SELECT COUNT(*) FROM obligation_reminder WHERE incident_id = :i AND reminder = :k")
                .bind("i", incidentId)
                .bind("k", key)
                .mapTo(Long.class)
                .one()
            > 0);
  }

  private static Impact impact(ResultSet rs) throws SQLException {
    return new Impact(
        instant(rs, "unavailable_from"),
        instant(rs, "unavailable_until"),
        instant(rs, "degraded_from"),
        instant(rs, "degraded_until"),
        (Long) rs.getObject("users_affected", Long.class),
        (Boolean) rs.getObject("suspected_malicious", Boolean.class),
        (Boolean) rs.getObject("cross_border", Boolean.class),
        read(rs.getString("indicators")));
  }

  private static List<String> read(String text) {
    try {
      return Json.mapper().readValue(text, STRINGS);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored indicators are unreadable", e);
    }
  }
}
