package dev.vigie.server.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.server.config.InventoryFile;
import dev.vigie.wire.capture.CaptureDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The passive registration check: the usual level is the highest count of the last 24 hours, so an
 * outage does not lower it; fed from the detection engine on a real lab capture in which ten phones
 * register with a 60 s expiry and never refresh (testdata registration-loss).
 */
class RegistrationWatchTest {
  static final Instant T0 = Instant.parse("2024-09-23T05:00:00Z"); // 07h00 in Paris

  @Test
  void theUsualLevelIsTheDaysHighestAndOutlivesTheOutage() {
    RegistrationWatch w = new RegistrationWatch(null);
    w.record(T0, Map.of("pbx-acme", 43));
    w.record(T0.plusSeconds(2400), Map.of("pbx-acme", 0)); // 07h40: the outage
    assertThat(w.reading("pbx-acme", T0.plusSeconds(2400)))
        .isEqualTo(new RegistrationWatch.Reading(0, 43));
    w.record(T0.plusSeconds(7920), Map.of("pbx-acme", 41)); // 09h12: 41 of 43 back
    RegistrationWatch.Reading r = w.reading("pbx-acme", T0.plusSeconds(7920));
    assertThat(r).isEqualTo(new RegistrationWatch.Reading(41, 43));
    assertThat(r.back(0.9)).as("41/43 is 95%").isTrue();
    assertThat(new RegistrationWatch.Reading(38, 43).back(0.9)).as("38/43 is 88%").isFalse();
    assertThat(new RegistrationWatch.Reading(5, 0).back(0.9)).as("no baseline").isFalse();
    // a day later the hour of 43 has left the window: 41 is the usual level now
    assertThat(w.reading("pbx-acme", T0.plusSeconds(25 * 3600)).usual()).isEqualTo(41);
    assertThat(w.reading("unknown", T0)).isNull();
  }

  @Test
  void registrationsLostInARealCaptureAreNotBack() throws Exception {
    Path repo = Path.of("").toAbsolutePath();
    while (!Files.exists(repo.resolve("mvnw"))) repo = repo.getParent();
    var inventory = InventoryFile.load(repo.resolve("testdata/inventory.yaml"));
    DetectionEngine engine = new DetectionEngine(inventory, Thresholds.defaults(), a -> {});
    RegistrationWatch w = new RegistrationWatch(engine::machineRegistrations);
    long[] last = {0};
    int[] peak = {0};
    CaptureDecoder.read(
        repo.resolve("testdata/captures/registration-loss.sip.pcap"),
        e -> {
          engine.onSip(e);
          Instant at = Instant.ofEpochSecond(0, e.timestampMicros() * 1000);
          w.sample(at);
          last[0] = e.timestampMicros();
          peak[0] = Math.max(peak[0], engine.machineRegistrations().get("phones-hq"));
        });
    // the ten acme phones registered (and phone .2 keeps its own): the peak is the usual level
    assertThat(peak[0]).isGreaterThanOrEqualTo(10);
    Instant end = Instant.ofEpochSecond(0, last[0] * 1000).plusSeconds(90);
    engine.tick(end); // their 60 s expiry and its grace passed without a refresh
    w.refresh();
    w.sample(end);
    RegistrationWatch.Reading r = w.reading("phones-hq", end);
    assertThat(r.usual()).isEqualTo(peak[0]);
    assertThat(r.now()).isLessThanOrEqualTo(peak[0] - 10);
    assertThat(r.back(0.9)).isFalse();
  }
}
