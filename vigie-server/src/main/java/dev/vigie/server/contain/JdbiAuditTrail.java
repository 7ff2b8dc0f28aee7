package dev.vigie.server.contain;

import dev.vigie.contain.ledger.AuditEntry;
import dev.vigie.contain.ledger.AuditTrail;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The containment audit trail in the shared {@code audit} table (action {@code containment}, the
 * reason, the target, the detail, and the isolation and alert ids of V3). Every entry also counts
 * in {@code vigie_containment_decisions_total{reason}}. Called under the containment service's
 * lock: one INSERT, nothing else.
 */
public final class JdbiAuditTrail implements AuditTrail {
  /** The {@code action} column of containment rows. */
  public static final String ACTION = "containment";

  private final Jdbi jdbi;
  private final MeterRegistry metrics;

  public JdbiAuditTrail(Jdbi jdbi, MeterRegistry metrics) {
    this.jdbi = jdbi;
    this.metrics = metrics;
  }

  @Override
  public void record(AuditEntry e) {
    write(e, e.reason().name());
  }

  /** A row (and a count) whose reason may be other than {@code e.reason()} (EXTENDED). */
  public void write(AuditEntry e, String reason) {
    metrics.counter("vigie_containment_decisions", "reason", reason).increment();
    jdbi.useHandle(h ->
        h.execute(
            "INSERT INTO audit (at, actor, action, target, reason, details, isolation_id,"
                + " alert_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            Timestamp.from(e.at()),
            e.actor(),
            ACTION,
            e.target(),
            reason,
            e.detail(),
            e.isolationId(),
            e.alertId()));
  }

  /** The latest audit rows (containment and others), newest first. */
  public List<Map<String, Object>> recent(int limit) {
    return jdbi.withHandle(h ->
        h.createQuery(
                "SELECT id, at, actor, action, target, reason, details, isolation_id, alert_id"
                    + " FROM audit ORDER BY id DESC LIMIT :n")
            .bind("n", limit)
            .map((rs, ctx) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("id", rs.getLong("id"));
              m.put("at", rs.getTimestamp("at").toInstant());
              m.put("actor", rs.getString("actor"));
              m.put("action", rs.getString("action"));
              m.put("target", rs.getString("target"));
              m.put("reason", rs.getString("reason"));
              m.put("detail", rs.getString("details"));
              m.put("isolationId", rs.getString("isolation_id"));
              m.put("alertId", rs.getString("alert_id"));
              return m;
            })
            .list());
  }
}
