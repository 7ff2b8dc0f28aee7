package dev.vigie.detect;

import dev.vigie.detect.engine.Engine;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.cdr.CdrRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Vigie's detection: SIP messages and 3CX CDRs in, alert episodes out.
 *
 * <p><b>Threading.</b> One instance is single-threaded: call every method from one thread (or
 * serialise the calls). Scale out by sharding events over several engines. Thresholds are the
 * exception: they are read through the {@link ThresholdRegistry}, which any thread may update; the
 * next evaluation sees the new snapshot.
 *
 * <p><b>Time.</b> The clock is the events' own timestamps (capture clock for {@code analyze}); live
 * ingest also calls {@link #tick(Instant)} from an {@code InstantSource} so that rules run when
 * traffic stops. Both paths are the same code. Rules run when a second completes, on the sources,
 * machines and extensions touched during it, and immediately when a per-second rate reaches a level
 * (FLOOD).
 *
 * <p><b>Memory.</b> Bounded by {@link EngineOptions}: remote sources live in a Space-Saving table
 * of fixed capacity (the heaviest always kept, idle ones evicted), distinct counts in HyperLogLog
 * sketches, transactions in a fixed open-addressing table.
 */
public final class DetectionEngine {
  private final Engine engine;

  public DetectionEngine(Inventory inventory, Thresholds thresholds, AlertListener listener) {
    this(
        inventory,
        new ThresholdRegistry(inventory.thresholds(thresholds)),
        listener,
        EngineOptions.defaults());
  }

  /**
   * An engine reading thresholds from {@code thresholds}, which should hold {@code
   * inventory.thresholds(defaults)} (the machines' overrides merged in) and may be updated at any
   * time from any thread.
   */
  public DetectionEngine(
      Inventory inventory,
      ThresholdRegistry thresholds,
      AlertListener listener,
      EngineOptions options) {
    this.engine = new Engine(inventory, thresholds, listener, options);
  }

  /** One SIP message (timestamps should be roughly in order; a few seconds of disorder is fine). */
  public void onSip(SipEvent event) {
    engine.onSip(event);
  }

  /**
   * Where successful registrations from remote addresses go (known-good addresses); call before
   * feeding messages, from the engine's thread.
   */
  public void registrations(RegistrationListener listener) {
    engine.registrations(listener);
  }

  /** One CDR of an unknown machine. */
  public void onCdr(CdrRecord record) {
    engine.onCdr(record, null);
  }

  /** One CDR written by the 3CX of {@code machineId}. */
  public void onCdr(CdrRecord record, String machineId) {
    engine.onCdr(record, machineId);
  }

  /** Advances the clock without traffic (live mode). */
  public void tick(Instant now) {
    long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    engine.advanceTo(now.getEpochSecond(), micros);
  }

  /** Runs the rules on what is pending (end of a capture). */
  public void finish() {
    engine.finish();
  }

  /** Every episode so far (latest revision of each), in the order raised. */
  public List<Alert> alerts() {
    return engine.alerts();
  }

  /** Episodes still open. */
  public List<Alert> openAlerts() {
    return engine.openAlerts();
  }

  /** The registry the rules read; update it to change thresholds while running. */
  public ThresholdRegistry thresholds() {
    return engine.thresholds();
  }

  /**
   * What the machine rules compare with machine {@code machineId}'s thresholds now (requests and
   * calls per second or minute, distinct destinations), as of the last evaluation: threshold to
   * value; empty for an idle or unknown machine. Any thread may call it (a published snapshot).
   */
  public Map<dev.vigie.detect.threshold.Threshold, Long> currentValues(String machineId) {
    return engine.currentValues(machineId);
  }

  /** Messages to and from each inventory machine: id to {in, out}. */
  public Map<String, long[]> machineMessages() {
    return engine.machineMessages();
  }

  /**
   * Registrations alive per inventory machine, as service health follows them (a REGISTER answered
   * 2xx and refreshed before it expires): id to count. May be called from any thread (a racy but
   * harmless read, at most a tick old), e.g. by a recovery check comparing it with its usual level.
   */
  public Map<String, Integer> machineRegistrations() {
    return engine.machineRegistrations();
  }

  /**
   * The hour-of-week baselines of machine {@code machineId}, to checkpoint them (a partition of a
   * Kafka cluster moving to another process); null for a machine not in the inventory.
   */
  public double[][] baselineState(String machineId) {
    return engine.baselineState(machineId);
  }

  /**
   * Remote address {@code address} was answered 2xx by a machine at {@code at}, as a previous run
   * learnt (its known-good addresses): its requests count in the service-health signals at once
   * after a restart, instead of once this run sees it served. Call before the first event, or on
   * the detection thread.
   */
  public void markServed(IpAddress address, Instant at) {
    engine.markServed(address, at.getEpochSecond());
  }

  /** Restores a {@link #baselineState}, so that the machine does not go back to warm-up. */
  public boolean restoreBaselineState(String machineId, double[][] state) {
    return engine.restoreBaselineState(machineId, state);
  }

  /** Seconds the machine's baselines have learnt from (-1 for a machine not in the inventory). */
  public long baselineObservations(String machineId) {
    return engine.baselineObservations(machineId);
  }

  /** Remote sources tracked right now (never above the configured capacity). */
  public int trackedSources() {
    return engine.trackedSources();
  }

  /** The heaviest remote sources and their request counts (upper bounds). */
  public Map<String, Long> topSources(int n) {
    return engine.topSources(n);
  }
}
