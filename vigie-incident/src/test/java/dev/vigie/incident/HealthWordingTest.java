package dev.vigie.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The first timeline row of a SERVICE_DEGRADED incident, in French and English (issue 12). */
class HealthWordingTest {
  private static Alert alert(Map<String, Object> evidence) {
    Instant t = Instant.parse("2026-09-23T05:40:00Z");
    return new Alert(
        "SERVICE_DEGRADED:-:trunk-carrier:1",
        1,
        AlertKind.SERVICE_DEGRADED,
        Severity.CRITICAL,
        null,
        "trunk-carrier",
        t,
        t,
        t,
        "english summary",
        evidence);
  }

  private static Map<String, Object> ner(Object usual) {
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("signal", "CALLS_FAILING");
    ev.put("calls", 23L);
    ev.put("callsEffective", 0L);
    if (usual != null) ev.put("usualNerPercent", usual);
    return ev;
  }

  @Test
  void callsFailingAgainstTheirBaseline() {
    assertThat(new Wording(Language.EN).alertRaised(alert(ner(96L))))
        .isEqualTo("calls through trunk-carrier failing: 0 of 23 completed in 60 s, usually 96%");
    assertThat(Wording.FRENCH.alertRaised(alert(ner(96L))))
        .isEqualTo(
            "appels via trunk-carrier en échec : 0 aboutis sur 23 en 60 s, habituellement 96 %");
    assertThat(new Wording(Language.EN).alertRaised(alert(ner(null))))
        .isEqualTo("calls through trunk-carrier failing: 0 of 23 completed in 60 s");
  }

  @Test
  void noResponseTitleAndRecovery() {
    Map<String, Object> ev =
        Map.of("signal", "NO_RESPONSE", "requestsUnanswered", 15L, "requestsJudged", 15L);
    assertThat(new Wording(Language.EN).alertRaised(alert(ev)))
        .isEqualTo("trunk-carrier not answering: 15 of 15 requests without any response in 60 s");
    assertThat(Wording.FRENCH.alertTitle(alert(ev))).isEqualTo("Service dégradé : trunk-carrier");
    assertThat(Wording.FRENCH.healthRecovered(alert(Map.of("degradedSeconds", 40L))))
        .isEqualTo("Service de trunk-carrier rétabli : dégradé pendant 40 s");
  }

  @Test
  void anUnknownSignalFallsBackToTheSummary() {
    assertThat(new Wording(Language.EN).alertRaised(alert(Map.of("signal", "NEW"))))
        .isEqualTo("english summary");
  }
}
