package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.pressure.PressureEpisodes;
import dev.vigie.detect.pressure.PressureMetric;
import dev.vigie.detect.pressure.PressureReading;
import dev.vigie.server.i18n.Lang;
import dev.vigie.server.i18n.Texts;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console shows a PLATFORM_PRESSURE alert's evidence in words, in French and English. */
class PressureEvidenceWordsTest {
  private static Alert alert() {
    List<Alert> out = new ArrayList<>();
    new PressureEpisodes(out::add)
        .observe(
            "pbx-acme",
            List.of(
                PressureReading.of(new PressureMetric("diskWriteBytes", "q", 1e8, 0.8), 9e7),
                PressureReading.of(new PressureMetric("cpuSteal", "q", 20, 0.8), 21)),
            Instant.parse("2024-09-23T05:40:00Z"));
    return out.getFirst();
  }

  private static String rendered(Texts t) {
    StringBuilder b = new StringBuilder(t.e("kind", alert().kind())).append('\n');
    alert()
        .evidence()
        .forEach((k, v) ->
            b.append(t.evidenceLabel(k)).append(": ").append(t.evidenceValue(v)).append('\n'));
    return b.toString();
  }

  @Test
  void frenchAndEnglishWordsNoKeysOrEnumNames() {
    String fr = rendered(new Texts(Lang.FR, ZoneId.of("Europe/Paris")));
    assertThat(fr)
        .contains("Pression plateforme")
        .contains("Métrique de la plateforme: Temps CPU volé par l’hyperviseur")
        .contains("Seuil de blocage: 20")
        .contains("Débit d’écriture disque (octets/s)")
        .contains("Critique")
        .doesNotContain("PLATFORM_PRESSURE", "cpuSteal", "diskWriteBytes", "WARNING", "CRITICAL")
        .doesNotContain("metric ", "threshold", "warningFraction");
    String en = rendered(new Texts(Lang.EN, ZoneId.of("Europe/Paris")));
    assertThat(en)
        .contains("Platform pressure")
        .contains("Platform metric: CPU time stolen by the hypervisor")
        .contains("Blocking threshold: 20")
        .doesNotContain("cpuSteal", "diskWriteBytes", "WARNING", "CRITICAL");
  }
}
