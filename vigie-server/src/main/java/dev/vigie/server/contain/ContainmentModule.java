package dev.vigie.server.contain;

import dev.vigie.contain.ContainmentService;
import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationState;
import dev.vigie.contain.Outcome;
import dev.vigie.contain.Reason;
import dev.vigie.contain.ReconcileReport;
import dev.vigie.contain.actuator.ActuationException;
import dev.vigie.contain.actuator.Actuator;
import dev.vigie.contain.ledger.AuditEntry;
import dev.vigie.contain.nft.NftablesActuator;
import dev.vigie.contain.webhook.WebhookActuator;
import dev.vigie.detect.Alert;
import dev.vigie.server.LogText;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Containment inside {@code vigie serve}: the SQL ledger and audit trail, the configured actuators
 * and the {@link ContainmentService}. {@link #start()} reconciles the ledger with the actuators
 * (before any listener runs, so no alert races the reconciliation) and then runs {@code expire()}
 * every {@code tick} on its own daemon thread. Alerts arrive on the server's single alert thread;
 * the service serialises everything under its lock.
 */
public final class ContainmentModule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ContainmentModule.class);

  private final ContainmentSettings settings;
  private final JdbiIsolationLedger ledger;
  private final JdbiAuditTrail audit;
  private final JournaledIsolationLedger journal;
  private final dev.vigie.server.reliability.Spool<AuditEntry> auditSpool;
  private final List<Actuator> actuators;
  private final ContainmentService service;
  private final InstantSource clock;
  private ScheduledExecutorService ticker;
  private volatile KnownGoodStore knownGood;

  /** How often learned known-good addresses are written to the database. */
  static final Duration KNOWN_GOOD_FLUSH = Duration.ofSeconds(30);

  private final List<java.util.function.Consumer<dev.vigie.contain.ledger.AuditEntry>>
      auditListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Also tells {@code l} of every audit entry (decisions, approvals, releases, expiries). */
  public void onAudit(java.util.function.Consumer<dev.vigie.contain.ledger.AuditEntry> l) {
    auditListeners.add(l);
  }

  public ContainmentModule(
      ContainmentSettings settings, Jdbi jdbi, MeterRegistry metrics, InstantSource clock) {
    this(settings, jdbi, metrics, clock, null, null);
  }

  /**
   * With {@code spoolDir} (the server's {@code <dataDir>/spool}), containment records through a
   * journal on disk when the database is down ({@link JournaledIsolationLedger}, audit entries
   * spooled the same way) and its gauges are counted in memory; without it, everything goes to the
   * database directly. With {@code actuators} instead of the configured ones when not null (the
   * {@code respond} role of a Kafka cluster publishes its actions to the actions topic instead of
   * applying them).
   */
  public ContainmentModule(
      ContainmentSettings settings,
      Jdbi jdbi,
      MeterRegistry metrics,
      InstantSource clock,
      java.nio.file.Path spoolDir,
      List<Actuator> actuators) {
    this.settings = settings;
    this.clock = clock;
    this.ledger = new JdbiIsolationLedger(jdbi);
    this.audit = new JdbiAuditTrail(jdbi, metrics);
    this.journal = spoolDir == null ? null : new JournaledIsolationLedger(ledger, spoolDir);
    this.auditSpool =
        spoolDir == null
            ? null
            : new dev.vigie.server.reliability.Spool<>(
                spoolDir.resolve("containment-audit.jsonl"),
                AuditEntry.class,
                dev.vigie.server.Json.mapper(),
                100_000);
    this.actuators = actuators != null ? List.copyOf(actuators) : configured(settings, clock);
    dev.vigie.contain.ledger.AuditTrail trail =
        e -> {
          recordAudit(e);
          for (var l : auditListeners) {
            try {
              l.accept(e);
            } catch (RuntimeException x) {
              // a listener (the incident timeline) never stops containment
            }
          }
        };
    this.service =
        new ContainmentService(
            settings.contain(), journal != null ? journal : ledger, trail, this.actuators, clock);
    if (journal != null) {
      // counted in memory: a scrape never waits for the database
      Gauge.builder("vigie_containment_active", journal, l -> l.countLive(IsolationState.ACTIVE))
          .description("isolations in force (dry-run ones included)")
          .register(metrics);
      Gauge.builder(
              "vigie_containment_pending",
              journal,
              l -> l.countLive(IsolationState.PENDING_APPROVAL))
          .register(metrics);
      Gauge.builder("vigie_containment_journal_pending", this, m -> m.journalPending())
          .description("isolations and audit entries waiting for the database")
          .register(metrics);
    } else {
      Gauge.builder("vigie_containment_active", ledger, l -> l.count(IsolationState.ACTIVE))
          .description("isolations in force (dry-run ones included)")
          .register(metrics);
      Gauge.builder(
              "vigie_containment_pending", ledger, l -> l.count(IsolationState.PENDING_APPROVAL))
          .register(metrics);
    }
  }

  private void recordAudit(AuditEntry e) {
    if (auditSpool != null && (auditSpool.size() > 0 || databaseDown.getAsBoolean())) {
      auditSpool.append(e); // keep the order behind what waits
      return;
    }
    try {
      audit.record(e);
    } catch (RuntimeException x) {
      if (auditSpool == null || !dev.vigie.server.reliability.Outage.isDatabaseDown(x)) throw x;
      auditSpool.append(e);
    }
  }

  /** Containment decides from memory while {@code down} says the database is down. */
  public void databaseDown(java.util.function.BooleanSupplier down) {
    if (journal != null) journal.databaseDown(down);
    this.databaseDown = down;
  }

  private volatile java.util.function.BooleanSupplier databaseDown = () -> false;

  /**
   * Stores what the journal and the audit spool hold once the database answers (called by the
   * server's outage timer).
   */
  public void drainJournal() {
    if (journal != null) journal.drain();
    if (auditSpool != null) auditSpool.drain(audit::record);
  }

  /** Isolations and audit entries saved while the database was down, not stored yet. */
  public int journalPending() {
    return (journal == null ? 0 : journal.pending()) + (auditSpool == null ? 0 : auditSpool.size());
  }

  /** The actuators the settings configure (nftables, webhook). */
  public static List<Actuator> configured(ContainmentSettings settings, InstantSource clock) {
    List<Actuator> list = new ArrayList<>();
    if (settings.nftables() != null) list.add(new NftablesActuator(settings.nftables(), clock));
    if (settings.webhook() != null) list.add(new WebhookActuator(settings.webhook(), clock));
    return List.copyOf(list);
  }

  /** Reconciles, then starts the expiry tick. */
  public ContainmentModule start() {
    if (actuators.isEmpty() && !settings.contain().dryRun()) {
      LOG.warn(
          "containment: no actuator configured (containment.nftables, containment.webhook):"
              + " automatic actions will fail with ACTUATOR_FAILED");
    }
    ReconcileReport r = service.reconcile();
    LOG.info(
        "containment reconciled: {} in force, {} re-applied, {} expired, {} stray removed{}",
        r.inForce(),
        r.reapplied(),
        r.expired(),
        r.strayRemoved(),
        r.failures().isEmpty() ? "" : "; failures: " + r.failures());
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            t -> Thread.ofPlatform().name("vigie-containment-tick").daemon(true).unstarted(t));
    long ms = settings.tick().toMillis();
    ticker.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    long kg = KNOWN_GOOD_FLUSH.toMillis();
    ticker.scheduleWithFixedDelay(this::flushKnownGood, kg, kg, TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Learns known-good addresses into {@code store} (loaded now) and consults it before any
   * automatic block. Call before {@link #start()}.
   */
  public void useKnownGood(KnownGoodStore store) {
    store.flush(clock.instant());
    knownGood = store;
    service.knownGood(store);
  }

  /** The known-good addresses, null when none are learned (no detection in this process). */
  public KnownGoodStore knownGood() {
    return knownGood;
  }

  private void flushKnownGood() {
    KnownGoodStore k = knownGood;
    if (k == null) return;
    try {
      k.flush(clock.instant());
    } catch (RuntimeException e) {
      LOG.error("known-good addresses could not be saved (kept for the next try)", e);
    }
  }

  private synchronized void tick() {
    try {
      service.expire();
    } catch (RuntimeException e) {
      LOG.error("containment expiry tick failed", e);
    }
  }

  /** An alert (or a new revision) from detection; never throws. */
  public void onAlert(Alert a) {
    try {
      Outcome o = service.onAlert(a);
      if (o.isolation() != null || o.reason() != Reason.ALREADY_ISOLATED) {
        LOG.info("containment {} {}: {}", o.reason(), a.id(), LogText.safe(o.detail()));
      }
    } catch (RuntimeException e) {
      LOG.error("containment of alert {} failed", a.id(), e);
    }
  }

  /**
   * Extends an ACTIVE entry by {@code extra}: the actuators revoke the old element and apply it
   * again with the new expiry (nft cannot change an element's timeout in place, so for a few
   * milliseconds the block is lifted), then the ledger saves the new expiry. Serialised with the
   * expiry tick (both synchronized on this module), so an entry cannot expire half-extended.
   */
  public synchronized Outcome extend(String id, Duration extra, String operator) {
    if (operator == null || operator.isBlank()) {
      throw new IllegalArgumentException("an operator name is required");
    }
    if (extra == null || extra.isNegative() || extra.isZero()) {
      throw new IllegalArgumentException("duration must be positive, not " + extra);
    }
    var now = clock.instant();
    Isolation i = ledger.find(id).orElse(null);
    if (i == null) return new Outcome(Reason.NOT_FOUND, "no isolation " + id, null);
    if (i.state() != IsolationState.ACTIVE || i.expires() == null) {
      String why =
          i.state() != IsolationState.ACTIVE
              ? "cannot extend " + id + ": it is " + i.state()
              : "cannot extend " + id + ": it lasts until released";
      return new Outcome(Reason.WRONG_STATE, why, i);
    }
    Isolation longer =
        new Isolation(
            i.id(),
            i.target(),
            i.kind(),
            i.reason(),
            i.detail(),
            i.alertId(),
            i.created(),
            i.duration().plus(extra),
            i.activated(),
            i.expires().plus(extra),
            i.state(),
            i.actor(),
            i.dryRun(),
            null,
            null);
    if (!i.dryRun()) {
      try {
        for (Actuator a : actuators) {
          if (!a.supports(i.kind())) continue;
          a.revoke(i);
          a.apply(longer);
        }
      } catch (ActuationException e) {
        return new Outcome(Reason.ACTUATOR_FAILED, e.getMessage(), i);
      }
    }
    ledger.save(longer);
    String detail = "extended by " + extra + " by " + operator + ", until " + longer.expires();
    audit.write(
        new AuditEntry(
            now, Reason.ISOLATE, id, i.alertId(), i.target().toString(), operator, detail),
        "EXTENDED");
    return new Outcome(Reason.ISOLATE, detail, longer);
  }

  public ContainmentService service() {
    return service;
  }

  public JdbiIsolationLedger ledger() {
    return ledger;
  }

  public JdbiAuditTrail audit() {
    return audit;
  }

  public ContainmentSettings settings() {
    return settings;
  }

  @Override
  public void close() throws InterruptedException {
    if (ticker != null) {
      ticker.shutdownNow();
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    }
    flushKnownGood(); // what was learned since the last flush survives the restart
  }
}
