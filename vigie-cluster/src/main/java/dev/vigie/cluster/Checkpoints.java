package dev.vigie.cluster;

import dev.vigie.detect.baseline.BaselineCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Machine baselines checkpointed on the compacted topic {@code PREFIX.baselines} (key: machine id,
 * value: the machine's baselines, {@link BaselineCodec}), so that a machine whose partition moves
 * to another detect process keeps what it learnt instead of going back to warm-up.
 */
public final class Checkpoints {
  private final Producer<byte[], byte[]> producer;
  private final Supplier<Consumer<byte[], byte[]>> reader;

  public Checkpoints(Producer<byte[], byte[]> producer, Supplier<Consumer<byte[], byte[]>> reader) {
    this.producer = producer;
    this.reader = reader;
  }

  public void save(Topics topics, String machineId, double[][] state) {
    producer.send(
        new ProducerRecord<>(
            topics.baselines(), machineId.getBytes(StandardCharsets.UTF_8), encode(state)));
  }

  /** The latest checkpoint of every machine (reads the compacted topic to its end). */
  public Map<String, double[][]> loadAll(Topics topics) {
    Map<String, double[][]> out = new HashMap<>();
    try (Consumer<byte[], byte[]> c = reader.get()) {
      List<TopicPartition> parts =
          c.partitionsFor(topics.baselines(), Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(10));
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (r.key() == null) continue;
          String id = new String(r.key(), StandardCharsets.UTF_8);
          double[][] s = decode(r.value());
          if (s == null) out.remove(id);
          else out.put(id, s);
        }
      }
    }
    return out;
  }

  static byte[] encode(double[][] state) {
    return BaselineCodec.encode(state);
  }

  /** The state, or null for a record that is not one (a tombstone, a foreign record). */
  static double[][] decode(byte[] v) {
    return BaselineCodec.decode(v);
  }
}
