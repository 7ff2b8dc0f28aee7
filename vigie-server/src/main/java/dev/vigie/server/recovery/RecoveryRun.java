package dev.vigie.server.recovery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A guided recovery run of one incident, as stored and shown: its machines in the catalogue's order
 * (what others depend on first), each with its live checks. Immutable; the service replaces a run
 * by a new value on every change.
 */
public record RecoveryRun(
    long id,
    long incidentId,
    State state,
    Instant startedAt,
    String startedBy,
    Instant finishedAt,
    String finishedBy,
    List<Machine> machines) {

  public RecoveryRun {
    machines = List.copyOf(machines);
  }

  /** A run is RUNNING until an operator finishes it. */
  public enum State {
    RUNNING,
    FINISHED
  }

  /** Where a machine stands. */
  public enum Status {
    /** Not yet checked, or a check fails: re-checked on the interval. */
    WAITING,
    /** Every configured check passes (or the operator marked it restarted with none configured). */
    PASSED,
    /** Still failing after the maximum number of checks: an operator re-runs it or skips it. */
    GAVE_UP,
    /** Left out by an operator, with a reason. */
    SKIPPED
  }

  /** What one check looks at. */
  public enum CheckKind {
    /** Platform metrics under their blocking thresholds (Prometheus). */
    METRICS,
    /** The machine answers SIP OPTIONS. */
    SIP,
    /** Its phones registered again, against its usual level. */
    REGISTRATIONS,
    /** A client's proxy answers SIP OPTIONS (one check per client of the machine). */
    CLIENT_PROXY
  }

  /** The result of one check. */
  public enum CheckState {
    PASS,
    FAIL,
    NOT_CONFIGURED
  }

  /**
   * One check's last result.
   *
   * @param subject the client (CLIENT_PROXY), else null
   * @param facts what was measured: {@code code}, {@code rttMillis}, {@code reason} (SIP, proxy),
   *     {@code now}, {@code usual} (registrations), {@code readings} (metrics), {@code target}
   */
  public record Check(CheckKind kind, String subject, CheckState state, Map<String, Object> facts) {
    public Check {
      facts = facts == null ? Map.of() : Map.copyOf(facts);
    }
  }

  /**
   * One machine of the run.
   *
   * @param waitsFor the machines of the run it depends on (come before it)
   * @param attempts checks run since the start, the last restart mark or re-run
   * @param stateKey the state the last timeline row recorded (one row per change)
   */
  public record Machine(
      int position,
      String machineId,
      String name,
      List<String> waitsFor,
      Status status,
      Instant restartedAt,
      String restartedBy,
      String skipReason,
      int attempts,
      Instant checkedAt,
      Instant passedAt,
      List<Check> checks,
      String stateKey) {
    public Machine {
      waitsFor = List.copyOf(waitsFor);
      checks = List.copyOf(checks);
    }

    /** Passed or skipped: nothing more to do for it. */
    public boolean done() {
      return status == Status.PASSED || status == Status.SKIPPED;
    }

    Machine with(Status s, int n, Instant checked, Instant passed, List<Check> c, String key) {
      return new Machine(
          position,
          machineId,
          name,
          waitsFor,
          s,
          restartedAt,
          restartedBy,
          skipReason,
          n,
          checked,
          passed,
          c,
          key);
    }

    Machine restarted(Instant at, String by) {
      return new Machine(
          position,
          machineId,
          name,
          waitsFor,
          Status.WAITING,
          at,
          by,
          null,
          0,
          checkedAt,
          null,
          checks,
          stateKey);
    }

    Machine skipped(String reason) {
      return new Machine(
          position,
          machineId,
          name,
          waitsFor,
          Status.SKIPPED,
          restartedAt,
          restartedBy,
          reason,
          attempts,
          checkedAt,
          passedAt,
          checks,
          stateKey);
    }

    Machine rerun() {
      return new Machine(
          position,
          machineId,
          name,
          waitsFor,
          Status.WAITING,
          restartedAt,
          restartedBy,
          null,
          0,
          checkedAt,
          null,
          checks,
          stateKey);
    }
  }

  /** Machines passed or skipped. */
  public int done() {
    return (int) machines.stream().filter(Machine::done).count();
  }

  /** Percent of machines done, 0-100. */
  public int percent() {
    return machines.isEmpty() ? 100 : done() * 100 / machines.size();
  }

  /** Every machine passed or skipped. */
  public boolean complete() {
    return done() == machines.size();
  }

  /** The first machine not done, in order (the one to work on), or null. */
  public Machine current() {
    return machines.stream().filter(m -> !m.done()).findFirst().orElse(null);
  }

  public Machine machine(String id) {
    return machines.stream().filter(m -> m.machineId().equals(id)).findFirst().orElse(null);
  }

  RecoveryRun with(Machine m) {
    List<Machine> list = new java.util.ArrayList<>(machines);
    list.set(m.position(), m);
    return new RecoveryRun(
        id, incidentId, state, startedAt, startedBy, finishedAt, finishedBy, list);
  }

  RecoveryRun finished(Instant at, String by) {
    return new RecoveryRun(id, incidentId, State.FINISHED, startedAt, startedBy, at, by, machines);
  }
}
