package dev.vigie.cluster.bench;

import dev.vigie.cluster.IngestPublisher;
import dev.vigie.cluster.KafkaDev;
import dev.vigie.cluster.KafkaProps;
import dev.vigie.cluster.Stages;
import dev.vigie.cluster.Topics;
import dev.vigie.cluster.codec.AlertRecords;
import dev.vigie.detect.Alert;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.InventoryParser;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.capture.CaptureDecoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/**
 * Throughput of the Kafka path on this machine (bench/kafka-e2e.sh): {@code TESTDATA MESSAGES
 * DETECT_PROCESSES PARTITIONS MODE}. The lab's normal capture is replicated over 200 sites (remote
 * addresses shifted per copy), ordered by time, up to MESSAGES events. A kafka-dev node runs in
 * this JVM; the detect members are separate JVMs ({@link DetectProcess}), as {@code vigie serve
 * --role detect} would be.
 *
 * <ul>
 *   <li>{@code catch-up}: the topics are filled first (through {@link IngestPublisher}, as ingest
 *       does); then the detect processes start and consume the backlog. Each one's figure is the
 *       events it handled over its own busy time (first event to last), and per CPU-second.
 *   <li>{@code end-to-end}: the detect processes join first; the clock runs from the first publish
 *       to the last event handled.
 * </ul>
 *
 * No loss: the events handled equal the stage records published, nothing dropped, and the alerts
 * read back from the alerts topic (kind, source, machine) equal those of one engine fed the same
 * events ({@code analyze}).
 */
