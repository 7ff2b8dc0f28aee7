package dev.vigie.server.storage;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The audit trail: every containment decision (including refusals, with their reason), every
 * threshold change and every operator action, append-only.
 */
public final class AuditLog {
  private final Jdbi jdbi;

  public AuditLog(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** One row, written in its own transaction. */
  public void record(
      Instant at, String actor, String action, String target, String reason, String details) {
    jdbi.useHandle(h -> record(h, at, actor, action, target, reason, details));
  }

  /** One row, inside the caller's transaction. */
  public static void record(
      Handle h,
      Instant at,
      String actor,
      String action,
      String target,
      String reason,
      String details) {
    h.execute(
        "INSERT INTO audit (at, actor, action, target, reason, details) VALUES (?, ?, ?, ?, ?, ?)",
        Timestamp.from(at),
        actor,
        action,
        target,
        reason,
        details);
  }

  /** The latest rows, newest first. */
  public List<Map<String, Object>> recent(int limit) {
    return jdbi.withHandle(h ->
        h.createQuery(
                "SELECT id, at, actor, action, target, reason, details FROM audit ORDER BY id DESC LIMIT :n")
            .bind("n", limit)
            .map((rs, ctx) ->
                Map.<String, Object>of(
                    "id", rs.getLong("id"),
                    "at", rs.getTimestamp("at").toInstant(),
                    "actor", rs.getString("actor"),
                    "action", rs.getString("action"),
                    "target", String.valueOf(rs.getString("target")),
                    "reason", String.valueOf(rs.getString("reason")),
                    "details", String.valueOf(rs.getString("details"))))
            .list());
  }
}
