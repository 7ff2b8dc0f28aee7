package dev.vigie.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigie.cluster.codec.AlertRecords;
import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.threshold.Level;
import dev.vigie.detect.threshold.Threshold;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.Transport;
import dev.vigie.wire.sip.SipFramer;
import dev.vigie.wire.sip.SipMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Thresholds changed at run time reach every detect member without restart: a snapshot published on
 * the config topic is applied by both members' followers, and a scan that crosses only the new
 * level is alerted by whichever member holds its source, while the same scan before the change was
 * not.
 */
class ThresholdFeedTest {
  private static final long T0 = 1_767_600_000_000_000L; // 2026-01-05, micros

  @Test
  void aThresholdChangeReachesEveryDetectMemberLive() throws Exception {
    String bootstrap = Broker.bootstrap();
    Inventory inv = Lab.inventory();
    Topics topics = Broker.topics("live-thresholds", 6);
    List<DetectWorker> workers = new ArrayList<>();
    List<ThresholdFeed.Follower> followers = new ArrayList<>();
    List<ThresholdRegistry> registries = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = Broker.ingestProducer();
        KafkaProducer<byte[], byte[]> respond =
            new KafkaProducer<>(KafkaProps.reliableProducer(bootstrap, "respond-thresholds"))) {
      for (int i = 0; i < 2; i++) {
        ThresholdRegistry reg = new ThresholdRegistry(inv.thresholds(Thresholds.defaults()));
        registries.add(reg);
        ThresholdFeed.Follower f =
            new ThresholdFeed.Follower(
                new KafkaConsumer<>(KafkaProps.reader(bootstrap, "thr-" + i)), topics, reg);
        followers.add(f);
        Thread.ofPlatform().daemon(true).start(f);
        assertThat(f.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        DetectWorker w =
            new DetectWorker(
                new KafkaConsumer<>(KafkaProps.consumer(bootstrap, "detect-thr", "thr-d" + i)),
                new KafkaProducer<>(KafkaProps.reliableProducer(bootstrap, "thr-alerts-" + i)),
                List.of(topics),
                inv,
                reg,
                EngineOptions.defaults(),
                Duration.ofMillis(500));
        workers.add(w);
        Thread.ofPlatform().daemon(true).start(w);
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() ->
              workers.stream().allMatch(w -> !w.assigned().isEmpty())
                  && workers.stream().mapToInt(w -> w.assigned().size()).sum() == 12);
      // one scanning source held by each member, before and after the change
      List<IpAddress> before = new ArrayList<>();
      List<IpAddress> after = new ArrayList<>();
      for (DetectWorker w : workers) {
        before.add(sourceHeldBy(w, topics, 10));
        after.add(sourceHeldBy(w, topics, 110));
      }
      IngestPublisher pub =
          new IngestPublisher(producer, topics, new Stages(inv), InstantSource.system());
      for (IpAddress s : before) scan(pub, s, T0);
      pub.tickAt(T0 + 70_000_000L); // evaluated, and out of the 60 s window, before the change
      pub.flush();
      long handled = 3L * before.size();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() ->
              events(workers) >= handled
                  && workers.stream().mapToLong(DetectWorker::ticks).sum() >= 12);

      // the change, as the respond role publishes it after an API or console change
      Thresholds changed =
          registries.get(0).current().withDefault(Threshold.SCAN_DISTINCT_TARGETS, new Level(2, 3));
      ThresholdFeed.publish(respond, topics, changed);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> followers.stream().allMatch(f -> f.applied() >= 1));
      for (ThresholdRegistry r : registries)
        assertThat(r.current().level(null, Threshold.SCAN_DISTINCT_TARGETS))
            .isEqualTo(new Level(2, 3));

      // 120 s later in event time (the first scans left the 60 s window): the same scan
      for (IpAddress s : after) scan(pub, s, T0 + 120_000_000L);
      pub.tickAt(T0 + 125_000_000L);
      pub.flush();

      Set<String> expected = new TreeSet<>();
      for (IpAddress s : after) expected.add("SCAN|" + s + "|null");
      Set<String> got = new TreeSet<>();
      try (KafkaConsumer<byte[], byte[]> alerts =
          new KafkaConsumer<>(KafkaProps.reader(bootstrap, "thr-check"))) {
        List<TopicPartition> parts = new ArrayList<>();
        for (int p = 0; p < 3; p++) parts.add(new TopicPartition(topics.alerts(), p));
        alerts.assign(parts);
        alerts.seekToBeginning(parts);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> {
              for (var r : alerts.poll(Duration.ofMillis(200)))
                got.add(Lab.key(AlertRecords.decode(r.value())));
              return got.containsAll(expected);
            });
      } finally {
        assertThat(got).as("only the scans after the change").isEqualTo(expected);
      }
      assertThat(workers).allMatch(w -> w.alertsSent() >= 1); // each member alerted its source
    } finally {
      workers.forEach(DetectWorker::close);
      followers.forEach(ThresholdFeed.Follower::close);
    }
  }

  private static long events(List<DetectWorker> ws) {
    return ws.stream().mapToLong(DetectWorker::events).sum();
  }

  /** A remote address 198.51.100.N (N from {@code from}) whose source partition {@code w} holds. */
  private static IpAddress sourceHeldBy(DetectWorker w, Topics topics, int from) {
    for (int n = from; n < 250; n++) {
      IpAddress ip = IpAddress.v4((198L << 24) | (51L << 16) | (100L << 8) | n);
      int p = IngestPublisher.partition(ip.toBytes(), 6);
      if (w.assigned().contains(new TopicPartition(topics.sipBySource(), p))) return ip;
    }
    throw new AssertionError("no source partition held by " + w.assigned());
  }

  /** OPTIONS from {@code src} to three platform addresses (3 distinct targets), unanswered. */
  private static void scan(IngestPublisher pub, IpAddress src, long t) {
    String[] targets = {"127.0.0.1", "127.0.0.10", "127.0.0.20"};
    for (int i = 0; i < targets.length; i++) {
      String text =
          ("OPTIONS sip:100@%s SIP/2.0\r\nVia: SIP/2.0/UDP %s:5070;branch=z9hG4bK%d\r\n"
                  + "From: <sip:scan@%s>;tag=%d\r\nTo: <sip:100@%s>\r\nCall-ID: scan-%s-%d\r\n"
                  + "CSeq: 1 OPTIONS\r\nUser-Agent: Linphone-5.2\r\nContent-Length: 0\r\n\r\n")
              .formatted(targets[i], src, i, src, i, targets[i], src, i);
      byte[] b = text.getBytes(StandardCharsets.US_ASCII);
      SipMessage m = (SipMessage) SipFramer.frame(b, 0, b.length);
      pub.publish(
          new SipEvent(
              t + i * 100_000L,
              src,
              5070,
              IpAddress.v4(ipv4(targets[i])),
              5060,
              Transport.UDP,
              1,
              m));
    }
  }

  private static long ipv4(String dotted) {
    long v = 0;
    for (String p : dotted.split("\\.")) v = (v << 8) | Integer.parseInt(p);
    return v;
  }
}
