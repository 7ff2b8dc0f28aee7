package dev.vigie.contain;

import dev.vigie.contain.actuator.ActuationException;
import dev.vigie.contain.actuator.Actuator;
import dev.vigie.contain.actuator.ActuatorSet;
import dev.vigie.contain.config.ContainmentConfig;
import dev.vigie.contain.config.MachinePolicy;
import dev.vigie.contain.config.Mode;
import dev.vigie.contain.ledger.AuditEntry;
import dev.vigie.contain.ledger.AuditTrail;
import dev.vigie.contain.ledger.IsolationLedger;
import dev.vigie.contain.policy.ContainmentPolicy;
import dev.vigie.contain.policy.Decision;
import dev.vigie.contain.policy.History;
import dev.vigie.contain.policy.Request;
import dev.vigie.contain.policy.Safeguards;
import dev.vigie.contain.trust.KnownGood;
import dev.vigie.detect.Alert;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Containment: alert, then decision (policy and safeguards), then action (actuators) and ledger.
 *
 * <ul>
 *   <li>AUTO: every actuator applies, and only then is the entry saved ACTIVE; if one fails the
 *       others are rolled back and the entry is saved FAILED (never ACTIVE).
 *   <li>ASK (or cap reached): a PENDING_APPROVAL entry for {@link #approve} or {@link #release}.
 *   <li>Refusals (PROTECTED, OBSERVE_ONLY, ALREADY_ISOLATED...) change nothing but the audit trail.
 * </ul>
 *
 * Every outcome goes to the audit trail with its reason. {@link #expire()} is the clock tick that
 * lifts what ran out; {@link #reconcile()} aligns the actuators with the ledger after a restart.
 *
 * <p>Threading: every public method runs under one lock, so decisions see the effects of the
 * previous ones (the cap and ALREADY_ISOLATED stay exact). Actuator calls happen under the lock: a
 * webhook retrying delays the next decision by up to its retry budget, nft calls take a few ms.
 */
public final class ContainmentService {

  private final ReentrantLock lock = new ReentrantLock();
  private final IsolationLedger ledger;
  private final AuditTrail audit;
  private final ActuatorSet actuators;
  private final InstantSource clock;
  private final Supplier<String> ids;
  private volatile ContainmentConfig cfg;
  private volatile KnownGood knownGood = KnownGood.NONE;

  /** When questions about unproven sources were asked (the unproven budget), oldest first. */
  private final ArrayDeque<Instant> unprovenAsks = new ArrayDeque<>();

  public ContainmentService(
      ContainmentConfig cfg,
      IsolationLedger ledger,
      AuditTrail audit,
      List<Actuator> actuators,
      InstantSource clock) {
    this(cfg, ledger, audit, actuators, clock, () -> UUID.randomUUID().toString());
  }

  /** With an id generator (tests want readable ids). */
  public ContainmentService(
      ContainmentConfig cfg,
      IsolationLedger ledger,
      AuditTrail audit,
      List<Actuator> actuators,
      InstantSource clock,
      Supplier<String> ids) {
    this.cfg = Objects.requireNonNull(cfg);
    this.ledger = ledger;
    this.audit = audit;
    this.actuators = new ActuatorSet(actuators);
    this.clock = clock;
    this.ids = ids;
  }

  public ContainmentConfig config() {
    return cfg;
  }

  /** Replaces the configuration (policy edits, dry-run toggle); applies to the next decision. */
  public void reconfigure(ContainmentConfig newCfg) {
    cfg = Objects.requireNonNull(newCfg);
  }

  /** Where known-good addresses are looked up (none until the server sets its store). */
  public void knownGood(KnownGood k) {
    knownGood = k == null ? KnownGood.NONE : k;
  }

  /** Decides on an alert (or a new revision of one) and acts or asks accordingly. */
  public Outcome onAlert(Alert alert) {
    lock.lock();
    try {
      Instant now = clock.instant();
      Instant since = now.minus(cfg.trust().unprovenWindow());
      while (!unprovenAsks.isEmpty() && !unprovenAsks.peekFirst().isAfter(since)) {
        unprovenAsks.pollFirst(); // bounded: at most the budget is kept within the window
      }
      History h = History.of(ledger, cfg, now).withUnprovenAsks(List.copyOf(unprovenAsks));
      Decision d = ContainmentPolicy.decide(alert, cfg, h, now, knownGood);
      if (d.drawsUnprovenBudget()) unprovenAsks.addLast(now);
      return handle(d, alert.id(), Isolation.AUTO, now, d.reason());
    } finally {
      lock.unlock();
    }
  }

  /**
   * An operator blocks a source: an IPv4 address or an IPv6 address or /64 (widened to its /64).
   * The duration escalates like an automatic block when null. Protected ranges are refused.
   */
  public Outcome isolateSource(String address, Duration duration, String operator, String note) {
    Target.Source src;
    try {
      src = Target.Source.parse(address);
    } catch (IllegalArgumentException e) {
      return refuse(Reason.NO_TARGET, e.getMessage(), operator);
    }
    return manual(src, duration, duration == null, operator, note);
  }

  /**
   * An operator isolates a machine of the inventory, for {@code duration} or, when null, as its
   * configuration says (until released by default).
   */
  public Outcome isolateMachine(String machineId, Duration duration, String operator, String note) {
    MachinePolicy mp = cfg.machines().get(machineId);
    if (mp == null || mp.addresses().isEmpty()) {
      return refuse(
          Reason.UNKNOWN_MACHINE, "no machine '" + machineId + "' with addresses", operator);
    }
    Target t = new Target.Machine(mp.id(), mp.addresses());
    return manual(t, duration == null ? mp.duration() : duration, false, operator, note);
  }

  /**
   * An operator approves a pending entry: safeguards again (PROTECTED...), then actuators. The
   * operator methods throw IllegalArgumentException for a blank operator name or a non-positive
   * duration (an API answers 400 with the message).
   */
  public Outcome approve(String id, String operator) {
    requireOperator(operator);
    lock.lock();
    try {
      Instant now = clock.instant();
      Isolation p = ledger.find(id).orElse(null);
      if (p == null || p.state() != IsolationState.PENDING_APPROVAL) {
        return missingOrWrongState(id, p, "approve", operator);
      }
      String why = "approved by " + operator;
      Request r = new Request(p.target(), Mode.AUTO, p.duration(), false, false, why);
      Decision d = Safeguards.check(r, cfg, History.of(ledger, cfg, now), now);
      return handle(d, p.alertId(), operator, now, Reason.APPROVED);
    } finally {
      lock.unlock();
    }
  }

  /** Lifts an active entry (actuators first, then the ledger) or rejects a pending one. */
  public Outcome release(String id, String operator) {
    requireOperator(operator);
    lock.lock();
    try {
      Instant now = clock.instant();
      Isolation i = ledger.find(id).orElse(null);
      if (i == null
          || i.state() != IsolationState.ACTIVE && i.state() != IsolationState.PENDING_APPROVAL) {
        return missingOrWrongState(id, i, "release", operator);
      }
      if (i.state() == IsolationState.ACTIVE && !i.dryRun()) {
        try {
          actuators.revoke(i);
        } catch (ActuationException e) {
          return outcome(Reason.ACTUATOR_FAILED, e.getMessage(), i, operator, now);
        }
      }
      Isolation ended = i.end(IsolationState.RELEASED, now, operator);
      ledger.save(ended);
      String what = i.state() == IsolationState.ACTIVE ? "released" : "request rejected";
      return outcome(Reason.RELEASED, what + " by " + operator, ended, operator, now);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The clock tick: lifts active entries whose expiry passed (revoking them everywhere; nftables
   * already dropped them by itself) and expires pending requests older than the approval timeout.
   * An entry whose revocation fails stays ACTIVE and is retried at the next tick.
   */
  public List<Outcome> expire() {
    lock.lock();
    try {
      Instant now = clock.instant();
      List<Outcome> out = new ArrayList<>();
      for (Isolation i : ledger.inState(IsolationState.ACTIVE)) {
        if (i.expires() != null && !i.expires().isAfter(now)) {
          try {
            if (!i.dryRun()) {
              actuators.revoke(i);
            }
            Isolation e = i.end(IsolationState.EXPIRED, now, Isolation.AUTO);
            ledger.save(e);
            out.add(outcome(Reason.EXPIRED, "expired at " + i.expires(), e, Isolation.AUTO, now));
          } catch (ActuationException ex) {
            out.add(outcome(Reason.ACTUATOR_FAILED, ex.getMessage(), i, Isolation.AUTO, now));
          }
        }
      }
      Instant oldest = now.minus(cfg.approvalTimeout());
      for (Isolation p : ledger.inState(IsolationState.PENDING_APPROVAL)) {
        if (!p.created().isAfter(oldest)) {
          Isolation e = p.end(IsolationState.EXPIRED, now, Isolation.AUTO);
          ledger.save(e);
          String why = "nobody approved within " + cfg.approvalTimeout();
          out.add(outcome(Reason.EXPIRED, why, e, Isolation.AUTO, now));
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** After a restart: see {@link Reconciler}. */
  public ReconcileReport reconcile() {
    lock.lock();
    try {
      int expired = (int) expire().stream().filter(o -> o.reason() == Reason.EXPIRED).count();
      return new Reconciler(ledger, actuators.all(), clock, this::audit).run(expired);
    } finally {
      lock.unlock();
    }
  }

  /** Active entries, oldest first. */
  public List<Isolation> active() {
    return ledger.inState(IsolationState.ACTIVE);
  }

  /** Entries waiting for an operator, oldest first. */
  public List<Isolation> pending() {
    return ledger.inState(IsolationState.PENDING_APPROVAL);
  }

  private Outcome manual(Target t, Duration d, boolean escalate, String operator, String note) {
    requireOperator(operator);
    if (d != null && (d.isNegative() || d.isZero())) {
      throw new IllegalArgumentException("duration must be positive, not " + d);
    }
    lock.lock();
    try {
      Instant now = clock.instant();
      String why = "manual, by " + operator + (note == null || note.isBlank() ? "" : ": " + note);
      Request r = new Request(t, Mode.AUTO, d, escalate, false, why);
      Decision dec = Safeguards.check(r, cfg, History.of(ledger, cfg, now), now);
      return handle(dec, null, operator, now, dec.reason());
    } finally {
      lock.unlock();
    }
  }

  /** Carries out a decision. {@code success} names a successful action in the audit trail. */
  private Outcome handle(Decision d, String alertId, String actor, Instant now, Reason success) {
    if (d.asks()) {
      Isolation p = newEntry(d, alertId, actor, now, cfg.dryRun());
      ledger.save(p);
      return outcome(d.reason(), d.detail(), p, actor, alertId, now);
    }
    if (!d.acts()) {
      String target = d.target() == null ? null : d.target().toString();
      audit(new AuditEntry(now, d.reason(), null, alertId, target, actor, d.detail()));
      return new Outcome(d.reason(), d.detail(), null);
    }
    Isolation base = d.pendingId() == null ? null : ledger.find(d.pendingId()).orElse(null);
    Isolation fresh =
        base != null
            ? base.decided(d.reason(), d.detail())
            : newEntry(d, alertId, actor, now, false);
    boolean dry = d.reason() == Reason.DRY_RUN;
    Isolation active = fresh.activate(now, actor, dry);
    if (!dry) {
      try {
        actuators.apply(active);
      } catch (ActuationException e) {
        if (base == null) {
          ledger.save(fresh.end(IsolationState.FAILED, now, actor).withDetail(e.getMessage()));
        }
        Isolation shown = base != null ? base : ledger.find(fresh.id()).orElseThrow();
        return outcome(Reason.ACTUATOR_FAILED, e.getMessage(), shown, actor, alertId, now);
      }
    }
    try {
      ledger.save(active); // only now: the action succeeded
    } catch (RuntimeException e) {
      if (!dry) {
        actuators.revokeQuietly(active); // the kernel must not hold what the ledger lacks
      }
      throw e;
    }
    return outcome(dry ? Reason.DRY_RUN : success, d.detail(), active, actor, alertId, now);
  }

  /** A new ledger entry, not yet in force, for what {@code d} decided. */
  private Isolation newEntry(Decision d, String alertId, String actor, Instant now, boolean dry) {
    return Isolation.pending(
        ids.get(), d.target(), d.reason(), d.detail(), alertId, now, d.duration(), actor, dry);
  }

  private static void requireOperator(String operator) {
    if (operator == null || operator.isBlank()) {
      throw new IllegalArgumentException("an operator name is required");
    }
  }

  private Outcome missingOrWrongState(String id, Isolation i, String verb, String operator) {
    if (i == null) {
      return refuse(Reason.NOT_FOUND, "no isolation " + id, operator);
    }
    String why = "cannot " + verb + " " + id + ": it is " + i.state();
    return outcome(Reason.WRONG_STATE, why, i, operator, clock.instant());
  }

  private Outcome refuse(Reason r, String detail, String actor) {
    return outcome(r, detail, null, actor, null, clock.instant());
  }

  private Outcome outcome(Reason r, String detail, Isolation i, String actor, Instant now) {
    return outcome(r, detail, i, actor, i == null ? null : i.alertId(), now);
  }

  private Outcome outcome(
      Reason r, String detail, Isolation i, String actor, String alertId, Instant now) {
    audit(
        new AuditEntry(
            now,
            r,
            i == null ? null : i.id(),
            alertId,
            i == null ? null : i.target().toString(),
            actor,
            detail));
    return new Outcome(r, detail, i);
  }

  private void audit(AuditEntry e) {
    audit.record(e);
  }
}
