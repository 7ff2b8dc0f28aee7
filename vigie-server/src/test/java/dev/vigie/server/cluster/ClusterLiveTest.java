package dev.vigie.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.cluster.IngestPublisher;
import dev.vigie.cluster.KafkaDev;
import dev.vigie.detect.Alert;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.threshold.Level;
import dev.vigie.detect.threshold.Threshold;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.server.Http;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.config.InventoryFile;
import dev.vigie.server.config.ServeConfig;
import dev.vigie.server.live.Live;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.Transport;
import dev.vigie.wire.cdr.CdrParser;
import dev.vigie.wire.cdr.CdrRecord;
import dev.vigie.wire.hep.HepEncoder;
import dev.vigie.wire.sip.SipFramer;
import dev.vigie.wire.sip.SipMessage;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigie serve --role ... --kafka} against a real Kafka (kafka-dev, KRaft): node A runs
 * respond, ingest (HEP and the 3CX CDR socket) and detect, node B a second detect. A threshold
 * changed through respond's API reaches both detect processes live, and traffic that crosses only
 * the new level is alerted by the one holding it; CDR lines written to the ingest role's socket
 * raise the toll-fraud alerts the single process raises on the same lines.
 */
@Timeout(180)
class ClusterLiveTest {
  private static final DateTimeFormatter T =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final String HEADER =
      "historyid,callid,duration,time-start,time-answered,time-end,reason-terminated,from-no,"
          + "to-no,from-dn,to-dn,dial-no\n";

  @TempDir static Path dir;
  private static KafkaDev kafka;
  private static ClusterNode a;
  private static ClusterNode b;
  private static int cdrPort;

