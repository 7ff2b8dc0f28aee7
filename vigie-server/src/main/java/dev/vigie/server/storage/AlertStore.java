package dev.vigie.server.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.server.Json;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Alerts as stored: one row per episode, replaced by each newer revision (a stale revision never
 * overwrites a newer one). Evidence is kept as JSON text.
 */
public final class AlertStore {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private final Jdbi jdbi;

  public AlertStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Inserts the alert or, when its revision is newer than the stored one, replaces it. */
  public void save(Alert a, Instant now) {
    String evidence;
    try {
      evidence = Json.mapper().writeValueAsString(a.evidence());
    } catch (JsonProcessingException e) {
      evidence = "{}";
    }
    String ev = evidence;
    jdbi.useTransaction(h -> {
      Integer rev =
          h.createQuery("SELECT revision FROM alert WHERE id = :id")
              .bind("id", a.id())
              .mapTo(Integer.class)
              .findOne()
              .orElse(null);
      if (rev != null && rev >= a.revision()) return;
      if (rev != null) h.execute("DELETE FROM alert WHERE id = ?", a.id());
      h.createUpdate(
              "INSERT INTO alert (id, revision, kind, severity, source, machine, first_seen,"
                  + " detected_at, last_seen, summary, evidence, updated_at) VALUES (:id, :rev,"
                  + " :kind, :sev, :src, :machine, :first, :detected, :last, :summary, :ev, :now)")
          .bind("id", a.id())
          .bind("rev", a.revision())
          .bind("kind", a.kind().name())
          .bind("sev", a.severity().name())
          .bind("src", a.source())
          .bind("machine", a.machine())
          .bind("first", Timestamp.from(a.firstSeen()))
          .bind("detected", Timestamp.from(a.detectedAt()))
          .bind("last", Timestamp.from(a.lastSeen()))
          .bind("summary", a.summary())
          .bind("ev", ev)
          .bind("now", Timestamp.from(now))
          .execute();
    });
  }

  /** Most recent first. */
  public List<Alert> recent(int limit, Instant since) {
    return jdbi.withHandle(h ->
        h.createQuery(
                "SELECT * FROM alert WHERE detected_at >= :since ORDER BY detected_at DESC, id"
                    + " LIMIT :limit")
            .bind("since", Timestamp.from(since == null ? Instant.EPOCH : since))
            .bind("limit", limit)
            .map(AlertStore::alert)
            .list());
  }

  /**
   * The stored episodes of {@code kind} that no revision closed (evidence without {@code
   * recoveredAt}), oldest first: what a previous run left open when it stopped.
   */
  public List<Alert> unresolved(AlertKind kind) {
    return jdbi.withHandle(h ->
        h.createQuery(
                "SELECT * FROM alert WHERE kind = :kind AND evidence NOT LIKE :recovered"
                    + " ORDER BY first_seen, id LIMIT 10000")
            .bind("kind", kind.name())
            .bind("recovered", "%\"recoveredAt\"%")
            .map(AlertStore::alert)
            .list());
  }

  private static Alert alert(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new Alert(
        rs.getString("id"),
        rs.getInt("revision"),
        AlertKind.valueOf(rs.getString("kind")),
        Severity.valueOf(rs.getString("severity")),
        rs.getString("source"),
        rs.getString("machine"),
        rs.getTimestamp("first_seen").toInstant(),
        rs.getTimestamp("detected_at").toInstant(),
        rs.getTimestamp("last_seen").toInstant(),
        rs.getString("summary"),
        readEvidence(rs.getString("evidence")));
  }

  private static Map<String, Object> readEvidence(String json) {
    try {
      return Json.mapper().readValue(json, MAP);
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }
}