public final class KafkaThroughput {
  public static void main(String[] args) throws Exception {
    Path testdata = Path.of(args[0]);
    long total = Long.parseLong(args[1]);
    int workers = Integer.parseInt(args[2]);
    int partitions = Integer.parseInt(args[3]);
    boolean catchUp = args.length > 4 && args[4].equals("catch-up");
    Inventory inv = inventory(testdata);
    List<SipEvent> events = events(testdata, inv, total);
    long lastMicros = events.get(events.size() - 1).timestampMicros();
    Set<String> expected = analyze(events, inv);

    Path dir = Files.createTempDirectory("vigie-bench-kafka");
    List<Process> children = new ArrayList<>();
    try (KafkaDev dev = KafkaDev.start(0, dir);
        Admin admin = Admin.create(Map.of("bootstrap.servers", dev.bootstrap()))) {
      Topics topics = new Topics("bench");
      topics.create(admin, partitions, (short) 1);
      String bs = dev.bootstrap();
      Stages stages = new Stages(inv);
      long stageRecords = 0;
      for (SipEvent e : events)
        stageRecords +=
            (stages.sourceKey(e) != null ? 1 : 0) + (stages.machineKey(e) != null ? 1 : 0);
      long[] pub = new long[4];
      double ingestSec = 0;
      if (catchUp) {
        long t = System.nanoTime();
        publish(bs, topics, stages, events, lastMicros, pub);
        ingestSec = (System.nanoTime() - t) / 1e9;
      }
      Map<Integer, long[]> progress = new ConcurrentHashMap<>();
      java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(workers);
      for (int i = 0; i < workers; i++)
        children.add(child(bs, topics, testdata, i, progress, ready));
      ready.await(120, java.util.concurrent.TimeUnit.SECONDS);
      for (Process c : children) {
        c.getOutputStream().write('\n');
        c.getOutputStream().flush();
      }
      long start = System.nanoTime();
      if (!catchUp) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline
            && (progress.size() < workers
                || progress.values().stream().anyMatch(p -> p[4] == 0)
                || progress.values().stream().mapToLong(p -> p[4]).sum() < 2L * partitions))
          Thread.sleep(50);
        start = System.nanoTime();
        publish(bs, topics, stages, events, lastMicros, pub);
        ingestSec = (System.nanoTime() - start) / 1e9;
      }
      long deadline = System.nanoTime() + 900_000_000_000L;
      long handled = 0;
      long nextStatus = System.nanoTime() + 10_000_000_000L;
      while (System.nanoTime() < deadline) {
        handled = progress.values().stream().mapToLong(p -> p[0]).sum();
        if (handled >= stageRecords) break;
        if (System.nanoTime() > nextStatus) {
          System.err.printf(
              "... handled %d of %d (published %d, dropped %d)%n",
              handled, stageRecords, pub[0], pub[1]);
          nextStatus += 10_000_000_000L;
        }
        Thread.sleep(20);
      }
      double wallSec = (System.nanoTime() - start) / 1e9;
      Thread.sleep(1500); // a duplicate would show as more events than published
      handled = progress.values().stream().mapToLong(p -> p[0]).sum();
      Set<String> alerts = alerts(bs, topics, expected);
      StringBuilder per = new StringBuilder();
      long firstUs = Long.MAX_VALUE;
      long lastUs = 0;
      for (int i = 0; i < workers; i++) {
        long[] p = progress.getOrDefault(i, new long[5]);
        double busy = (p[2] - p[1]) / 1e6;
        if (p[0] > 0) {
          firstUs = Math.min(firstUs, p[1]);
          lastUs = Math.max(lastUs, p[2]);
        }
        per.append(
            String.format(
                " p%d_events=%d p%d_busy_s=%.2f p%d_msg_per_s=%.0f p%d_msg_per_cpu_s=%.0f",
                i,
                p[0],
                i,
                busy,
                i,
                busy > 0 ? p[0] / busy : 0,
                i,
                p[3] > 0 ? p[0] / (p[3] / 1e9) : 0));
      }
      double span = (lastUs - firstUs) / 1e6;
      System.out.printf(
          "mode=%s messages=%d stage_records=%d kafka_records=%d detect_processes=%d partitions=%d"
              + " ingest_s=%.2f ingest_msg_per_s=%.0f ingest_thread_msg_per_cpu_s=%.0f wall_s=%.2f all_msg_per_s=%.0f%s"
              + " handled=%d dropped=%d alerts=%d alerts_equal_analyze=%b%n",
          catchUp ? "catch-up" : "end-to-end",
          pub[0],
          stageRecords,
          pub[2],
          workers,
          partitions,
          ingestSec,
          pub[0] / ingestSec,
          pub[3] > 0 ? pub[0] / (pub[3] / 1e9) : 0,
          catchUp ? span : wallSec,
          handled / (catchUp ? span : wallSec),
          per,
          handled,
          pub[1],
          alerts.size(),
          alerts.equals(expected));
      if (!alerts.equals(expected))
        System.out.println("expected " + expected + "\n     got " + alerts);
    } finally {
      children.forEach(Process::destroyForcibly);
    }
    System.exit(0);
  }

  /** The lab inventory of {@code testdata}. */
  @SuppressWarnings("unchecked")
  static Inventory inventory(Path testdata) throws IOException {
    return InventoryParser.parse(
        new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
            .readValue(testdata.resolve("inventory.yaml").toFile(), Map.class));
  }

  /** The normal capture over 200 sites, copies of each span in turn, ordered by time. */
  static List<SipEvent> events(Path testdata, Inventory inv, long total) {
    List<SipEvent> base = new ArrayList<>();
    CaptureDecoder.read(testdata.resolve("captures/normal.sip.pcap"), base::add);
    long t0 = base.get(0).timestampMicros();
    long span = base.get(base.size() - 1).timestampMicros() - t0 + 1_000_000;
    List<SipEvent> events = new ArrayList<>();
    for (int copy = 0; events.size() < total; copy++) {
      for (SipEvent e : base) {
        if (events.size() >= total) break;
        int site = copy % 200;
        events.add(
            new SipEvent(
                e.timestampMicros() + (copy / 200) * span,
                shift(e.src(), inv, site),
                e.srcPort(),
                shift(e.dst(), inv, site),
                e.dstPort(),
                e.transport(),
                e.captureId(),
                e.sip()));
      }
    }
    events.sort(Comparator.comparingLong(SipEvent::timestampMicros)); // stable: capture order kept
    return events;
  }

  /** What analyze raises on the events: one engine, then the end of the capture. */
  static Set<String> analyze(List<SipEvent> events, Inventory inv) {
    DetectionEngine engine = new DetectionEngine(inv, Thresholds.defaults(), a -> {});
    events.forEach(engine::onSip);
    engine.finish();
    Set<String> out = new TreeSet<>();
    for (Alert a : engine.alerts()) out.add(key(a));
    return out;
  }

  static String key(Alert a) {
    return a.kind() + "|" + a.source() + "|" + a.machine();
  }

  private static Process child(
      String bs,
      Topics topics,
      Path testdata,
      int i,
      Map<Integer, long[]> progress,
      java.util.concurrent.CountDownLatch ready)
      throws IOException {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                "-cp",
                System.getProperty("java.class.path"),
                DetectProcess.class.getName(),
                bs,
                topics.prefix(),
                testdata.toString(),
                "detect-" + i)
            .redirectErrorStream(true)
            .start();
    Thread.ofPlatform()
        .daemon(true)
        .start(() -> {
          try (var r =
              new BufferedReader(
                  new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
              if (line.equals("ready")) {
                ready.countDown();
                continue;
              }
              if (!line.startsWith("progress ")) {
                System.err.println("detect-" + i + ": " + line);
                continue;
              }
              String[] f = line.split(" ");
              long[] v = new long[5];
              for (int k = 0; k < 5; k++) v[k] = Long.parseLong(f[k + 1]);
              progress.put(i, v);
            }
          } catch (IOException e) {
            // the process ended
          }
        });
    return p;
  }

  private static void publish(
      String bs, Topics topics, Stages stages, List<SipEvent> events, long last, long[] out) {
    var props = KafkaProps.ingestProducer(bs, "bench-ingest", 64L << 20);
    // a replay waits for room in the producer's buffer instead of dropping (a live listener drops)
    props.put("max.block.ms", "120000");
    String compression = System.getenv("COMPRESSION"); // A/B of the producer's codec (lz4 default)
    if (compression != null) props.put("compression.type", compression);
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props)) {
      IngestPublisher pub = new IngestPublisher(p, topics, stages, InstantSource.system());
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long cpu0 = threads.getCurrentThreadCpuTime();
      for (SipEvent e : events) pub.publish(e);
      pub.tickAt(last + 1_000_000L); // the end of the capture, as analyze's finish()
      pub.flush();
      out[0] = pub.published();
      out[1] = pub.dropped();
      out[2] = pub.batches();
      out[3] = threads.getCurrentThreadCpuTime() - cpu0; // the publishing thread (not the sender)
    }
  }

  /** The alerts (kind|source|machine) on the alerts topic, read until they settle. */
  private static Set<String> alerts(String bs, Topics topics, Set<String> expected) {
    Set<String> got = new TreeSet<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(KafkaProps.consumer(bs, "bench-check", "bench-check"))) {
      List<TopicPartition> parts = new ArrayList<>();
      for (int p = 0; p < 3; p++) parts.add(new TopicPartition(topics.alerts(), p));
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.nanoTime() + 30_000_000_000L;
      long quietSince = System.nanoTime();
      while (System.nanoTime() < deadline) {
        var recs = c.poll(Duration.ofMillis(200));
        for (var r : recs) got.add(key(AlertRecords.decode(r.value())));
        if (!recs.isEmpty()) quietSince = System.nanoTime();
        if (got.containsAll(expected) && System.nanoTime() - quietSince > 3_000_000_000L) break;
      }
    }
    return got;
  }

  /** A remote address moved to site {@code site}; machines keep theirs. */
  private static IpAddress shift(IpAddress ip, Inventory inv, int site) {
    if (inv.machineOf(ip) != null || ip.v6()) return ip;
    return IpAddress.v4((ip.lo() & 0xFF00_00FFL) | ((long) site << 8) | (10L << 16));
  }
}
