package dev.vigie.cluster;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The client settings of each role (bytes in, bytes out: the codecs are ours). */
public final class KafkaProps {
  private KafkaProps() {}

  /** Ingest: batched, compressed, never blocking the listener for long (a full buffer drops). */
  public static Properties ingestProducer(String bootstrap, String clientId, long bufferBytes) {
    Properties p = base(bootstrap, clientId);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"); // no reordering nor duplicates
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(bufferBytes));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20");
    return p;
  }

  /** Alerts and actions: few, each one must arrive. */
  public static Properties reliableProducer(String bootstrap, String clientId) {
    Properties p = base(bootstrap, clientId);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return p;
  }

  /** A member of a consumer group that commits by hand, after handling. */
  public static Properties consumer(String bootstrap, String group, String clientId) {
    Properties p = base(bootstrap, clientId);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // a dead member's partitions move after this long (the failover bound)
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    // each batch as soon as it is there: waiting for 64 KiB (100 ms at most) showed no measurable
    // gain end to end (performance.md, A/B), and would delay detection
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
    return p;
  }

  /** A reader of whole topics (assigned partitions, no group, nothing committed). */
  public static Properties reader(String bootstrap, String clientId) {
    Properties p = base(bootstrap, clientId);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return p;
  }

  private static Properties base(String bootstrap, String clientId) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("client.id", clientId);
    return p;
  }
}
