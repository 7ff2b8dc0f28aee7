package dev.vigie.server.cli;

import dev.vigie.detect.AlertKind;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.score.Detection;
import dev.vigie.detect.score.Label;
import dev.vigie.detect.score.Score;
import dev.vigie.detect.score.Scorer;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.InventoryFile;
import dev.vigie.wire.capture.CaptureDecoder;
import dev.vigie.wire.capture.CaptureSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigie score testdata/labels.yaml}: runs detection on every labelled scenario capture and
 * prints precision, recall, detection latency per alert kind and the NAB-style score, for the wire
 * captures and for their HEP mirrors.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description =
        "Score detection on labelled captures: precision, recall, latency per kind, NAB score.")
public final class ScoreCommand implements Callable<Integer> {
  @Parameters(paramLabel = "LABELS", description = "labels YAML (testdata/labels.yaml)")
  Path labelsFile;

  @Option(
      names = "--only",
      paramLabel = "wire|hep",
      description = "score only the wire or the HEP captures")
  String only;

  private final PrintStream out;
  private final PrintStream err;

  public ScoreCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Integer call() {
    Map<String, Object> root;
    Inventory inv;
    try {
      root = InventoryFile.readYaml(labelsFile);
      Object invName = root.get("inventory");
      inv =
          invName == null
              ? Inventory.empty()
              : InventoryFile.load(labelsFile.resolveSibling(invName.toString()));
    } catch (ConfigException e) {
      err.println("vigie score: " + AnalyzeCommand.oneLine(e.getMessage()));
      return 2;
    }
    if (!(root.get("scenarios") instanceof List<?> scenarios)) {
      err.println("vigie score: " + labelsFile + ": no 'scenarios' list");
      return 2;
    }
    for (String which : only == null ? List.of("wire", "hep") : List.of(only)) {
      List<Label> labels = new ArrayList<>();
      List<Label> tolerated = new ArrayList<>();
      List<Detection> detections = new ArrayList<>();
      for (Object o : scenarios) {
        Map<String, Object> s = (Map<String, Object>) o;
        Map<String, Object> attack = (Map<String, Object>) s.get("attack");
        Instant start = attack == null ? null : Instant.parse(attack.get("start").toString());
        Instant end = attack == null ? null : Instant.parse(attack.get("end").toString());
        for (Object e : (List<Object>) s.getOrDefault("expectedAlerts", List.of()))
          labels.add(label((Map<String, Object>) e, start, end));
        for (Object e : (List<Object>) s.getOrDefault("toleratedAlerts", List.of()))
          tolerated.add(label((Map<String, Object>) e, start, end));
        Object file = ((Map<String, Object>) s.get("files")).get(which);
        if (file == null) continue;
        DetectionEngine engine = new DetectionEngine(inv, Thresholds.defaults(), a -> {});
        CaptureSummary sum =
            CaptureDecoder.read(labelsFile.resolveSibling(file.toString()), engine::onSip);
        if (!sum.ok()) {
          err.println("vigie score: " + AnalyzeCommand.oneLine(sum.error().reason()));
          return 2;
        }
        engine.finish();
        engine.alerts().forEach(a -> detections.add(Detection.of(a)));
      }
      Score score = Scorer.score(labels, tolerated, detections, Duration.ofSeconds(10));
      out.println(which + " captures (" + labelsFile + ")");
      out.println(Scorer.table(score));
    }
    return 0;
  }

  private static Label label(Map<String, Object> e, Instant start, Instant end) {
    return new Label(
        AlertKind.valueOf((String) e.get("kind")),
        (String) e.get("source"),
        (String) e.get("machine"),
        start,
        end);
  }
}
