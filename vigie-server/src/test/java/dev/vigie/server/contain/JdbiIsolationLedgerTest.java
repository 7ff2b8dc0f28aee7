package dev.vigie.server.contain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationState;
import dev.vigie.contain.Reason;
import dev.vigie.contain.Target;
import dev.vigie.contain.ledger.AuditEntry;
import dev.vigie.detect.inventory.Cidr;
import dev.vigie.server.PostgresServer;
import dev.vigie.server.storage.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL ledger and audit trail on H2 (file, reopened) and on a real PostgreSQL server. */
class JdbiIsolationLedgerTest {
  @TempDir Path dir;
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void h2KeepsEveryFieldAcrossReopen() {
    String url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL";
    Isolation active;
    try (Database db = Database.open(url, "", "")) {
      active = exercise(db);
    }
    try (Database db = Database.open(url, "", "")) {
      assertThat(new JdbiIsolationLedger(db.jdbi()).find(active.id())).contains(active);
    }
  }

  @Test
  void postgresqlServesTheSameQueries() throws Exception {
    try (PostgresServer pg = PostgresServer.start();
        Database db = Database.open(pg.jdbcUrl(), pg.user(), "")) {
      exercise(db);
    }
  }

  /** Saves, replaces and queries; returns the entry left ACTIVE. */
  private static Isolation exercise(Database db) {
    JdbiIsolationLedger ledger = new JdbiIsolationLedger(db.jdbi());
    Target src = Target.Source.parse("2001:db8:7::1");
    Target pbx = new Target.Machine("pbx-acme", List.of(Cidr.parse("10.0.1.15")));
    Isolation a =
        Isolation.pending(
            "a", src, Reason.ISOLATE, "scan", "alert-1", T0, Duration.ofMinutes(10), "auto", false);
    Isolation b =
        Isolation.pending(
            "b", pbx, Reason.ASK_OPERATOR, "ask", null, T0.plusSeconds(1), null, "auto", false);
    ledger.save(a);
    ledger.save(b);
    Isolation activeA = a.activate(T0.plusSeconds(2), "auto", false);
    ledger.save(activeA); // replaces the row of the same id
    assertThat(ledger.find("a")).contains(activeA);
    assertThat(ledger.find("zzz")).isEmpty();
    assertThat(ledger.inState(IsolationState.ACTIVE)).containsExactly(activeA);
    assertThat(ledger.inState(IsolationState.PENDING_APPROVAL)).containsExactly(b);
    assertThat(ledger.activatedSince(T0.plusSeconds(2))).containsExactly(activeA);
    assertThat(ledger.activatedSince(T0.plusSeconds(3))).isEmpty();
    Isolation rejected = b.end(IsolationState.RELEASED, T0.plusSeconds(5), "ops");
    ledger.save(rejected);
    assertThat(ledger.recent(null, 10)).containsExactly(rejected, activeA);
    assertThat(ledger.recent(IsolationState.RELEASED, 10)).containsExactly(rejected);
    assertThat(ledger.count(IsolationState.ACTIVE)).isEqualTo(1);

    var metrics = new SimpleMeterRegistry();
    JdbiAuditTrail audit = new JdbiAuditTrail(db.jdbi(), metrics);
    audit.record(
        new AuditEntry(
            T0,
            Reason.PROTECTED,
            null,
            "alert-2",
            "203.0.113.5",
            "auto",
            "203.0.113.5 is in protected range 203.0.113.0/24"));
    audit.record(new AuditEntry(T0, Reason.ISOLATE, "a", "alert-1", src.toString(), "auto", "x"));
    var rows = audit.recent(2);
    assertThat(rows.get(0)).containsEntry("reason", "ISOLATE").containsEntry("isolationId", "a");
    assertThat(rows.get(1))
        .containsEntry("reason", "PROTECTED")
        .containsEntry("alertId", "alert-2")
        .containsEntry("action", "containment");
    assertThat(metrics.counter("vigie_containment_decisions", "reason", "PROTECTED").count())
        .isEqualTo(1.0);
    return activeA;
  }
}
