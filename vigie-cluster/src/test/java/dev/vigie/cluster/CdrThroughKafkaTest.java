package dev.vigie.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigie.cluster.codec.AlertRecords;
import dev.vigie.detect.Alert;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.cdr.CdrParser;
import dev.vigie.wire.cdr.CdrRecord;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * 3CX CDRs through Kafka: a CDR file (the 3CX socket's lines) published by the ingest publisher to
 * the machine stage, keyed by machine, consumed by two detect members: the alerts (kind, source,
 * machine) are those of one engine fed the same records, as {@code vigie analyze --cdr} and the
 * single process's CDR listener do.
 */
class CdrThroughKafkaTest {
  private static final DateTimeFormatter T =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final String HEADER =
      "historyid,callid,duration,time-start,time-answered,time-end,reason-terminated,from-no,"
          + "to-no,from-dn,to-dn,dial-no\n";
  private static final String[] MACHINES = {"pbx-acme", "pbx-globex", "pbx-office", null};

  /** Calls of several extensions of several PBXs (and of an unknown one), some over thresholds. */
  private static String cdrFile() {
    StringBuilder b = new StringBuilder(HEADER);
    Instant t0 = Instant.parse("2026-01-05T10:00:00Z");
    int id = 0;
    for (int second = 0; second < 240; second += 3) {
      for (int m = 0; m < MACHINES.length; m++) {
        Instant start = t0.plusSeconds(second).plusMillis(37L * m);
        String ext = "10" + m + (second % 2);
        String dialled =
            switch (m) {
              case 0 -> second < 30 ? "0088213400" + second : "0142000000"; // premium burst
              case 1 -> second >= 60 && second < 120 ? "00216123" + second : "0142000001";
              case 2 -> second % 60 == 0 ? "0044207946" + second : "0142000002"; // a few abroad
              default -> second >= 150 && second < 180 ? "0088213499" + second : "0142000003";
            };
        b.append(
            "%d,call-%d,00:00:30,%s,%s,%s,TerminatedBySrc,Ext.%s,%s,%s,,%s\n"
                .formatted(
                    ++id,
                    id,
                    T.format(start),
                    T.format(start.plusSeconds(1)),
                    T.format(start.plusSeconds(31)),
                    ext,
                    dialled,
                    ext,
                    dialled));
      }
    }
    return b.toString();
  }

  private static String machineOf(int line) {
    return MACHINES[(line - 2) % MACHINES.length]; // line 1 is the header
  }

  @Test
  void aCdrFileThroughKafkaGivesTheAlertsOfTheSingleProcess() throws Exception {
    String bootstrap = Broker.bootstrap();
    Inventory inv = Lab.inventory();
    List<CdrRecord> records =
        new CdrParser(CdrParser.DEFAULT_FIELDS, ZoneOffset.UTC)
            .parse(new StringReader(cdrFile()))
            .records();
    assertThat(records).hasSize(80 * MACHINES.length);

    DetectionEngine single = new DetectionEngine(inv, Thresholds.defaults(), a -> {});
    for (CdrRecord r : records) single.onCdr(r, machineOf((int) r.line()));
    single.finish();
    Set<String> expected = new TreeSet<>();
    for (Alert a : single.alerts()) expected.add(Lab.key(a));
    assertThat(expected)
        .as("toll fraud on acme, globex and the unknown PBX")
        .hasSizeGreaterThanOrEqualTo(3)
        .allMatch(k -> k.startsWith("TOLL_FRAUD|"));

    Topics topics = Broker.topics("cdr", 6);
    List<DetectWorker> workers = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        DetectWorker w =
            new DetectWorker(
                new KafkaConsumer<>(KafkaProps.consumer(bootstrap, "detect-cdr", "cdr-" + i)),
                new KafkaProducer<>(KafkaProps.reliableProducer(bootstrap, "cdr-alerts-" + i)),
                List.of(topics),
                inv,
                new ThresholdRegistry(inv.thresholds(Thresholds.defaults())),
                EngineOptions.defaults(),
                Duration.ofSeconds(1));
        workers.add(w);
        Thread.ofPlatform().name("detect-cdr-" + i).daemon(true).start(w);
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() ->
              workers.stream().allMatch(w -> !w.assigned().isEmpty())
                  && workers.stream().mapToInt(w -> w.assigned().size()).sum() == 12);
      try (KafkaProducer<byte[], byte[]> producer = Broker.ingestProducer()) {
        IngestPublisher pub =
            new IngestPublisher(producer, topics, new Stages(inv), InstantSource.system());
        long last = 0;
        for (CdrRecord r : records) {
          pub.publishCdr(r, machineOf((int) r.line()));
          last = Math.max(last, r.timeStart().toEpochMilli() * 1000);
        }
        pub.tickAt(last + 1_000_000L); // the end of the file, as analyze's finish()
        pub.flush();
        assertThat(pub.dropped()).isZero();
        assertThat(pub.published()).isEqualTo(records.size());
      }
      Set<String> got = new TreeSet<>();
      try (KafkaConsumer<byte[], byte[]> alerts =
          new KafkaConsumer<>(KafkaProps.reader(bootstrap, "cdr-check"))) {
        List<TopicPartition> parts = new ArrayList<>();
        for (int p = 0; p < 3; p++) parts.add(new TopicPartition(topics.alerts(), p));
        alerts.assign(parts);
        alerts.seekToBeginning(parts);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> {
              for (var r : alerts.poll(Duration.ofMillis(200)))
                got.add(Lab.key(AlertRecords.decode(r.value())));
              return got.equals(expected)
                  && workers.stream().mapToLong(DetectWorker::cdrs).sum() == records.size();
            });
      } finally {
        assertThat(got).isEqualTo(expected);
      }
      assertThat(workers.stream().mapToLong(DetectWorker::cdrs).sum()).isEqualTo(records.size());
      assertThat(workers.stream().mapToLong(DetectWorker::badRecords).sum()).isZero();
    } finally {
      workers.forEach(DetectWorker::close);
    }
  }
}
