package dev.vigie.bench;

import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.InventoryParser;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.capture.CaptureDecoder;
import dev.vigie.wire.capture.SipSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What {@code analyze} does per message, with and without detection: decode the lab's wire captures
 * (held in memory: pcap, IP, UDP/TCP, SIP framing) into a sink that either only consumes the events
 * or feeds one long-lived {@link DetectionEngine}. Each pass shifts the timestamps past the
 * previous pass so the engine sees time move forward, as in a long capture; its Call-IDs are the
 * previous pass's, about 14 minutes later, which the engine takes for new transactions (the service
 * health counts a retransmission only within 32 s). Scores are passes per second; divide by the
 * messages of a pass (printed at setup) for messages per second. Run from the repository root (the
 * captures are read from {@code testdata/captures}; {@code -Dvigie.captures=flood,restart-storm}
 * picks some).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx1g"})
public class DetectionBenchmark {
  // in the order they were recorded, so that time only moves forward within a pass, as in one
  // long capture (a capture fed after a later one would fall behind the windows and cost nothing)
  static final List<String> CAPTURES =
      List.of(
          "normal",
          "svmap",
          "svwar",
          "svcrack",
          "flood",
          "toll-fraud",
          "restart-storm",
          "office-burst",
          "machine-burst");

  private final List<byte[]> files = new ArrayList<>();
  private DetectionEngine engine;
  private long offset;
  private long span;

  @Setup
  public void setUp() throws IOException {
    long[] minMax = {Long.MAX_VALUE, Long.MIN_VALUE, 0};
    for (byte[] b : labCaptures()) {
      files.add(b);
      CaptureDecoder.read(
          b,
          e -> {
            minMax[0] = Math.min(minMax[0], e.timestampMicros());
            minMax[1] = Math.max(minMax[1], e.timestampMicros());
            minMax[2]++;
          });
    }
    span = minMax[1] - minMax[0] + 1_000_000;
    Inventory inv = labInventory();
    // -Dvigie.health=false measures detection without the passive service health (its cost)
    boolean health = !"false".equals(System.getProperty("vigie.health"));
    engine =
        new DetectionEngine(
            inv,
            new dev.vigie.detect.threshold.ThresholdRegistry(inv.thresholds(Thresholds.defaults())),
            a -> {},
            dev.vigie.detect.EngineOptions.defaults().withServiceHealth(health));
    System.out.println("service health: " + (health ? "on" : "off"));
    System.out.println("\nmessages per pass: " + minMax[2]);
  }

  /**
   * The lab's machines (testdata/inventory.yaml), built in code: this module has no YAML parser.
   */
  static Inventory labInventory() {
    return InventoryParser.parse(
        Map.of(
            "machines",
            List.of(
                Map.of(
                    "id", "proxy-lab", "addresses", List.of("127.0.0.1", "::1"), "role", "proxy"),
                Map.of("id", "trunk-carrier", "addresses", List.of("127.0.0.10"), "role", "trunk"),
                Map.of("id", "pbx-acme", "addresses", List.of("127.0.0.20"), "role", "pbx"),
                Map.of("id", "pbx-globex", "addresses", List.of("127.0.0.21"), "role", "pbx"),
                Map.of("id", "pbx-office", "addresses", List.of("127.0.0.22"), "role", "pbx"))));
  }

  /** The lab captures of {@link #CAPTURES} (or {@code -Dvigie.captures}), read from testdata. */
  static List<byte[]> labCaptures() throws IOException {
    Path dir = Path.of(System.getProperty("vigie.testdata", "testdata"), "captures");
    String only = System.getProperty("vigie.captures");
    List<byte[]> out = new ArrayList<>();
    for (String c : only == null ? CAPTURES : List.of(only.split(","))) {
      out.add(Files.readAllBytes(dir.resolve(c + ".sip.pcap")));
    }
    return out;
  }

  private long pass(SipSink sink) {
    long n = 0;
    for (byte[] b : files) n += CaptureDecoder.read(b, sink).sipMessages();
    offset += span;
    return n;
  }

  /** Decoding and framing only: the baseline of the 70% budget. */
  @Benchmark
  public long framingOnly(Blackhole bh) {
    long off = offset;
    return pass(e -> bh.consume(shift(e, off)));
  }

  /** Decoding, framing and detection. */
  @Benchmark
  public long withDetection() {
    long off = offset;
    return pass(e -> engine.onSip(shift(e, off)));
  }

  private static SipEvent shift(SipEvent e, long off) {
    return e.withTimestamp(e.timestampMicros() + off);
  }
}
