package dev.vigie.detect.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.Scenarios;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.lab.LabData;
import dev.vigie.detect.threshold.Level;
import dev.vigie.detect.threshold.Threshold;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.detect.toll.TollPolicy;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.capture.CaptureDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pre-filters that skip building snapshots are pure optimisations: on every lab capture (wire
 * and HEP), with the default thresholds and with thresholds four times lower and a baseline warm
 * after a minute (so that every rule, the baseline ones included, fires somewhere), the engine
 * raises exactly the same alert revisions, evidence included, with and without them.
 */
class PrefilterEquivalenceTest {
  private record Variant(Thresholds thresholds, EngineOptions options) {}

  @Test
  void sameAlertsWithAndWithoutPrefilters() throws IOException {
    Thresholds sensitive = Thresholds.defaults();
    for (Threshold t : Threshold.values()) {
      Level d = t.defaults();
      sensitive =
          sensitive.withDefault(
              t, new Level(Math.max(1, d.warning() / 4), Math.max(1, d.critical() / 4)));
    }
    EngineOptions quick =
        new EngineOptions(16_384, 4_096, 300, 120, 300, 60, TollPolicy.defaults());
    List<Variant> variants =
        List.of(
            new Variant(Thresholds.defaults(), EngineOptions.defaults()),
            new Variant(sensitive, quick));
    Inventory inventory = LabData.inventory();
    Set<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
    List<Path> all;
    try (Stream<Path> s = Files.list(LabData.dir().resolve("captures"))) {
      all =
          s.filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng"))
              .toList();
    }
    assertThat(all).hasSizeGreaterThan(20);
    for (Path capture : all) {
      List<SipEvent> events = new ArrayList<>();
      CaptureDecoder.read(capture, events::add);
      for (Variant v : variants) {
        List<Alert> with = run(events, inventory, v.thresholds(), v.options(), true);
        assertThat(with)
            .as(capture.getFileName().toString())
            .isEqualTo(run(events, inventory, v.thresholds(), v.options(), false));
        for (Alert a : with) kinds.add(a.kind());
      }
    }
    // PLATFORM_PRESSURE comes from Prometheus, not from SIP: no capture can raise it
    assertThat(kinds)
        .as("every rule fired somewhere")
        .containsAll(EnumSet.complementOf(EnumSet.of(AlertKind.PLATFORM_PRESSURE)));
  }

  /**
   * A machine quiet at one request a second for 20 minutes, silent for two hours (a gap learnt in
   * closed form), then bursting under every threshold: the baseline rule fires, the same way with
   * and without the machine pre-filter.
   */
  @Test
  void sameBaselineAlertsWithAndWithoutPrefilters() {
    List<SipEvent> events = new ArrayList<>();
    long t = Scenarios.T0;
    int n = 0;
    for (int s = 0; s < 1200; s++) events.add(Scenarios.pbxOptions(t + s * 1_000_000L, n++));
    for (int s = 1200 + 7200; s < 1200 + 7200 + 600; s++) {
      events.add(Scenarios.pbxOptions(t + s * 1_000_000L, n++));
    }
    for (int s = 9000; s < 9003; s++) {
      for (int i = 0; i < 40; i++)
        events.add(Scenarios.pbxOptions(t + s * 1_000_000L + i * 20_000L, n++));
    }
    EngineOptions options = EngineOptions.defaults().withWarmup(600);
    Thresholds th = Thresholds.defaults();
    Inventory inv = Scenarios.inventory();
    List<Alert> with = run(events, inv, th, options, true);
    assertThat(with).isEqualTo(run(events, inv, th, options, false));
    assertThat(with).extracting(Alert::summary).anyMatch(x -> x.contains("against a baseline"));
  }

  private static List<Alert> run(
      List<SipEvent> events,
      Inventory inv,
      Thresholds th,
      EngineOptions options,
      boolean prefilter) {
    List<Alert> raised = new ArrayList<>();
    Engine e =
        new Engine(inv, new ThresholdRegistry(inv.thresholds(th)), raised::add, options, prefilter);
    for (SipEvent ev : events) e.onSip(ev);
    e.finish();
    raised.addAll(e.alerts()); // the last revision of each, evidence included
    return raised;
  }
}
