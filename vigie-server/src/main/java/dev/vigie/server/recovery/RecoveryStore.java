package dev.vigie.server.recovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigie.server.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Recovery runs in the database ({@code V9__recovery.sql}): a run row and one row per machine,
 * whose checks are one JSON text. A run is written whole when it starts and one machine row at a
 * time afterwards. Thread-safe (JDBI handles per call).
 */
public final class RecoveryStore {
  private static final TypeReference<List<RecoveryRun.Check>> CHECKS = new TypeReference<>() {};
  private final Jdbi jdbi;

  public RecoveryStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores a new run (its id is ignored) and answers it with its id. */
  public RecoveryRun create(RecoveryRun run) {
    return jdbi.inTransaction(h -> {
      long id =
          h.createUpdate(
                  "INSERT INTO recovery_run (incident_id, state, started_at, started_by)"
                      + " VALUES (:incident, :state, :at, :by)")
              .bind("incident", run.incidentId())
              .bind("state", run.state().name())
              .bind("at", ts(run.startedAt()))
              .bind("by", run.startedBy())
              .executeAndReturnGeneratedKeys("id")
              .mapTo(Long.class)
              .one();
      for (RecoveryRun.Machine m : run.machines()) insert(h, id, m);
      return new RecoveryRun(
          id,
          run.incidentId(),
          run.state(),
          run.startedAt(),
          run.startedBy(),
          null,
          null,
          run.machines());
    });
  }

  /** Replaces one machine's row. */
  public void save(long runId, RecoveryRun.Machine m) {
    jdbi.useTransaction(h -> {
      h.execute("DELETE FROM recovery_machine WHERE run_id = ? AND seq = ?", runId, m.position());
      insert(h, runId, m);
    });
  }

  /** Records the end of a run. */
  public void finish(long runId, Instant at, String by) {
    jdbi.useHandle(h ->
        h.execute(
            "UPDATE recovery_run SET state = 'FINISHED', finished_at = ?, finished_by = ?"
                + " WHERE id = ?",
            ts(at),
            by,
            runId));
  }

  public Optional<RecoveryRun> find(long runId) {
    return jdbi.withHandle(h -> load(h, "id = :v", runId).stream().findFirst());
  }

  /** The latest run of an incident. */
  public Optional<RecoveryRun> latest(long incidentId) {
    return jdbi.withHandle(h -> {
      List<RecoveryRun> all = load(h, "incident_id = :v", incidentId);
      return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    });
  }

  /** Runs still running (after a restart, the checker picks them up again). */
  public List<RecoveryRun> running() {
    return jdbi.withHandle(h -> load(h, "state = :v", "RUNNING"));
  }

  private static void insert(Handle h, long runId, RecoveryRun.Machine m) {
    h.createUpdate(
            "INSERT INTO recovery_machine (run_id, seq, machine_id, name, waits_for, status,"
                + " restarted_at, restarted_by, skip_reason, attempts, checked_at, passed_at,"
                + " checks, state_key) VALUES (:run, :pos, :machine, :name, :waits, :status,"
                + " :restartedAt, :restartedBy, :skip, :attempts, :checkedAt, :passedAt, :checks,"
                + " :key)")
        .bind("run", runId)
        .bind("pos", m.position())
        .bind("machine", m.machineId())
        .bind("name", m.name())
        .bind("waits", String.join(",", m.waitsFor()))
        .bind("status", m.status().name())
        .bind("restartedAt", ts(m.restartedAt()))
        .bind("restartedBy", m.restartedBy())
        .bind("skip", m.skipReason())
        .bind("attempts", m.attempts())
        .bind("checkedAt", ts(m.checkedAt()))
        .bind("passedAt", ts(m.passedAt()))
        .bind("checks", json(m.checks()))
        .bind("key", m.stateKey())
        .execute();
  }

  private static List<RecoveryRun> load(Handle h, String where, Object value) {
    List<RecoveryRun> runs =
        h.createQuery(
                "SELECT id, incident_id, state, started_at, started_by, finished_at, finished_by"
                    + " FROM recovery_run WHERE "
                    + where
                    + " ORDER BY id")
            .bind("v", value)
            .map((rs, ctx) ->
                new RecoveryRun(
                    rs.getLong("id"),
                    rs.getLong("incident_id"),
                    RecoveryRun.State.valueOf(rs.getString("state")),
                    instant(rs, "started_at"),
                    rs.getString("started_by"),
                    instant(rs, "finished_at"),
                    rs.getString("finished_by"),
                    List.of()))
            .list();
    return runs.stream()
        .map(r ->
            new RecoveryRun(
                r.id(),
                r.incidentId(),
                r.state(),
                r.startedAt(),
                r.startedBy(),
                r.finishedAt(),
                r.finishedBy(),
                machines(h, r.id())))
        .toList();
  }

  private static List<RecoveryRun.Machine> machines(Handle h, long runId) {
    return h.createQuery("SELECT * FROM recovery_machine WHERE run_id = :id ORDER BY seq")
        .bind("id", runId)
        .map((rs, ctx) -> machine(rs))
        .list();
  }

  private static RecoveryRun.Machine machine(ResultSet rs) throws SQLException {
    String waits = rs.getString("waits_for");
    return new RecoveryRun.Machine(
        rs.getInt("seq"),
        rs.getString("machine_id"),
        rs.getString("name"),
        waits.isEmpty() ? List.of() : Arrays.asList(waits.split(",")),
        RecoveryRun.Status.valueOf(rs.getString("status")),
        instant(rs, "restarted_at"),
        rs.getString("restarted_by"),
        rs.getString("skip_reason"),
        rs.getInt("attempts"),
        instant(rs, "checked_at"),
        instant(rs, "passed_at"),
        checks(rs.getString("checks")),
        rs.getString("state_key"));
  }

  private static List<RecoveryRun.Check> checks(String text) {
    try {
      return Json.mapper().readValue(text, CHECKS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("recovery_machine.checks: not readable JSON", e);
    }
  }

  private static String json(Object v) {
    try {
      return Json.mapper().writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("recovery checks cannot be written", e);
    }
  }

  private static OffsetDateTime ts(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String col) throws SQLException {
    var t = rs.getObject(col, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
