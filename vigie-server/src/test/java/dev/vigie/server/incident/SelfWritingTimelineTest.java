package dev.vigie.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.cli.Cli;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeline writes itself: an attack replayed into serve opens an incident naming the clients
 * the catalogue says are affected, the containment decision about it and a threshold change on the
 * machine land in that incident's timeline.
 */
class SelfWritingTimelineTest {
  @TempDir Path tmp;

  @Test
  void alertContainmentAndThresholdChangeWriteTheTimeline() throws Exception {
    String yaml;
    try (InputStream in = getClass().getResourceAsStream("/demo/vigie-demo.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\nserver:\n  dryRun: true\n";
    }
    try (ServerFixture s = ServerFixture.start(tmp, yaml)) {
      Cli r =
          Cli.run(
              "replay", "../testdata/captures/svwar.sip.pcap", "--to", "127.0.0.1:" + s.hepPort());
      assertThat(r.exit()).as(r.err()).isZero();
      JsonNode incident =
          Awaitility.await()
              .atMost(30, TimeUnit.SECONDS)
              .pollInterval(500, TimeUnit.MILLISECONDS)
              .until(() -> find(s), i -> i != null && i.toString().contains("ACTION"));
      // the catalogue: the proxy carries every client's service
      assertThat(incident.toString())
          .contains("Acme Transports")
          .contains("Globex")
          .contains("Cabinet Office");
      // the containment decision, in words (an svwar in REGISTER mode proves nothing: asked about)
      assertThat(incident.toString())
          .contains("Isolement de 127.0.0.66 (approbation demandée (source non prouvée))")
          .doesNotContain("ASK_UNPROVEN")
          .doesNotContain("DRY_RUN");
      // opened by detection: internal, the public status page does not name the attacker
      assertThat(s.anonymous().get("/status.json").body()).doesNotContain("127.0.0.66");

      var put =
          s.http()
              .put(
                  "/api/v1/thresholds",
                  "{\"machine\": \"proxy-lab\", \"thresholds\": {\"requestsPerSecond\": {\"warning\": 400, \"critical\": 900}}}");
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      Awaitility.await()
          .atMost(10, TimeUnit.SECONDS)
          .until(() -> find(s).toString().contains("requestsPerSecond"));
    }
  }

  private static JsonNode find(ServerFixture s) throws Exception {
    JsonNode list = Json.mapper().readTree(s.http().get("/api/v1/incidents").body());
    JsonNode items = list.has("incidents") ? list.get("incidents") : list;
    for (JsonNode i : items) {
      if (i.toString().contains("proxy-lab")) {
        return Json.mapper()
            .readTree(s.http().get("/api/v1/incidents/" + i.get("id").asText()).body());
      }
    }
    return null;
  }
}
