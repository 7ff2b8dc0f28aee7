package dev.vigie.server.ingest;

import dev.vigie.detect.DetectionEngine;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.cdr.CdrRecord;
import dev.vigie.wire.hep.HepDecoder;
import dev.vigie.wire.hep.HepFields;
import dev.vigie.wire.hep.HepSip;
import dev.vigie.wire.hep.InflateBudget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;

/**
 * The live path, on the single detection thread: HEP packet to SIP event to the detection engine.
 * The sender's address and the auth key were checked before (by the {@link HepGate}, on the network
 * thread); here packets from a capture id not allowed are dropped and counted, and compressed
 * payloads inflate within the {@link InflateBudget} (a bomb costs what the budget grants, then is
 * refused and counted as malformed). Events are stamped with their arrival time on the system clock
 * (live detection runs on the system clock; {@code analyze} runs the same engine on the capture
 * clock).
 */
public final class LiveIngest {
  private final DetectionEngine engine;
  private final InstantSource clock;
  private final InflateBudget budget;
  private final Set<Long> captureIds;
  private final HepFields fields = new HepFields();
  private final Counter sip;
  private final Counter malformed;
  private final Counter rejected;
  private final Counter ignored;
  private final Counter cdrs;

  public LiveIngest(
      DetectionEngine engine,
      InstantSource clock,
      InflateBudget budget,
      Set<Long> captureIds,
      MeterRegistry metrics) {
    this.engine = engine;
    this.clock = clock;
    this.budget = budget;
    this.captureIds = Set.copyOf(captureIds);
    this.sip = metrics.counter("vigie_ingest_sip_messages_total");
    this.malformed = metrics.counter("vigie_ingest_malformed_total");
    this.rejected = metrics.counter("vigie_ingest_rejected_total", "reason", "capture_id");
    this.ignored = metrics.counter("vigie_ingest_ignored_total");
    this.cdrs = metrics.counter("vigie_cdr_records_total");
  }

  /** Handles one HEP packet (called by the {@link IngestQueue} worker). */
  public void accept(Datagram d) {
    byte[] b = d.bytes();
    String bad = HepDecoder.decodeInto(b, 0, b.length, fields, budget);
    if (bad != null) {
      malformed.increment();
      return;
    }
    if (!captureIds.isEmpty() && !captureIds.contains(fields.captureId)) {
      rejected.increment();
      return;
    }
    long now = micros(clock.instant());
    switch (HepSip.toEvent(fields, now, false)) {
      case HepSip.Sip s -> {
        SipEvent e = s.event();
        sip.increment();
        engine.onSip(e.withTimestamp(now));
      }
      case HepSip.Ignored i -> ignored.increment();
      case HepSip.Bad x -> malformed.increment();
    }
  }

  /**
   * One 3CX CDR for the toll-fraud rules, on the detection thread (the {@link CdrListener} submits
   * it through {@link IngestQueue#submit}). The record keeps its own times (3CX's clock).
   */
  public void onCdr(CdrRecord record, String machineId) {
    cdrs.increment();
    engine.onCdr(record, machineId);
  }

  /** Lets rules run when traffic stops. */
  public void tick() {
    engine.tick(clock.instant());
  }

  static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }
}
