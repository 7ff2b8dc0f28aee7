package dev.vigie.server.recovery;

import static dev.vigie.server.recovery.RecoveryApiTest.check;
import static dev.vigie.server.recovery.RecoveryApiTest.json;
import static dev.vigie.server.recovery.RecoveryApiTest.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Main;
import dev.vigie.server.ServerFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The passive registration check end to end: the lab's restart storm (300 phones re-registering
 * with the proxy after a restart, testdata restart-storm) replayed as HEP into a running server;
 * the recovery run of the proxy sees its registrations come back through the detection engine, and
 * the timeline says so in one new row.
 */
class RecoveryRegistrationsTest {
  @TempDir Path tmp;

  @Test
  void phonesReRegisteringShowInTheRecoveryCheck() throws Exception {
    Path repo = Path.of("").toAbsolutePath();
    while (!Files.exists(repo.resolve("mvnw"))) repo = repo.getParent();
    String yaml =
        new String(
                RecoveryRegistrationsTest.class
                    .getResourceAsStream("/console/lab-with-catalog.yaml")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            // nothing answers SIP on this port: the proxy's SIP check fails, only the phones count
            + "recovery: {recheckInterval: 1s, sipPort: "
            + SippUas.freePort("127.0.0.1")
            + ", sipTimeout: 300ms}\n";
    try (ServerFixture s = ServerFixture.start(tmp.resolve("srv"), yaml)) {
      long incident =
          json(s.http()
                  .post(
                      "/api/v1/incidents",
                      "{\"title\": \"Redémarrage du proxy\", \"services\": [\"voip\"],"
                          + " \"startedAt\": \"2026-12-06T06:40:00Z\", \"severity\": \"MAJOR\"}"))
              .path("id")
              .asLong();
      long run =
          json(s.http()
                  .post(
                      "/api/v1/incidents/" + incident + "/recovery",
                      "{\"machines\": [\"proxy-lab\"]}"))
              .path("id")
              .asLong();
      String one = "/api/v1/recovery/" + run;
      Awaitility.await()
          .atMost(15, TimeUnit.SECONDS)
          .until(
              () -> json(s.http().get(one)).path("machines").get(0).path("attempts").asInt() >= 1);
      JsonNode before = json(s.http().get(one)).path("machines").get(0);
      assertThat(check(before, "REGISTRATIONS").path("state").asText()).isEqualTo("NOT_CONFIGURED");

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
      int rc =
          Main.run(
              ps,
              ps,
              "replay",
              repo.resolve("testdata/captures/restart-storm.sip.pcap").toString(),
              "--to",
              "127.0.0.1:" + s.hepPort(),
              "--rate",
              "300");
      assertThat(rc).as(out.toString()).isZero();
      assertThat(s.http().post(one + "/rerun", "").statusCode()).isEqualTo(200);
      Awaitility.await()
          .atMost(20, TimeUnit.SECONDS)
          .ignoreExceptionsInstanceOf(AssertionError.class) // no checks before the first round
          .until(() -> {
            JsonNode m = json(s.http().get(one)).path("machines").get(0);
            return "PASS".equals(check(m, "REGISTRATIONS").path("state").asText())
                && check(m, "REGISTRATIONS").path("now").asInt() >= 250;
          });
      JsonNode regs = check(json(s.http().get(one)).path("machines").get(0), "REGISTRATIONS");
      assertThat(regs.path("now").asInt()).isEqualTo(regs.path("usual").asInt());
      // one row before the phones, one when their check first passed (maybe mid-storm: a count
      // that keeps moving afterwards writes no row)
      var proxyRows = rows(s, incident).stream().filter(r -> r.startsWith("proxy-lab :")).toList();
      assertThat(proxyRows).hasSize(2);
      assertThat(proxyRows.getFirst()).isEqualTo("proxy-lab : SIP ne répond pas : port fermé");
      assertThat(proxyRows.getLast())
          .matches("proxy-lab : SIP ne répond pas : port fermé, (\\d+)/\\1 postes enregistrés");
    }
  }
}
