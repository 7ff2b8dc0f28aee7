package dev.vigie.cluster;

import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * A {@code detect} process for the failover test: {@code BOOTSTRAP PREFIX GROUP NAME}. Prints
 * {@code assigned T-P,...} on stdout each time its partitions change, so the test knows whom to
 * kill.
 */
public final class DetectChild {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    Topics topics = new Topics(args[1]);
    Inventory inv = Lab.inventory();
    DetectWorker w =
        new DetectWorker(
            new KafkaConsumer<>(KafkaProps.consumer(bootstrap, args[2], args[3])),
            new KafkaProducer<>(KafkaProps.reliableProducer(bootstrap, args[3] + "-alerts")),
            List.of(topics),
            inv,
            new ThresholdRegistry(inv.thresholds(Thresholds.defaults())),
            EngineOptions.defaults(),
            Duration.ofMillis(500));
    Thread t = Thread.ofPlatform().name("detect").start(w);
    String last = null;
    while (t.isAlive()) {
      String now = String.join(",", w.assigned().stream().map(Object::toString).sorted().toList());
      if (!now.equals(last)) {
        System.out.println("assigned " + now);
        System.out.flush();
        last = now;
      }
      Thread.sleep(100);
    }
  }
}
