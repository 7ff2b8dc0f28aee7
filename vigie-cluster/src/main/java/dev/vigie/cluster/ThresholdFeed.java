package dev.vigie.cluster;

import dev.vigie.cluster.codec.CodecException;
import dev.vigie.cluster.codec.ThresholdRecords;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runtime threshold changes across the cluster. The respond role (which owns the API, the console
 * and the stored overrides) {@link #publish}es the thresholds in force to the compacted {@code
 * PREFIX.config} topic at start and after every change; each detect process runs a {@link Follower}
 * that reads the topic from its beginning and swaps every snapshot into the registry its engines
 * read at each evaluation: a change reaches every detect process within a poll (200 ms here),
 * without restart, and a detect process that starts later gets the latest snapshot before it reads
 * any SIP.
 */
public final class ThresholdFeed {
  private static final Logger LOG = LoggerFactory.getLogger(ThresholdFeed.class);

  private ThresholdFeed() {}

  /** Publishes {@code t} as the thresholds in force and waits until Kafka has it. */
  public static void publish(Producer<byte[], byte[]> producer, Topics topics, Thresholds t) {
    producer.send(
        new ProducerRecord<>(
            topics.config(),
            ThresholdRecords.KEY.getBytes(StandardCharsets.UTF_8),
            ThresholdRecords.encode(t)));
    producer.flush();
  }

  /** A detect process's reader of the config topic. */
  public static final class Follower implements Runnable, AutoCloseable {
    private final Consumer<byte[], byte[]> consumer;
    private final Topics topics;
    private final ThresholdRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong applied = new AtomicLong();
    private final CountDownLatch caughtUp = new CountDownLatch(1);

    public Follower(Consumer<byte[], byte[]> consumer, Topics topics, ThresholdRegistry registry) {
      this.consumer = consumer;
      this.topics = topics;
      this.registry = registry;
    }

    @Override
    public void run() {
      try {
        List<TopicPartition> parts =
            consumer.partitionsFor(topics.config(), Duration.ofSeconds(15)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(15));
        while (running.get()) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) apply(r);
          if (caughtUp.getCount() > 0
              && parts.stream().allMatch(p -> consumer.position(p) >= end.get(p)))
            caughtUp.countDown();
        }
      } catch (WakeupException e) {
        if (running.get()) throw e;
      } catch (RuntimeException e) {
        LOG.warn("detect: thresholds not followed ({}); the configured ones stay", e.toString());
      } finally {
        caughtUp.countDown();
        consumer.close(Duration.ofSeconds(2));
      }
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
      if (r.key() == null
          || !ThresholdRecords.KEY.equals(new String(r.key(), StandardCharsets.UTF_8))
          || r.value() == null) return;
      try {
        registry.set(ThresholdRecords.decode(r.value()));
        applied.incrementAndGet();
        LOG.info("detect: thresholds updated (offset {})", r.offset());
      } catch (CodecException e) {
        LOG.warn("detect: thresholds record {} refused: {}", r.offset(), e.getMessage());
      }
    }

    /** Waits until the snapshots present at start are applied (or {@code timeout} passed). */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
      return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Snapshots applied so far. */
    public long applied() {
      return applied.get();
    }

    @Override
    public void close() {
      running.set(false);
      consumer.wakeup();
    }
  }
}
