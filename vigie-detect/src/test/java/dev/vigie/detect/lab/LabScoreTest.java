package dev.vigie.detect.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.AlertKind;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.score.Detection;
import dev.vigie.detect.score.Label;
import dev.vigie.detect.score.Score;
import dev.vigie.detect.score.Scorer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Precision, recall, latency per kind and the NAB score over the whole labelled lab set, for the
 * wire captures and for their HEP mirrors (the numbers in docs/detection.md come from here).
 */
class LabScoreTest {

  @SuppressWarnings("unchecked")
  static Score score(String which, StringBuilder report) throws Exception {
    Inventory inv = LabData.inventory();
    List<Label> labels = new ArrayList<>();
    List<Label> tolerated = new ArrayList<>();
    List<Detection> detections = new ArrayList<>();
    for (Map<String, Object> s : LabData.scenarios()) {
      Map<String, Object> attack = (Map<String, Object>) s.get("attack");
      Instant start = attack == null ? null : LabData.instant(attack.get("start"));
      Instant end = attack == null ? null : LabData.instant(attack.get("end"));
      for (Map<String, Object> e : (List<Map<String, Object>>) s.get("expectedAlerts")) {
        labels.add(label(e, start, end));
      }
      for (Map<String, Object> e : (List<Map<String, Object>>) s.get("toleratedAlerts")) {
        tolerated.add(label(e, start, end));
      }
      String file = (String) ((Map<String, Object>) s.get("files")).get(which);
      LabData.analyze(file, inv, Set.of()).alerts().forEach(a -> detections.add(Detection.of(a)));
    }
    Score score = Scorer.score(labels, tolerated, detections, Duration.ofSeconds(10));
    report.append(which).append(" captures\n").append(Scorer.table(score));
    return score;
  }

  static Label label(Map<String, Object> e, Instant start, Instant end) {
    return new Label(
        AlertKind.valueOf((String) e.get("kind")),
        (String) e.get("source"),
        (String) e.get("machine"),
        start,
        end);
  }

  @Test
  void wireCapturesScore() throws Exception {
    StringBuilder report = new StringBuilder();
    Score wire = score("wire", report);
    Score hep = score("hep", report);
    System.out.print(report);
    // every labelled attack found, nothing else said, on the wire
    assertThat(wire.missed()).isZero();
    assertThat(wire.falsePositives()).isZero();
    assertThat(wire.nab()).isGreaterThan(90);
    // the HEP mirror of one proxy cannot see the forged-User-Agent sweep of other addresses
    assertThat(hep.missed()).isLessThanOrEqualTo(1);
    assertThat(hep.falsePositives()).isZero();
  }
}
