package dev.vigie.cluster.bench;

import dev.vigie.cluster.DetectWorker;
import dev.vigie.cluster.IngestPublisher;
import dev.vigie.cluster.KafkaDev;
import dev.vigie.cluster.KafkaProps;
import dev.vigie.cluster.Stages;
import dev.vigie.cluster.Topics;
import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.InventoryParser;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.capture.CaptureDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * End-to-end throughput ingest → Kafka → detect → alerts on this machine (bench/kafka-e2e.sh).
 * {@code TESTDATA MESSAGES DETECT_WORKERS PARTITIONS}: the lab's normal capture is replicated over
 * 200 sites (remote addresses shifted per copy, time shifted) up to MESSAGES events, published as
 * fast as the ingest publisher goes, and consumed by DETECT_WORKERS members of one group (threads
 * of this JVM, each its own consumer and engines). Prints one line of results; no loss means every
 * stage record published was handled by a detect engine and nothing was dropped.
 */
public final class KafkaThroughput {
  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    Path testdata = Path.of(args[0]);
    long total = Long.parseLong(args[1]);
    int workers = Integer.parseInt(args[2]);
    int partitions = Integer.parseInt(args[3]);
    Inventory inv =
        InventoryParser.parse(
            new com.fasterxml.jackson.databind.ObjectMapper(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readValue(testdata.resolve("inventory.yaml").toFile(), Map.class));
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
    try (KafkaDev dev = KafkaDev.start(0, Files.createTempDirectory("vigie-bench-kafka"));
        Admin admin = Admin.create(Map.of("bootstrap.servers", dev.bootstrap()))) {
      Topics topics = new Topics("bench");
      topics.create(admin, partitions, (short) 1);
      String bs = dev.bootstrap();
      boolean detectOnly = args.length > 4 && args[4].equals("detect-only");
      Stages stages = new Stages(inv);
      long stageRecords = 0;
      for (SipEvent e : events)
        stageRecords +=
            (stages.sourceKey(e) != null ? 1 : 0) + (stages.machineKey(e) != null ? 1 : 0);
      long[] pubd = {0, 0};
      double ingestSec = 0;
      if (detectOnly) { // the backlog first: the detect members alone are timed
        long t = System.nanoTime();
        publish(bs, topics, stages, events, pubd);
        ingestSec = (System.nanoTime() - t) / 1e9;
      }
      long start = System.nanoTime();
      List<DetectWorker> ws = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        DetectWorker w =
            new DetectWorker(
                new KafkaConsumer<>(KafkaProps.consumer(bs, "bench-detect", "detect-" + i)),
                new KafkaProducer<>(KafkaProps.reliableProducer(bs, "alerts-" + i)),
                List.of(topics),
                inv,
                new ThresholdRegistry(inv.thresholds(Thresholds.defaults())),
                EngineOptions.defaults(),
                Duration.ofSeconds(1));
        ws.add(w);
        Thread.ofPlatform().daemon(true).start(w);
      }
      while (ws.stream().mapToInt(w -> w.assigned().size()).sum() < 2 * partitions
          || ws.stream().anyMatch(w -> w.assigned().isEmpty())) Thread.sleep(100);
      if (!detectOnly) {
        start = System.nanoTime();
        publish(bs, topics, stages, events, pubd);
        ingestSec = (System.nanoTime() - start) / 1e9;
      }
      long published = pubd[0];
      long dropped = pubd[1];
      long deadline = System.nanoTime() + 600_000_000_000L;
      long handled = 0;
      while (System.nanoTime() < deadline) {
        handled = ws.stream().mapToLong(DetectWorker::events).sum();
        if (handled >= stageRecords) break;
        Thread.sleep(20);
      }
      double sec = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "mode=%s messages=%d stage_records=%d detect_workers=%d partitions=%d ingest_s=%.2f e2e_s=%.2f"
              + " e2e_msg_per_s=%.0f per_worker_msg_per_s=%.0f handled=%d dropped=%d alerts=%d%n",
          detectOnly ? "detect-only" : "end-to-end",
          published,
          stageRecords,
          workers,
          partitions,
          ingestSec,
          sec,
          published / sec,
          published / sec / workers,
          handled,
          dropped,
          ws.stream().mapToLong(DetectWorker::alertsSent).sum());
      ws.forEach(DetectWorker::close);
    }
    System.exit(0);
  }

  private static void publish(
      String bs, Topics topics, Stages stages, List<SipEvent> events, long[] out) {
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(KafkaProps.ingestProducer(bs, "bench-ingest", 64L << 20))) {
      IngestPublisher pub = new IngestPublisher(p, topics, stages, InstantSource.system());
      for (SipEvent e : events) {
        while (!pub.publish(e)) Thread.onSpinWait(); // not reached: the buffer is 64 MiB
      }
      pub.flush();
      out[0] = pub.published();
      out[1] = pub.dropped();
    }
  }

  /** A remote address moved to site {@code site}; machines keep theirs. */
  private static IpAddress shift(IpAddress ip, Inventory inv, int site) {
    if (inv.machineOf(ip) != null || ip.v6()) return ip;
    return IpAddress.v4((ip.lo() & 0xFF00_00FFL) | ((long) site << 8) | (10L << 16));
  }
}
