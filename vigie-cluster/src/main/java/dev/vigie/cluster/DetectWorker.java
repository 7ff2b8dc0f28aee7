package dev.vigie.cluster;

import dev.vigie.cluster.codec.AlertRecords;
import dev.vigie.cluster.codec.CdrRecords;
import dev.vigie.cluster.codec.CodecException;
import dev.vigie.cluster.codec.RecordBatch;
import dev.vigie.cluster.codec.SipRecords;
import dev.vigie.detect.Alert;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.threshold.ThresholdRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code detect} role: one member of the {@code vigie-detect} consumer group. It reads both SIP
 * stages (of one or more topic namespaces) and runs one {@link DetectionEngine} per assigned
 * partition (the engine is single-threaded; a partition is one engine's whole input), on event time
 * (the events' own timestamps and the ticks ingest sends). Each stage publishes only the alerts it
 * owns ({@link Stages#owns}) to {@code alerts}, keyed by alert id.
 *
 * <p>At least once: offsets are committed after the alerts they produced are acknowledged (each
 * second, and when partitions are revoked). A partition that moves starts again from its last
 * commit with an empty engine: windows rebuild from the stream within their own length, and an
 * episode raised again under the same id is merged by the respond role.
 */
public final class DetectWorker implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DetectWorker.class);

  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> alerts;
  private final Map<String, Topics> byTopic = new HashMap<>();
  private final Inventory inventory;
  private final ThresholdRegistry thresholds;
  private final EngineOptions options;
  private final Map<TopicPartition, DetectionEngine> engines =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong cdrs = new AtomicLong();
  private final AtomicLong ticks = new AtomicLong();
  private final AtomicLong alertsSent = new AtomicLong();
  private final AtomicLong badRecords = new AtomicLong();
  private final Duration commitEvery;
  private volatile List<TopicPartition> assigned = List.of();
  private Checkpoints checkpoints;
  private Duration checkpointEvery = Duration.ofSeconds(30);
  private long lastCheckpoint = System.nanoTime();
  private final AtomicLong restored = new AtomicLong();
  // partition counts of the stage topics, filled on the consumer's thread (it is not thread-safe)
  private final Map<String, Integer> partitionCounts =
      new java.util.concurrent.ConcurrentHashMap<>();

  public DetectWorker(
      Consumer<byte[], byte[]> consumer,
      Producer<byte[], byte[]> alerts,
      List<Topics> namespaces,
      Inventory inventory,
      ThresholdRegistry thresholds,
      EngineOptions options,
      Duration commitEvery) {
    this.consumer = consumer;
    this.alerts = alerts;
    for (Topics t : namespaces) {
      byTopic.put(t.sipBySource(), t);
      byTopic.put(t.sipByMachine(), t);
    }
    this.inventory = inventory;
    this.thresholds = thresholds;
    this.options = options;
    this.commitEvery = commitEvery;
  }

  /**
   * Checkpoints the baselines of the machines of each machine-stage partition every {@code every}
   * and when the partition is revoked, and restores them when a partition is assigned.
   */
  public DetectWorker withCheckpoints(Checkpoints checkpoints, Duration every) {
    this.checkpoints = checkpoints;
    this.checkpointEvery = every;
    return this;
  }

  @Override
  public void run() {
    consumer.subscribe(
        List.copyOf(byTopic.keySet()),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> parts) {
            checkpoint(parts);
            commit();
            parts.forEach(engines::remove);
            assigned = List.copyOf(consumer.assignment());
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> parts) {
            for (TopicPartition tp : parts) {
              engines.put(tp, newEngine(tp.topic()));
              partitionCounts.computeIfAbsent(tp.topic(), t -> consumer.partitionsFor(t).size());
            }
            restore(parts);
            assigned = List.copyOf(consumer.assignment());
            LOG.info("detect: partitions {}", assigned);
          }

          @Override
          public void onPartitionsLost(Collection<TopicPartition> parts) {
            parts.forEach(engines::remove);
          }
        });
    long lastCommit = System.nanoTime();
    try {
      while (running.get()) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
        for (TopicPartition tp : batch.partitions()) {
          DetectionEngine engine = engines.get(tp);
          if (engine == null) continue;
          for (ConsumerRecord<byte[], byte[]> r : batch.records(tp)) handle(engine, r.value());
        }
        if (System.nanoTime() - lastCommit >= commitEvery.toNanos()) {
          if (System.nanoTime() - lastCheckpoint >= checkpointEvery.toNanos()) {
            checkpoint(engines.keySet());
            lastCheckpoint = System.nanoTime();
          }
          commit();
          lastCommit = System.nanoTime();
        }
      }
      checkpoint(engines.keySet());
      commit();
    } catch (WakeupException e) {
      if (running.get()) throw e;
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** One Kafka record: a batch of events, ticks and CDRs of one partition, or a single one. */
  private void handle(DetectionEngine engine, byte[] v) {
    try {
      RecordBatch.read(
          v,
          new RecordBatch.Visitor() {
            @Override
            public void sip(byte[] b, int off, int len) {
              try {
                engine.onSip(SipRecords.decode(b, off, len));
                events.lazySet(events.get() + 1); // only this thread writes it
              } catch (CodecException e) {
                badRecords.incrementAndGet(); // one bad entry, the rest of the batch goes on
              }
            }

            @Override
            public void tick(long micros) {
              ticks.lazySet(ticks.get() + 1);
              engine.tick(
                  Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), 0)
                      .plusNanos(Math.floorMod(micros, 1_000_000L) * 1000));
            }

            @Override
            public void cdr(byte[] b, int off, int len) {
              try {
                CdrRecords.Cdr c = CdrRecords.decode(b, off, len);
                engine.onCdr(c.record(), c.machineId());
                cdrs.lazySet(cdrs.get() + 1);
              } catch (CodecException e) {
                badRecords.incrementAndGet();
              }
            }
          });
    } catch (CodecException e) {
      badRecords.incrementAndGet(); // a foreign or corrupt record never stops detection
    }
  }

  private DetectionEngine newEngine(String topic) {
    Topics ns = byTopic.get(topic);
    return new DetectionEngine(
        inventory,
        thresholds,
        a -> {
          if (Stages.owns(ns, topic, a)) publish(ns, a);
        },
        options);
  }

  private void publish(Topics ns, Alert a) {
    alerts.send(
        new ProducerRecord<>(
            ns.alerts(), a.id().getBytes(StandardCharsets.UTF_8), AlertRecords.encode(a)));
    alertsSent.incrementAndGet();
  }

  /** Alerts acknowledged first, then the offsets that produced them. */
  private void commit() {
    alerts.flush();
    try {
      consumer.commitSync();
    } catch (RuntimeException e) {
      LOG.warn("detect: commit failed ({}); the records will be read again", e.toString());
    }
  }

  /** The machines whose traffic is keyed to partition {@code tp} of a machine stage. */
  private List<String> machinesOf(TopicPartition tp) {
    Topics ns = byTopic.get(tp.topic());
    if (ns == null || !tp.topic().equals(ns.sipByMachine())) return List.of();
    int n = partitionCounts.getOrDefault(tp.topic(), 0);
    if (n == 0) return List.of();
    return inventory.machines().stream()
        .map(dev.vigie.detect.inventory.Machine::id)
        .filter(id ->
            org.apache.kafka.common.utils.Utils.toPositive(
                        org.apache.kafka.common.utils.Utils.murmur2(
                            id.getBytes(StandardCharsets.UTF_8)))
                    % n
                == tp.partition())
        .toList();
  }

  private void checkpoint(Collection<TopicPartition> parts) {
    if (checkpoints == null) return;
    for (TopicPartition tp : parts) {
      DetectionEngine e = engines.get(tp);
      if (e == null) continue;
      for (String id : machinesOf(tp)) {
        if (e.baselineObservations(id) > 0)
          checkpoints.save(byTopic.get(tp.topic()), id, e.baselineState(id));
      }
    }
  }

  private void restore(Collection<TopicPartition> parts) {
    if (checkpoints == null) return;
    Map<Topics, Map<String, double[][]>> loaded = new HashMap<>();
    for (TopicPartition tp : parts) {
      List<String> ids = machinesOf(tp);
      if (ids.isEmpty()) continue;
      Topics ns = byTopic.get(tp.topic());
      Map<String, double[][]> all;
      try {
        all = loaded.computeIfAbsent(ns, checkpoints::loadAll);
      } catch (RuntimeException e) {
        LOG.warn("detect: baselines not restored ({}): they warm up again", e.toString());
        return;
      }
      DetectionEngine e = engines.get(tp);
      for (String id : ids) {
        if (all.containsKey(id) && e.restoreBaselineState(id, all.get(id)))
          restored.incrementAndGet();
      }
    }
  }

  /** Machine baselines restored from checkpoints so far. */
  public long restoredBaselines() {
    return restored.get();
  }

  /** Seconds learnt by machine {@code id}'s baseline in the engine holding it here, or -1. */
  public long baselineObservations(String id) {
    for (var en : engines.entrySet()) {
      if (machinesOf(en.getKey()).contains(id)) return en.getValue().baselineObservations(id);
    }
    return -1;
  }

  /** SIP events handled so far. */
  public long events() {
    return events.get();
  }

  /** Clock ticks handled so far (one per partition and second of event time). */
  public long ticks() {
    return ticks.get();
  }

  /** 3CX CDRs handled so far. */
  public long cdrs() {
    return cdrs.get();
  }

  public long alertsSent() {
    return alertsSent.get();
  }

  public long badRecords() {
    return badRecords.get();
  }

  /** The partitions this member holds now. */
  public List<TopicPartition> assigned() {
    return assigned;
  }

  /** Stops the loop (from any thread); {@link #run} commits and returns. */
  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }
}
