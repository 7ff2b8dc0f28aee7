package dev.vigie.cluster.bench;

import dev.vigie.cluster.DetectWorker;
import dev.vigie.cluster.KafkaProps;
import dev.vigie.cluster.Topics;
import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * One {@code detect} process of the benchmark ({@code BOOTSTRAP PREFIX TESTDATA NAME}): a {@link
 * DetectWorker} as {@code vigie serve --role detect} runs it. Every 10 ms it samples its event
 * count; it prints {@code progress EVENTS FIRST_US LAST_US CPU_NS ASSIGNED} every 100 ms, where
 * FIRST_US is the wall time of its first handled event, LAST_US of the last sample where the count
 * grew, and CPU_NS this process's CPU time spent between the two.
 */
public final class DetectProcess {
  /** The detect role's consumer settings; FETCH_MIN_BYTES in the environment for an A/B run. */
  private static java.util.Properties props(String bootstrap, String name) {
    var p = KafkaProps.consumer(bootstrap, "bench-detect", name);
    String min = System.getenv("FETCH_MIN_BYTES");
    if (min != null) p.put("fetch.min.bytes", min);
    return p;
  }

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    Topics topics = new Topics(args[1]);
    Inventory inv = KafkaThroughput.inventory(Path.of(args[2]));
    DetectWorker w =
        new DetectWorker(
            new KafkaConsumer<>(props(bootstrap, args[3])),
            new KafkaProducer<>(KafkaProps.reliableProducer(bootstrap, args[3] + "-alerts")),
            List.of(topics),
            inv,
            new ThresholdRegistry(inv.thresholds(Thresholds.defaults())),
            EngineOptions.defaults(),
            Duration.ofSeconds(1));
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    // every detect JVM is up before any joins the group: one assignment, not one per late JVM
    System.out.println("ready");
    System.out.flush();
    new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
    Thread t = Thread.ofPlatform().name("detect").start(w);
    long seen = 0;
    long firstUs = 0;
    long lastUs = 0;
    long cpuFirst = 0;
    long cpuLast = 0;
    long nextPrint = 0;
    while (t.isAlive()) {
      long n = w.events();
      if (n > seen) {
        var i = java.time.Instant.now();
        long now = i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
        if (seen == 0) {
          firstUs = now;
          cpuFirst = os.getProcessCpuTime();
        }
        lastUs = now;
        cpuLast = os.getProcessCpuTime();
        seen = n;
      }
      if (System.nanoTime() >= nextPrint) {
        System.out.println(
            "progress "
                + seen
                + " "
                + firstUs
                + " "
                + lastUs
                + " "
                + (cpuLast - cpuFirst)
                + " "
                + w.assigned().size());
        System.out.flush();
        nextPrint = System.nanoTime() + 100_000_000L;
      }
      Thread.sleep(10);
    }
  }
}