  @BeforeAll
  static void start() throws Exception {
    ClusterNode.quietKafkaLogs();
    kafka = KafkaDev.start(0, dir.resolve("kafka"));
    try (ServerSocket s = new ServerSocket(0)) {
      cdrPort = s.getLocalPort();
    }
    String yaml =
        Live.inventoryYaml()
            + "\ntimezone: UTC\nserver:\n  cdrPort: "
            + cdrPort
            + "\n  cdr:\n    machines: {\"127.0.0.1\": pbx-acme}\n";
    a =
        ClusterNode.start(
            config(yaml, "a"),
            new ClusterNode.Options(
                EnumSet.of(
                    ClusterNode.Role.RESPOND, ClusterNode.Role.INGEST, ClusterNode.Role.DETECT),
                kafka.bootstrap(),
                "live",
                6,
                false),
            Map.of("VIGIE_API_TOKEN", ServerFixture.TOKEN));
    b =
        ClusterNode.start(
            config(Live.inventoryYaml(), "b"),
            new ClusterNode.Options(
                EnumSet.of(ClusterNode.Role.DETECT), kafka.bootstrap(), "live", 6, false),
            Map.of());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() ->
            !a.detect().assigned().isEmpty()
                && !b.detect().assigned().isEmpty()
                && a.detect().assigned().size() + b.detect().assigned().size() == 12);
  }

  private static ServeConfig config(String yaml, String name) throws Exception {
    Path d = dir.resolve(name);
    Files.createDirectories(d);
    Path f = d.resolve("vigie.yaml");
    Files.writeString(f, yaml);
    return ServeConfig.load(f, Map.of()).withOverrides("127.0.0.1:0", 0, d.resolve("data"), true);
  }

  @AfterAll
  static void stop() {
    if (b != null) b.close();
    if (a != null) a.close();
    if (kafka != null) kafka.close();
  }

  private static Http http() {
    return new Http("http://127.0.0.1:" + a.respond().httpPort(), ServerFixture.TOKEN);
  }

  @Test
  void aThresholdChangedThroughTheApiIsAppliedLiveByEveryDetectProcess() throws Exception {
    Level scan = new Level(2, 3);
    assertThat(a.detectThresholds().level(null, Threshold.SCAN_DISTINCT_TARGETS))
        .isNotEqualTo(scan);
    var r =
        http()
            .put(
                "/api/v1/thresholds",
                "{\"thresholds\": {\"scanDistinctTargets\": {\"warning\": 2, \"critical\": 3}}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    long changed = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() ->
            scan.equals(a.detectThresholds().level(null, Threshold.SCAN_DISTINCT_TARGETS))
                && scan.equals(b.detectThresholds().level(null, Threshold.SCAN_DISTINCT_TARGETS)));
    System.out.printf(
        "ClusterLiveTest: threshold in force on both detect processes %d ms after the PUT%n",
        (System.nanoTime() - changed) / 1_000_000);

    // a scan of three targets (under the configured 5) from a source held by each process
    IpAddress onA = sourceHeldBy(a, 20);
    IpAddress onB = sourceHeldBy(b, 20);
    try (DatagramSocket udp = new DatagramSocket()) {
      for (IpAddress src : List.of(onA, onB)) scan(udp, a.hepPort(), src);
    }
    Set<String> expected = Set.of("SCAN|" + onA + "|null", "SCAN|" + onB + "|null");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> keys(Live.alerts(http()), "SCAN").containsAll(expected));
    assertThat(a.detect().alertsSent()).isPositive();
    assertThat(b.detect().alertsSent()).isPositive();
  }

  @Test
  void cdrLinesOnTheIngestSocketRaiseTheAlertsOfTheSingleProcess() throws Exception {
    Instant now = Instant.now().minusSeconds(2);
    StringBuilder lines = new StringBuilder(HEADER);
    lines.append(line(0, now, "0142000000")); // national: not counted
    for (int i = 1; i <= 6; i++) lines.append(line(i, now.plusMillis(100 * i), "0088213400" + i));
    for (int i = 7; i <= 8; i++)
      lines.append(line(i, now.plusMillis(100 * i), "0044207946000" + i));

    // the single process: the same lines, the same machine, one engine
    @SuppressWarnings("unchecked")
    Map<String, Object> root =
        new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
            .readValue(Live.inventoryYaml(), Map.class);
    Inventory inv = InventoryFile.fromRoot(root, "test");
    DetectionEngine single = new DetectionEngine(inv, Thresholds.defaults(), x -> {});
    List<CdrRecord> records =
        new CdrParser(CdrParser.DEFAULT_FIELDS, ZoneOffset.UTC)
            .parse(new StringReader(lines.toString()))
            .records();
    for (CdrRecord rec : records) single.onCdr(rec, "pbx-acme");
    single.finish();
    Set<String> expected = new TreeSet<>();
    for (Alert x : single.alerts()) expected.add(x.kind() + "|" + x.source() + "|" + x.machine());
    assertThat(expected).isNotEmpty().allMatch(k -> k.startsWith("TOLL_FRAUD|"));

    try (Socket s = new Socket("127.0.0.1", a.cdrPort())) {
      OutputStream o = s.getOutputStream();
      o.write(lines.toString().getBytes(StandardCharsets.UTF_8));
      o.flush();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(300))
          .until(() -> keys(Live.alerts(http()), "TOLL_FRAUD").equals(expected));
    }
    assertThat(a.detect().cdrs() + b.detect().cdrs()).isEqualTo(records.size());
  }

  private static String line(int i, Instant start, String dialled) {
    return "%d,call-%d,00:10:00,%s,%s,%s,TerminatedBySrc,Ext.1002,%s,1002,,%s\n"
        .formatted(
            1000 + i,
            i,
            T.format(start),
            T.format(start.plusSeconds(1)),
            T.format(start.plusSeconds(600)),
            dialled,
            dialled);
  }

  private static Set<String> keys(List<JsonNode> alerts, String kind) {
    Set<String> out = new TreeSet<>();
    for (JsonNode x : alerts) {
      if (!x.path("kind").asText().equals(kind)) continue;
      out.add(kind + "|" + text(x.path("source")) + "|" + text(x.path("machine")));
    }
    return out;
  }

  private static String text(JsonNode n) {
    return n.isNull() || n.isMissingNode() ? null : n.asText();
  }

  /** A remote 203.0.113.N whose source-stage partition {@code node}'s detect member holds. */
  private static IpAddress sourceHeldBy(ClusterNode node, int from) {
    for (int n = from; n < 250; n++) {
      IpAddress ip = IpAddress.v4((203L << 24) | (113L << 8) | n);
      int p = IngestPublisher.partition(ip.toBytes(), 6);
      if (node.detect().assigned().contains(new TopicPartition("live.sip.by-source", p))) return ip;
    }
    throw new AssertionError("no source partition held by " + node.detect().assigned());
  }

  /** OPTIONS from {@code src} to three platform addresses, as HEP over UDP, stamped now. */
  private static void scan(DatagramSocket udp, int hepPort, IpAddress src) throws Exception {
    String[] targets = {"127.0.0.1", "127.0.0.10", "127.0.0.20"};
    long now = Instant.now().toEpochMilli() * 1000;
    for (int i = 0; i < targets.length; i++) {
      String text =
          ("OPTIONS sip:100@%s SIP/2.0\r\nVia: SIP/2.0/UDP %s:5070;branch=z9hG4bK%d\r\n"
                  + "From: <sip:probe@%s>;tag=%d\r\nTo: <sip:100@%s>\r\nCall-ID: probe-%s-%d\r\n"
                  + "CSeq: 1 OPTIONS\r\nUser-Agent: Linphone-5.2\r\nContent-Length: 0\r\n\r\n")
              .formatted(targets[i], src, i, src, i, targets[i], src, i);
      byte[] t = text.getBytes(StandardCharsets.US_ASCII);
      SipMessage m = (SipMessage) SipFramer.frame(t, 0, t.length);
      byte[] hep =
          HepEncoder.encode(
              new SipEvent(
                  now + i * 1000L,
                  src,
                  5070,
                  IpAddress.parse(targets[i]),
                  5060,
                  Transport.UDP,
                  1,
                  m));
      udp.send(new DatagramPacket(hep, hep.length, InetAddress.getLoopbackAddress(), hepPort));
    }
  }
}
