package dev.vigie.cluster;

import dev.vigie.cluster.codec.CdrRecords;
import dev.vigie.cluster.codec.RecordBatch;
import dev.vigie.cluster.codec.SipRecords;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.cdr.CdrRecord;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.utils.Utils;

/**
 * The {@code ingest} role's publisher: each SIP event to the source stage (keyed by the remote
 * source) and to the machine stage (keyed by the machine), and the clock to every partition of both
 * (a {@link SipRecords#TICK} whenever event time enters a new second, and once a second of wall
 * time while traffic is idle), so that every detect task evaluates its rules at the same event
 * times as a single engine would. 3CX CDRs go to the machine stage, keyed by their machine.
 *
 * <p><b>Batches.</b> Events are not one Kafka record each: the publisher picks the partition of the
 * key itself (Kafka's own murmur2 partitioner, so a key lands where a keyed record would) and
 * appends the event to that partition's {@link RecordBatch}; a batch is sent when it reaches {@code
 * batchBytes}, and every batch is sent with the tick that closes an event-time second (the detect
 * task cannot evaluate that second before the tick anyway, so batching adds no detection delay).
 * Kafka's per-record costs (record headers, offsets, the consumer's record objects) are then paid
 * once per few hundred messages.
 *
 * <p>Backpressure: when the producer's buffer is full a batch is dropped and its events counted,
 * like a full ingest queue today; the listener never stalls.
 *
 * <p>One thread calls {@link #publish}, {@link #publishCdr} and {@link #idleTick} (the ingest
 * queue's worker).
 */
public final class IngestPublisher implements AutoCloseable {
  /** The default size at which a partition's batch is sent. */
  public static final int BATCH_BYTES = 64 * 1024;

  private final Producer<byte[], byte[]> producer;
  private final Stages stages;
  private final Topics topics;
  private final InstantSource wall;
  private final int batchBytes;
  private final RecordBatch[] bySource;
  private final RecordBatch[] byMachine;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private long lastSecond = Long.MIN_VALUE;
  private long lastMicros;
  private long lastWallMicros;

  public IngestPublisher(
      Producer<byte[], byte[]> producer, Topics topics, Stages stages, InstantSource wall) {
    this(producer, topics, stages, wall, BATCH_BYTES);
  }

  public IngestPublisher(
      Producer<byte[], byte[]> producer,
      Topics topics,
      Stages stages,
      InstantSource wall,
      int batchBytes) {
    this.producer = producer;
    this.topics = topics;
    this.stages = stages;
    this.wall = wall;
    this.batchBytes = batchBytes;
    this.bySource = batches(partitions(producer, topics.sipBySource()), batchBytes);
    this.byMachine = batches(partitions(producer, topics.sipByMachine()), batchBytes);
  }

  private static RecordBatch[] batches(int n, int batchBytes) {
    RecordBatch[] out = new RecordBatch[n];
    for (int i = 0; i < n; i++) out[i] = new RecordBatch(Math.min(batchBytes, 8192) + 2048);
    return out;
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

  /**
   * Publishes one event to its stages (appended to the batches of its partitions); false when a
   * batch could not be handed to the producer (buffer full, closed) and was dropped.
   */
  public boolean publish(SipEvent e) {
    clock(e.timestampMicros());
    byte[] sk = stages.sourceKey(e);
    byte[] mk = stages.machineKey(e);
    boolean ok = true;
    if (sk != null) {
      int p = partition(sk, bySource.length);
      bySource[p].add(e);
      if (bySource[p].bytes() >= batchBytes) ok &= send(topics.sipBySource(), p, bySource[p]);
    }
    if (mk != null) {
      int p = partition(mk, byMachine.length);
      byMachine[p].add(e);
      if (byMachine[p].bytes() >= batchBytes) ok &= send(topics.sipByMachine(), p, byMachine[p]);
    }
    published.incrementAndGet();
    return ok;
  }

  /**
   * Publishes one 3CX CDR to the machine stage, keyed by its machine (a CDR of an unknown machine
   * under the empty key): the toll-fraud rules see it in the detect task of that machine's SIP. The
   * CDR's start time moves event time on like a SIP event's timestamp.
   */
  public boolean publishCdr(CdrRecord r, String machineId) {
    long micros = r.timeStart().getEpochSecond() * 1_000_000L + r.timeStart().getNano() / 1000;
    clock(micros);
    byte[] key = (machineId == null ? "" : machineId).getBytes(StandardCharsets.UTF_8);
    int p = partition(key, byMachine.length);
    byMachine[p].addRecord(CdrRecords.encode(r, machineId));
    boolean ok = byMachine[p].bytes() < batchBytes || send(topics.sipByMachine(), p, byMachine[p]);
    published.incrementAndGet();
    return ok;
  }

  private void clock(long micros) {
    long sec = Math.floorDiv(micros, 1_000_000L);
    if (sec > lastSecond) {
      if (lastSecond != Long.MIN_VALUE) tickAll(micros);
      lastSecond = sec;
    }
    if (micros > lastMicros) {
      lastMicros = micros;
      lastWallMicros = wallMicros();
    }
  }

  /** The partition Kafka's default partitioner gives a record keyed {@code key}. */
  public static int partition(byte[] key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
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

  /** The tick closes every partition's batch: each is sent with it. */
  private void tickAll(long micros) {
    for (int p = 0; p < bySource.length; p++) {
      bySource[p].addTick(micros);
      send(topics.sipBySource(), p, bySource[p]);
    }
    for (int p = 0; p < byMachine.length; p++) {
      byMachine[p].addTick(micros);
      send(topics.sipByMachine(), p, byMachine[p]);
    }
  }

  /** Sends the pending batch {@code b} of {@code partition}. */
  private boolean send(String topic, int partition, RecordBatch b) {
    if (b.isEmpty()) return true;
    int events = b.events();
    byte[] value = b.take();
    try {
      producer.send(
          new ProducerRecord<>(topic, partition, null, value),
          (md, e) -> {
            if (e != null) dropped.addAndGet(events);
          });
      batches.incrementAndGet();
      return true;
    } catch (KafkaException | IllegalStateException e) {
      dropped.addAndGet(events); // buffer full past max.block.ms, or closed
      return false;
    }
  }

  private long wallMicros() {
    var t = wall.instant();
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  /** Sends every pending batch and waits until the producer has sent everything. */
  public void flush() {
    for (int p = 0; p < bySource.length; p++) send(topics.sipBySource(), p, bySource[p]);
    for (int p = 0; p < byMachine.length; p++) send(topics.sipByMachine(), p, byMachine[p]);
    producer.flush();
  }

  /** Kafka records (batches) handed to the producer. */
  public long batches() {
    return batches.get();
  }

  /** Events (SIP and CDR) accepted into a batch. */
  public long published() {
    return published.get();
  }

  /**
   * Stage copies of events dropped (an event goes to one or two stages): buffer full, broker
   * unreachable past the delivery timeout.
   */
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    flush();
    producer.close();
  }
}
