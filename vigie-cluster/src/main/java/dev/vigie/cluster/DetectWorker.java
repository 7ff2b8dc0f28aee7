package dev.vigie.cluster;

import dev.vigie.cluster.codec.AlertRecords;
import dev.vigie.cluster.codec.CodecException;
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
  private final Map<TopicPartition, DetectionEngine> engines = new HashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong alertsSent = new AtomicLong();
  private final AtomicLong badRecords = new AtomicLong();
  private final Duration commitEvery;
  private volatile List<TopicPartition> assigned = List.of();

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

  @Override
  public void run() {
    consumer.subscribe(
        List.copyOf(byTopic.keySet()),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> parts) {
            commit();
            parts.forEach(engines::remove);
            assigned = List.copyOf(consumer.assignment());
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> parts) {
            for (TopicPartition tp : parts) engines.put(tp, newEngine(tp.topic()));
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
        for (ConsumerRecord<byte[], byte[]> r : batch) handle(r);
        if (System.nanoTime() - lastCommit >= commitEvery.toNanos()) {
          commit();
          lastCommit = System.nanoTime();
        }
      }
      commit();
    } catch (WakeupException e) {
      if (running.get()) throw e;
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> r) {
    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
    DetectionEngine engine = engines.get(tp);
    if (engine == null) return;
    byte[] v = r.value();
    try {
      if (SipRecords.type(v) == SipRecords.TICK) {
        long micros = SipRecords.tickMicros(v);
        engine.tick(
            Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), 0)
                .plusNanos(Math.floorMod(micros, 1_000_000L) * 1000));
      } else {
        engine.onSip(SipRecords.decode(v));
        events.incrementAndGet();
      }
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

  /** SIP events handled so far. */
  public long events() {
    return events.get();
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
