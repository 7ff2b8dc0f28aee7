package dev.vigie.detect.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.Scenarios;
import dev.vigie.detect.Severity;
import dev.vigie.detect.threshold.Level;
import dev.vigie.detect.threshold.Threshold;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.cdr.CdrParser;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineBehaviourTest {

  @Test
  void cdrCallsToPremiumRangesAreTollFraudOfTheMachine() throws Exception {
    StringBuilder csv = new StringBuilder("time-start,time-end,from-dn,dial-no\n");
    for (int i = 0; i < 6; i++) {
      csv.append("2024-09-23 02:10:0")
          .append(i)
          .append(",2024-09-23 02:20:00,1002,00882134")
          .append(i)
          .append('\n');
    }
    csv.append("2024-09-23 02:10:09,2024-09-23 02:11:00,1005,0142000000\n"); // national: ignored
    List<Alert> alerts = new ArrayList<>();
    DetectionEngine engine =
        new DetectionEngine(Scenarios.inventory(), Thresholds.defaults(), alerts::add);
    for (var r : CdrParser.defaults().parse(new StringReader(csv.toString())).records())
      engine.onCdr(r, "pbx-acme");
    engine.finish();
    assertThat(engine.alerts())
        .singleElement()
        .satisfies(a -> {
          assertThat(a.kind()).isEqualTo(AlertKind.TOLL_FRAUD);
          assertThat(a.machine()).isEqualTo("pbx-acme");
          assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
          assertThat(a.evidence())
              .containsEntry("extension", "1002")
              .containsEntry("concurrentCalls", 6L);
        });
  }

  @Test
  void cdrOfAnUnknownMachineNamesNoAddress() throws Exception {
    String csv = "time-start,from-dn,dial-no\n2024-09-23 02:10:00,1002,+8821345\n";
    DetectionEngine engine =
        new DetectionEngine(Scenarios.inventory(), Thresholds.defaults(), a -> {});
    for (var r : CdrParser.defaults().parse(new StringReader(csv)).records()) engine.onCdr(r);
    engine.finish();
    assertThat(engine.alerts())
        .singleElement()
        .satisfies(a -> {
          assertThat(a.kind()).isEqualTo(AlertKind.TOLL_FRAUD);
          assertThat(a.source()).isNull();
          assertThat(a.machine()).isNull();
          assertThat(a.summary()).contains("extension 1002 of a CDR file");
        });
  }

  @Test
  void liveTickRunsTheRulesWhenTrafficStops() {
    List<Alert> notified = new ArrayList<>();
    DetectionEngine engine =
        new DetectionEngine(Scenarios.inventory(), Thresholds.defaults(), notified::add);
    List<SipEvent> events = new Scenarios().svwar(0, "198.51.100.7", "friendly-scanner").events();
    // only the first 0.5 s of svwar (25 extensions), then silence
    events.stream()
        .filter(e -> e.timestampMicros() < Scenarios.T0 + 500_000)
        .forEach(engine::onSip);
    assertThat(notified).isEmpty();
    engine.tick(Instant.ofEpochSecond(Scenarios.T0 / 1_000_000 + 1));
    assertThat(notified).extracting(Alert::kind).containsExactly(AlertKind.ENUMERATION);
  }

  @Test
  void thresholdsChangedWhileRunningApplyAtTheNextEvaluation() {
    ThresholdRegistry registry = new ThresholdRegistry(Thresholds.defaults());
    List<Alert> notified = new ArrayList<>();
    DetectionEngine engine =
        new DetectionEngine(
            Scenarios.inventory(), registry, notified::add, EngineOptions.defaults());
    new Scenarios().svcrack(0, "198.51.100.8", "x", 6).events().forEach(engine::onSip);
    engine.tick(Instant.ofEpochSecond(Scenarios.T0 / 1_000_000 + 2));
    registry.update(t -> t.withDefault(Threshold.AUTH_FAILURES, new Level(3, 5)));
    new Scenarios().svcrack(3, "198.51.100.9", "x", 6).events().forEach(engine::onSip);
    engine.finish();
    // 5 failures: nothing under the defaults (10), critical under the new levels
    assertThat(engine.alerts())
        .extracting(Alert::source, Alert::severity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("198.51.100.9", Severity.CRITICAL));
  }

  @Test
  void anEpisodeIsRaisedOnceUpdatedOnEscalationAndReopenedAfterQuiet() {
    List<Alert> notified = new ArrayList<>();
    DetectionEngine engine =
        new DetectionEngine(Scenarios.inventory(), Thresholds.defaults(), notified::add);
    // 12 failures (warning), then 300 more (critical), then after 10 minutes of quiet another burst
    List<SipEvent> events =
        new Scenarios()
            .svcrack(0, "198.51.100.7", "x", 13)
            .svcrack(2, "198.51.100.7", "x", 300)
            .svcrack(700, "198.51.100.7", "x", 300)
            .events();
    events.forEach(engine::onSip);
    engine.finish();
    assertThat(notified)
        .extracting(Alert::id, Alert::revision, Alert::severity)
        .startsWith(
            org.assertj.core.groups.Tuple.tuple(
                "BRUTE_FORCE:198.51.100.7:-:1", 1, Severity.WARNING),
            org.assertj.core.groups.Tuple.tuple(
                "BRUTE_FORCE:198.51.100.7:-:1", 2, Severity.CRITICAL));
    assertThat(engine.alerts())
        .extracting(Alert::id)
        .containsExactly("BRUTE_FORCE:198.51.100.7:-:1", "BRUTE_FORCE:198.51.100.7:-:2");
    assertThat(notified.size()).isLessThanOrEqualTo(6);
  }
}
