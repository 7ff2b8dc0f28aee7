package dev.vigie.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * One real Kafka node (KRaft, kafka-dev's code) for the whole test run, started on first use on a
 * free loopback port and stopped when the JVM exits.
 */
final class Broker {
  private static KafkaDev dev;
  private static Admin admin;

  private Broker() {}

  static synchronized String bootstrap() throws Exception {
    if (dev == null) {
      Path dir = Files.createTempDirectory("vigie-kafka-test");
      dev = KafkaDev.start(0, dir);
      admin = Admin.create(Map.of("bootstrap.servers", dev.bootstrap()));
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> {
                admin.close();
                dev.close();
              }));
    }
    return dev.bootstrap();
  }

  static Topics topics(String prefix, int partitions) throws Exception {
    bootstrap();
    Topics t = new Topics(prefix);
    t.create(admin, partitions, (short) 1);
    return t;
  }

  static KafkaProducer<byte[], byte[]> ingestProducer() throws Exception {
    return new KafkaProducer<>(KafkaProps.ingestProducer(bootstrap(), "ingest-test", 64L << 20));
  }
}
