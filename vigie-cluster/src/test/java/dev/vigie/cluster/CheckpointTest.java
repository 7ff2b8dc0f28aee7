package dev.vigie.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.capture.CaptureDecoder;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * A machine's hour-of-week baselines survive its partition moving: the detect member that held it
 * checkpoints them on the compacted topic, the one that takes the partition over restores them
 * instead of starting its warm-up again.
 */
class CheckpointTest {
  private static final String MACHINE = "proxy-lab";

  @Test
  void baselinesMoveWithTheirPartition() throws Exception {
    String bootstrap = Broker.bootstrap();
    Topics topics = Broker.topics("ckpt", 6);
    Inventory inv = Lab.inventory();
    DetectWorker first = worker(bootstrap, topics, inv, "first");
    Thread t1 = Thread.ofPlatform().daemon(true).start(first);
    await().atMost(Duration.ofSeconds(60)).until(() -> first.assigned().size() == 12);
    try (KafkaProducer<byte[], byte[]> producer = Broker.ingestProducer()) {
      IngestPublisher pub =
          new IngestPublisher(producer, topics, new Stages(inv), InstantSource.system());
      long[] last = {0};
      CaptureDecoder.read(
          Lab.dir().resolve("captures/normal.hep.pcap"),
          e -> {
            pub.publish(e);
            last[0] = Math.max(last[0], e.timestampMicros());
          });
      pub.tickAt(last[0] + 2_000_000L);
      pub.flush();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> first.baselineObservations(MACHINE) > 5);
    long learnt = first.baselineObservations(MACHINE); // traffic is over: no more learning
    first.close(); // leaves the group: checkpoints, then gives its partitions up
    t1.join(20_000);

    DetectWorker second = worker(bootstrap, topics, inv, "second");
    Thread.ofPlatform().daemon(true).start(second);
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> second.assigned().size() == 12);
      assertThat(second.restoredBaselines()).isPositive();
      assertThat(second.baselineObservations(MACHINE)).isGreaterThanOrEqualTo(learnt);
    } finally {
      second.close();
    }
  }

  private static DetectWorker worker(String bootstrap, Topics topics, Inventory inv, String name) {
    return new DetectWorker(
            new KafkaConsumer<>(KafkaProps.consumer(bootstrap, "ckpt-detect", name)),
            new KafkaProducer<>(KafkaProps.reliableProducer(bootstrap, name + "-alerts")),
            List.of(topics),
            inv,
            new ThresholdRegistry(inv.thresholds(Thresholds.defaults())),
            EngineOptions.defaults(),
            Duration.ofMillis(500))
        .withCheckpoints(
            new Checkpoints(
                new KafkaProducer<>(KafkaProps.reliableProducer(bootstrap, name + "-ckpt")),
                () -> new KafkaConsumer<>(KafkaProps.consumer(bootstrap, "unused", name + "-r"))),
            Duration.ofSeconds(1));
  }
}
