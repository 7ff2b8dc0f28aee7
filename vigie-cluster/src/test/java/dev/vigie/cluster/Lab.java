package dev.vigie.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigie.detect.Alert;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.InventoryParser;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.capture.CaptureDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The lab captures of testdata/ and their inventory; what {@code analyze} says of a capture. */
final class Lab {
  private Lab() {}

  static Path dir() {
    String env = System.getenv("VIGIE_TESTDATA");
    return env != null ? Path.of(env) : Path.of("..", "testdata").toAbsolutePath().normalize();
  }

  @SuppressWarnings("unchecked")
  static Inventory inventory() throws IOException {
    Map<String, Object> root =
        new ObjectMapper(new YAMLFactory())
            .readValue(dir().resolve("inventory.yaml").toFile(), Map.class);
    return InventoryParser.parse(root);
  }

  /** kind|source|machine of every alert, as the contract compares them. */
  static String key(Alert a) {
    return a.kind() + "|" + a.source() + "|" + a.machine();
  }

  /** What analyze raises on {@code capture}: decode into one engine, then finish. */
  static Set<String> analyze(Path capture, Inventory inv) {
    DetectionEngine engine = new DetectionEngine(inv, Thresholds.defaults(), a -> {});
    CaptureDecoder.read(capture, engine::onSip);
    engine.finish();
    Set<String> out = new TreeSet<>();
    for (Alert a : engine.alerts()) out.add(key(a));
    return out;
  }
}
