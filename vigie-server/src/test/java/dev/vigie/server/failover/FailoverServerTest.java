package dev.vigie.server.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover of the support numbers on the seed platform: the support PBX probed over SIP OPTIONS
 * goes silent, then answers again; an operator declares the support line down, then up. Each change
 * leaves its trail: incident and timeline entries, status banner, backup number announcement
 * queued, and the carrier/SBC webhook (a local HTTP server) called.
 */
class FailoverServerTest {
  static final Path FIXED = Path.of("../examples/seed-platform-fixed.yaml");
  static final String BACKUP = "+33 6 39 98 00 10";
  @TempDir Path tmp;
  private HttpServer hook;
  private final BlockingQueue<JsonNode> calls = new LinkedBlockingQueue<>();

  @BeforeEach
  void webhook() throws Exception {
    hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/failover",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          calls.add(Json.mapper().readTree(new String(body, StandardCharsets.UTF_8)));
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    hook.start();
  }

  @AfterEach
  void stop() {
    hook.stop(0);
  }

  private String config(int pbxPort) throws Exception {
    return Files.readString(FIXED)
        + "\nnotifications:\n  statusPageUrl: https://status.exemple-telecom.fr/status\n"
        + "  tickInterval: 200ms\n"
        + "failover:\n  webhook:\n    url: http://127.0.0.1:"
        + hook.getAddress().getPort()
        + "/failover\n    timeout: 2s\n    retryDelay: 200ms\n"
        + (pbxPort == 0
            ? ""
            : "probes:\n  - {id: pbx-support-options, component: pbx-support, host: 127.0.0.57,"
                + " port: "
                + pbxPort
                + ", interval: 1s, timeout: 500ms, downAfter: 2, upAfter: 1}\n");
  }

  @Test
  void theSupportPbxGoingSilentFailsOverAndItsRecoveryEndsIt() throws Exception {
    try (SipResponder pbx = new SipResponder("127.0.0.57");
        ServerFixture s = ServerFixture.start(tmp, config(pbx.port()))) {
      JsonNode on = calls.poll(30, TimeUnit.SECONDS);
      assertThat(on).as("webhook ACTIVATED").isNotNull();
      assertThat(on.get("event").asText()).isEqualTo("ACTIVATED");
      assertThat(on.get("backupNumber").asText()).isEqualTo(BACKUP);
      assertThat(on.get("numbers").toString()).contains("+33 4 65 71 00 10", "+33 4 65 71 00 11");
      assertThat(on.get("at").asText()).isNotBlank();

      JsonNode status = Json.mapper().readTree(s.anonymous().get("/status.json").body());
      assertThat(status.get("supportLine").get("backupShown").asBoolean()).isTrue();
      assertThat(s.anonymous().get("/status").body()).contains(BACKUP);

      JsonNode incident = incidentByKey(s, "component:pbx-support");
      long id = incident.get("id").asLong();
      Awaitility.await()
          .atMost(10, TimeUnit.SECONDS)
          .until(() -> entries(s, id, "ACTION").size() == 1);
      assertThat(entries(s, id, "PROBE")).singleElement().asString().contains("ne répond plus");
      assertThat(entries(s, id, "SYSTEM"))
          .anyMatch(e -> e.startsWith("Bascule vers le numéro de secours " + BACKUP));
      assertThat(entries(s, id, "ACTION"))
          .singleElement()
          .asString()
          .contains("ACTIVATED accepté (HTTP 204)");

      JsonNode queued = Json.mapper().readTree(s.http().get("/api/v1/notifications").body());
      assertThat(queued.get("sending").asBoolean()).as("no smtp: queued, not sent").isFalse();
      assertThat(queued.get("notifications")).hasSize(5);
      assertThat(queued.get("notifications").toString())
          .contains("BACKUP_NUMBER_ANNOUNCEMENT", "PENDING");
      assertThat(s.http().get("/metrics").body()).contains("vigie_notifications_pending 5.0");

      pbx.answer(true);
      JsonNode off = calls.poll(30, TimeUnit.SECONDS);
      assertThat(off).as("webhook DEACTIVATED").isNotNull();
      assertThat(off.get("event").asText()).isEqualTo("DEACTIVATED");
      Awaitility.await()
          .atMost(10, TimeUnit.SECONDS)
          .until(() -> entries(s, id, "ACTION").size() == 2);
      assertThat(entries(s, id, "PROBE"))
          .hasSize(2)
          .last()
          .asString()
          .contains("répond de nouveau");
      assertThat(entries(s, id, "SYSTEM")).anyMatch(e -> e.startsWith("Fin de la bascule"));
      // the probed outage is the incident's NIS2 window (docs/obligations.md): the support
      // platform is critical, so a complete unavailability, closed when it answers again
      JsonNode facts = Json.mapper().readTree(s.http().get("/api/v1/incidents/" + id).body());
      assertThat(facts.path("unavailableFrom").isNull()).as(facts.toString()).isFalse();
      assertThat(facts.path("unavailableUntil").isNull()).as(facts.toString()).isFalse();
      assertThat(java.time.Instant.parse(facts.path("unavailableUntil").asText()))
          .isAfter(java.time.Instant.parse(facts.path("unavailableFrom").asText()));
      assertThat(
              Json.mapper()
                  .readTree(s.anonymous().get("/status.json").body())
                  .get("supportLine")
                  .get("backupShown")
                  .asBoolean())
          .isFalse();
      assertThat(
              Json.mapper()
                  .readTree(s.http().get("/api/v1/failover").body())
                  .get("active")
                  .asBoolean())
          .isFalse();
      assertThat(calls).as("one call per change").isEmpty();
    }
  }

  @Test
  void anOperatorDeclaringTheSupportLineDownFailsOver() throws Exception {
    try (ServerFixture s = ServerFixture.start(tmp, config(0))) {
      s.http().put("/api/v1/status/support-line", "{\"down\": true}");
      JsonNode on = calls.poll(15, TimeUnit.SECONDS);
      assertThat(on).isNotNull();
      assertThat(on.get("event").asText()).isEqualTo("ACTIVATED");
      long id = incidentByKey(s, "failover:support").get("id").asLong();
      assertThat(
              Json.mapper()
                  .readTree(s.http().get("/api/v1/failover").body())
                  .get("active")
                  .asBoolean())
          .isTrue();
      s.http().put("/api/v1/status/support-line", "{\"down\": false}");
      JsonNode off = calls.poll(15, TimeUnit.SECONDS);
      assertThat(off).isNotNull();
      assertThat(off.get("event").asText()).isEqualTo("DEACTIVATED");
      Awaitility.await()
          .atMost(10, TimeUnit.SECONDS)
          .until(() -> entries(s, id, "ACTION").size() == 2);
      assertThat(entries(s, id, "SYSTEM")).anyMatch(e -> e.startsWith("Fin de la bascule"));
    }
  }

  private static JsonNode incidentByKey(ServerFixture s, String key) throws Exception {
    JsonNode list = Json.mapper().readTree(s.http().get("/api/v1/incidents?status=open").body());
    for (JsonNode i : list.get("incidents")) {
      if (key.equals(i.path("correlationKey").asText())) return i;
    }
    throw new AssertionError("no open incident " + key + " in " + list);
  }

  private static List<String> entries(ServerFixture s, long id, String source) throws Exception {
    JsonNode j = Json.mapper().readTree(s.http().get("/api/v1/incidents/" + id).body());
    List<String> out = new ArrayList<>();
    for (JsonNode e : j.get("timeline")) {
      if (source.equals(e.get("source").asText())) out.add(e.get("description").asText());
    }
    return out;
  }
}
