package dev.vigie.server.incident;

import static dev.vigie.server.incident.ApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook the server's alert path calls: {@link IncidentModule#onAlert}. */
class DetectionAlertTest {
  @TempDir Path dir;

  static Alert alert(String id, int revision, Severity severity, String machine, Instant at) {
    return new Alert(
        id,
        revision,
        AlertKind.MACHINE_TRAFFIC,
        severity,
        null,
        machine,
        at,
        at.plusSeconds(5),
        at.plusSeconds(5),
        "trafic SIP sortant anormal de " + machine,
        Map.of("callsPerSecond", 42));
  }

  @Test
  void alertsOfOneMachineOpenOneIncidentAndRevisionsOnlyWriteOnChange() {
    try (var s = ApiServer.h2(dir, "")) {
      var t = Instant.parse("2024-09-23T06:45:00Z");
      s.module.onAlert(alert("a1", 1, Severity.WARNING, "pbx-acme", t));
      s.module.onAlert(alert("a1", 2, Severity.WARNING, "pbx-acme", t)); // same severity: quiet
      s.module.onAlert(alert("a1", 3, Severity.CRITICAL, "pbx-acme", t)); // escalation: an entry
      s.module.onAlert(alert("a2", 1, Severity.CRITICAL, "pbx-acme", t.plusSeconds(60)));
      s.module.onAlert(alert("b1", 1, Severity.WARNING, "pbx-globex", t));
      var list = json(s.victor.get("/api/v1/incidents")).path("incidents");
      assertThat(list).hasSize(2);
      var acme = json(s.victor.get("/api/v1/incidents?q=pbx-acme")).path("incidents").get(0);
      assertThat(acme.path("number").asText()).isEqualTo("IG-2024-09-23-001");
      assertThat(acme.path("correlationKey").asText()).isEqualTo("machine:pbx-acme");
      var timeline =
          json(s.victor.get("/api/v1/incidents/" + acme.path("id").asLong())).path("timeline");
      assertThat(timeline)
          .filteredOn(e -> e.path("source").asText().equals("ALERT"))
          .extracting(e -> e.path("ref").asText() + "=" + e.path("refState").asText())
          .containsExactly("alert:a1=WARNING", "alert:a1=CRITICAL", "alert:a2=CRITICAL");
    }
  }
}
