package dev.vigie.cluster;

import dev.vigie.cluster.codec.SipRecords;
import dev.vigie.wire.SipEvent;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * The {@code ingest} role's publisher: each SIP event to the source stage (keyed by the remote
 * source) and to the machine stage (keyed by the machine), and the clock to every partition of both
 * (a {@link SipRecords#TICK} whenever event time enters a new second, and once a second of wall
 * time while traffic is idle), so that every detect task evaluates its rules at the same event
 * times as a single engine would. Backpressure: when the producer's buffer is full the event is
 * dropped and counted, like a full ingest queue today; the listener never stalls.
 *
 * <p>One thread calls {@link #publish} and {@link #idleTick} (the ingest queue's worker).
 */
public final class IngestPublisher implements AutoCloseable {
  private final Producer<byte[], byte[]> producer;
  private final Stages stages;
  private final Topics topics;
  private final InstantSource wall;
  private final int sourcePartitions;
  private final int machinePartitions;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Callback onSent =
      (md, e) -> {
        if (e != null) dropped.incrementAndGet();
      };
  private long lastSecond = Long.MIN_VALUE;
  private long lastMicros;
  private long lastWallMicros;

  public IngestPublisher(
      Producer<byte[], byte[]> producer, Topics topics, Stages stages, InstantSource wall) {
    this.producer = producer;
    this.topics = topics;
    this.stages = stages;
    this.wall = wall;
    this.sourcePartitions = partitions(producer, topics.sipBySource());
    this.machinePartitions = partitions(producer, topics.sipByMachine());
  }

  /**
   * The partition count of {@code topic}, waiting up to 30 s for the metadata (sends block 20 ms at
   * most, so the metadata must be there before the first one).
   */
  private static int partitions(Producer<byte[], byte[]> producer, String topic) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      try {
        return producer.partitionsFor(topic).size();
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        if (System.nanoTime() > deadline)
          throw new IllegalStateException("Kafka topic " + topic + " not found: is Kafka up?");
      }
    }
  }

  /** Publishes one event to its stages; false when it was dropped (buffer full, broker gone). */
  public boolean publish(SipEvent e) {
    long micros = e.timestampMicros();
    long sec = Math.floorDiv(micros, 1_000_000L);
    if (sec > lastSecond) {
      if (lastSecond != Long.MIN_VALUE) tickAll(micros);
      lastSecond = sec;
    }
    if (micros > lastMicros) {
      lastMicros = micros;
      lastWallMicros = wallMicros();
    }
    byte[] value = SipRecords.encode(e);
    byte[] sk = stages.sourceKey(e);
    byte[] mk = stages.machineKey(e);
    boolean ok = true;
    if (sk != null) ok &= send(new ProducerRecord<>(topics.sipBySource(), sk, value));
    if (mk != null) ok &= send(new ProducerRecord<>(topics.sipByMachine(), mk, value));
    if (ok) published.incrementAndGet();
    else dropped.incrementAndGet();
    return ok;
  }

  /**
   * Advances every detect task's clock while traffic is idle: event time moves on with the wall
   * clock from the last event seen. Call about once a second.
   */
  public void idleTick() {
    if (lastSecond == Long.MIN_VALUE) return;
    long now = lastMicros + (wallMicros() - lastWallMicros);
    long sec = Math.floorDiv(now, 1_000_000L);
    if (sec > lastSecond) {
      tickAll(now);
      lastSecond = sec;
    }
  }

  /** Sends a tick at {@code micros} to every partition now (end of a replay, tests). */
  public void tickAt(long micros) {
    tickAll(micros);
    lastSecond = Math.max(lastSecond, Math.floorDiv(micros, 1_000_000L));
  }

  private void tickAll(long micros) {
    byte[] tick = SipRecords.tick(micros);
    for (int p = 0; p < sourcePartitions; p++)
      send(new ProducerRecord<>(topics.sipBySource(), p, null, tick));
    for (int p = 0; p < machinePartitions; p++)
      send(new ProducerRecord<>(topics.sipByMachine(), p, null, tick));
  }

  private boolean send(ProducerRecord<byte[], byte[]> r) {
    try {
      producer.send(r, onSent);
      return true;
    } catch (KafkaException | IllegalStateException e) {
      return false; // buffer full past max.block.ms, or closed
    }
  }

  private long wallMicros() {
    var t = wall.instant();
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  public void flush() {
    producer.flush();
  }

  /** Events accepted by the producer. */
  public long published() {
    return published.get();
  }

  /** Events (or their sends) dropped: buffer full, broker unreachable past the delivery timeout. */
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    producer.close();
  }
}
