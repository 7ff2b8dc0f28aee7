package dev.vigie.server.cluster;

import dev.vigie.cluster.IngestPublisher;
import dev.vigie.server.ingest.Datagram;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.cdr.CdrRecord;
import dev.vigie.wire.hep.HepDecoder;
import dev.vigie.wire.hep.HepFields;
import dev.vigie.wire.hep.HepSip;
import dev.vigie.wire.hep.InflateBudget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Set;

/**
 * The {@code ingest} role's HEP path, on the ingest queue's worker: the same checks as the single
 * process (auth key, allowed capture agents), then the event to Kafka instead of an engine. Event
 * time is the HEP timestamp of the capture agent, or the arrival time when {@code
 * cluster.eventTime} is {@code ingest} (an agent whose clock is not trusted).
 */
public final class KafkaIngest {
  private final IngestPublisher publisher;
  private final InstantSource clock;
  private final byte[] authKey;
  private final Set<Long> captureIds;
  private final boolean ingestTime;
  private final HepFields fields = new HepFields();
  private final InflateBudget budget;
  private final Counter sip;
  private final Counter malformed;
  private final Counter rejected;
  private final Counter ignored;
  private final Counter cdrs;

  public KafkaIngest(
      IngestPublisher publisher,
      InstantSource clock,
      String authKey,
      Set<Long> captureIds,
      boolean ingestTime,
      InflateBudget budget,
      MeterRegistry metrics) {
    this.publisher = publisher;
    this.budget = budget;
    this.clock = clock;
    this.authKey = authKey == null ? null : authKey.getBytes(StandardCharsets.UTF_8);
    this.captureIds = Set.copyOf(captureIds);
    this.ingestTime = ingestTime;
    this.sip = metrics.counter("vigie_ingest_sip_messages_total");
    this.malformed = metrics.counter("vigie_ingest_malformed_total");
    this.rejected = metrics.counter("vigie_ingest_rejected_total");
    this.ignored = metrics.counter("vigie_ingest_ignored_total");
    this.cdrs = metrics.counter("vigie_cdr_records_total");
  }

  public void accept(Datagram d) {
    byte[] b = d.bytes();
    if (HepDecoder.decodeInto(b, 0, b.length, fields, budget) != null) {
      malformed.increment();
      return;
    }
    if ((authKey != null && !fields.authKeyEquals(authKey))
        || (!captureIds.isEmpty() && !captureIds.contains(fields.captureId))) {
      rejected.increment();
      return;
    }
    var t = clock.instant();
    long now = t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    switch (HepSip.toEvent(fields, now, false)) {
      case HepSip.Sip s -> {
        SipEvent e = s.event();
        sip.increment();
        publisher.publish(ingestTime ? e.withTimestamp(now) : e);
      }
      case HepSip.Ignored i -> ignored.increment();
      case HepSip.Bad x -> malformed.increment();
    }
  }

  /** One 3CX CDR (from the CDR listener, on this same thread) to the machine stage. */
  public void acceptCdr(CdrRecord r, String machineId) {
    cdrs.increment();
    publisher.publishCdr(r, machineId);
  }

  public void tick() {
    publisher.idleTick();
  }
}
