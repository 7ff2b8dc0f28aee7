package dev.vigie.detect.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.InventoryParser;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.capture.CaptureDecoder;
import dev.vigie.wire.capture.CaptureSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The labelled lab captures of testdata/ (made by lab/make-testdata.sh) and their labels. */
public final class LabData {
  private LabData() {}

  /** testdata/ at the repository root (VIGIE_TESTDATA overrides it). */
  public static Path dir() {
    String env = System.getenv("VIGIE_TESTDATA");
    Path p = env != null ? Path.of(env) : Path.of("..", "testdata").toAbsolutePath().normalize();
    assertThat(p.resolve("labels.yaml")).as("labelled captures (lab/make-testdata.sh)").exists();
    return p;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> labels() throws IOException {
    return (Map<String, Object>) MiniYaml.parse(Files.readString(dir().resolve("labels.yaml")));
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> scenarios() throws IOException {
    return (List<Map<String, Object>>) labels().get("scenarios");
  }

  /** The lab's machines (the inventory file the labels name). */
  @SuppressWarnings("unchecked")
  public static Inventory inventory() throws IOException {
    String file = (String) labels().get("inventory");
    return InventoryParser.parse(
        (Map<String, Object>) MiniYaml.parse(Files.readString(dir().resolve(file))));
  }

  /** What {@code analyze} does: decode the capture into a fresh engine, then finish. */
  record Run(CaptureSummary summary, List<Alert> alerts, long attackerMessages) {}

  /** Decodes, detects, and counts the messages sent by {@code attackers}. */
  static Run analyze(String relative, Inventory inventory, java.util.Set<String> attackers) {
    DetectionEngine engine = new DetectionEngine(inventory, Thresholds.defaults(), a -> {});
    long[] fromAttackers = {0};
    CaptureSummary s =
        CaptureDecoder.read(
            dir().resolve(relative),
            e -> {
              if (attackers.contains(e.src().toString())) fromAttackers[0]++;
              engine.onSip(e);
            });
    engine.finish();
    return new Run(s, new ArrayList<>(engine.alerts()), fromAttackers[0]);
  }

  static Instant instant(Object iso) {
    return iso == null ? null : Instant.parse((String) iso);
  }
}
