package dev.vigie.server.recovery;

import static dev.vigie.server.recovery.RecoveryApiTest.check;
import static dev.vigie.server.recovery.RecoveryApiTest.json;
import static dev.vigie.server.recovery.RecoveryApiTest.rows;
import static dev.vigie.server.recovery.RecoveryApiTest.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.pressure.RealPrometheus;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery run's "platform metrics under their blocking thresholds" check reads the provider's
 * real Prometheus (the shared {@link RealPrometheus}, scraping a test exporter every second)
 * through the PLATFORM_PRESSURE stage's query: a PBX whose disk writes are above the platform's
 * blocking threshold waits although it answers SIP, and passes by itself once the value is back
 * under it.
 */
class RecoveryPlatformMetricsTest {
  private static final String METRIC = "vigie_test_recovery_disk_writes";
  @TempDir Path tmp;

  @Test
  void aMachineAnsweringSipWaitsWhileItsMetricsAreOverTheBlockingThreshold() throws Exception {
    RealPrometheus prom = RealPrometheus.shared();
    prom.set(METRIC, "pbx-acme", 1200);
    prom.set(METRIC, "proxy-lab", 100);
    int sharedPort = SippUas.freePort(RecoveryApiTest.SHARED_IP);
    int pbxPort = SippUas.freePort(RecoveryApiTest.PBX_IP);
    String cfg =
        RecoveryApiTest.yaml(sharedPort, pbxPort, "")
                .replace(
                    "  - {id: cloud-a, name: Cloud A, kind: hosting}\n",
                    """
                      - id: cloud-a
                        name: Cloud A
                        kind: hosting
                        pressure:
                          diskWriteBytes:
                            query: 'max(%s{machine="{machine}"})'
                            threshold: 1000
                    """
                        .formatted(METRIC))
            + """
            prometheus:
              url: %s
              interval: 1s
              timeout: 900ms
            """
                .formatted(prom.url());
    try (SippUas shared = SippUas.start(RecoveryApiTest.SHARED_IP, sharedPort, tmp);
        SippUas pbx = SippUas.start(RecoveryApiTest.PBX_IP, pbxPort, tmp);
        ServerFixture s = ServerFixture.start(tmp.resolve("srv"), cfg)) {
      long incident =
          json(s.http()
                  .post(
                      "/api/v1/incidents",
                      "{\"title\": \"Plateforme saturée\", \"services\": [\"voip\"],"
                          + " \"startedAt\": \"2026-12-06T06:40:00Z\", \"severity\": \"MAJOR\"}"))
              .path("id")
              .asLong();
      var started = s.http().post("/api/v1/incidents/" + incident + "/recovery", "");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
      String one = "/api/v1/recovery/" + json(started).path("id").asLong();

      // the proxy is under its threshold and answers: back; the PBX answers SIP but its disk
      // writes are over the platform's blocking threshold: it waits
      Awaitility.await()
          .atMost(40, TimeUnit.SECONDS)
          // a row not checked yet has no checks: wait for them
          .ignoreExceptionsInstanceOf(AssertionError.class)
          .until(() -> {
            JsonNode r = json(s.http().get(one));
            JsonNode m = r.path("machines").get(1);
            return "PASSED".equals(status(r, 0))
                && "PASS".equals(check(m, "SIP").path("state").asText())
                && "FAIL".equals(check(m, "METRICS").path("state").asText());
          });
      JsonNode run = json(s.http().get(one));
      JsonNode pbxRow = run.path("machines").get(1);
      assertThat(pbxRow.path("status").asText()).isEqualTo("WAITING");
      JsonNode reading = check(pbxRow, "METRICS").path("readings").get(0);
      assertThat(reading.path("metric").asText()).isEqualTo("diskWriteBytes");
      assertThat(reading.path("value").asDouble()).isEqualTo(1200);
      assertThat(reading.path("threshold").asDouble()).isEqualTo(1000);
      assertThat(check(run.path("machines").get(0), "METRICS").path("state").asText())
          .isEqualTo("PASS");

      // the operator's fix on the platform: the value falls, the PBX passes by itself
      prom.set(METRIC, "pbx-acme", 300);
      Awaitility.await()
          .atMost(40, TimeUnit.SECONDS)
          .until(() -> "PASSED".equals(status(json(s.http().get(one)), 1)));
      assertThat(rows(s, incident))
          .anyMatch(r -> r.startsWith("pbx-acme :") && r.contains("au-dessus des seuils"))
          .anyMatch(
              r -> r.startsWith("pbx-acme rétablie") && r.contains("métriques sous les seuils"));
    }
  }
}
