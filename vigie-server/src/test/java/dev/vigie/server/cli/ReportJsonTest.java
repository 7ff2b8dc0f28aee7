package dev.vigie.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.server.config.InventoryFile;
import dev.vigie.wire.capture.CaptureDecoder;
import dev.vigie.wire.capture.CaptureSummary;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link ReportJson} writes the report without Jackson's object mapper; its text must be the
 * mapper's, byte for byte, on every lab capture and on awkward values.
 */
class ReportJsonTest {
  static final Path LAB = Path.of("../testdata");

  @Test
  void everyLabCaptureGivesTheMappersBytes() throws Exception {
    var inventory = InventoryFile.load(LAB.resolve("inventory.yaml"));
    List<Path> captures;
    try (Stream<Path> s = Files.list(LAB.resolve("captures"))) {
      captures = s.filter(p -> p.toString().matches(".*\\.pcap(ng)?$")).sorted().toList();
    }
    assertThat(captures).hasSizeGreaterThan(20);
    int withAlerts = 0;
    for (Path c : captures) {
      DetectionEngine engine = new DetectionEngine(inventory, Thresholds.defaults(), a -> {});
      AnalyzeStats stats = new AnalyzeStats();
      CaptureSummary s =
          CaptureDecoder.read(
              c,
              e -> {
                stats.add(e);
                engine.onSip(e);
              },
              true);
      engine.finish();
      List<String> ids =
          inventory.machines().stream().map(dev.vigie.detect.inventory.Machine::id).toList();
      AnalyzeReport r = AnalyzeReport.of(s, stats, engine, ids, 0, List.of());
      if (!r.alerts().isEmpty()) withAlerts++;
      Map<String, Object> tree = r.jsonTree();
      assertThat(ReportJson.write(tree)).as(c.toString()).isEqualTo(ReportJson.viaMapper(tree));
    }
    assertThat(withAlerts).as("captures with alerts (evidence maps, lists)").isGreaterThan(10);
  }

  @Test
  void awkwardValuesGiveTheMappersBytes() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", "quote \" back\\slash\ttab\nline \u0001 ctl é ü 日本 \uD83D\uDE00 </script>");
    m.put("nan", Double.NaN);
    m.put("inf", Double.NEGATIVE_INFINITY);
    m.put("double", 0.1 + 0.2);
    m.put("small", 1e-7);
    m.put("float", 1.5f);
    m.put("int", 42);
    m.put("long", Long.MIN_VALUE);
    m.put("short", (short) 7);
    m.put("byte", (byte) -3);
    m.put("big", new BigDecimal("1.50E+3"));
    m.put("null", null);
    m.put("true", true);
    m.put("instant", Instant.parse("2026-12-06T23:00:00.120Z"));
    m.put("instantWhole", Instant.parse("2026-12-06T23:00:00Z"));
    m.put("emptyList", List.of());
    m.put("emptyMap", Map.of());
    m.put("nested", List.of(List.of(1, 2), Map.of("a", List.of("x")), new ArrayList<>()));
    m.put("machines", List.of(new AnalyzeReport.MachineCount("proxy", 3, 4)));
    assertThat(ReportJson.write(m)).isEqualTo(ReportJson.viaMapper(m));
  }

  @Test
  void anUnknownValueGoesThroughTheMapper() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("array", new int[] {1, 2});
    m.put("enum", java.time.DayOfWeek.MONDAY);
    assertThat(ReportJson.write(m)).isEqualTo(ReportJson.viaMapper(m)).contains("MONDAY");
  }
}
