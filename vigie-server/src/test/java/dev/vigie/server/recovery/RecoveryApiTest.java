package dev.vigie.server.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guided recovery through the REST API against real SIP endpoints: SIPp UASes on loopback answer
 * OPTIONS for the shared proxy and the client's proxy; the PBX's address stays silent, so its SIP
 * check fails (re-checked every second without a new timeline row) until a SIPp starts there, then
 * it passes by itself. The timeline holds one row per state change, in French words; finishing
 * proposes a notice built from public facts only; the run survives a restart (H2).
 */
public class RecoveryApiTest {
  public static final String SHARED_IP = "127.0.0.71";
  public static final String PBX_IP = "127.0.0.72";
  @TempDir Path tmp;

  public static String yaml(int sharedPort, int pbxPort, String extra) {
    return """
    timezone: Europe/Paris
    providers:
      - {id: cloud-a, name: Cloud A, kind: hosting}
    machines:
      - {id: pbx-acme, addresses: [%2$s], client: acme, role: pbx, hosting: cloud-a, dependsOn: [proxy-lab]}
      - {id: proxy-lab, addresses: [%1$s], client: platform, role: proxy, hosting: cloud-a}
      - {id: acme-sbc, addresses: [%1$s], client: acme, role: sbc, hosting: cloud-a}
    services:
      - {id: voip, name: Téléphonie, critical: true, dependsOn: [proxy-lab, pbx-acme]}
    clients:
      - {id: acme, name: ACME, services: [voip]}
      - {id: platform, name: Plateforme, services: []}
    probes:
      - {id: proxy-lab-options, component: proxy-lab, host: %1$s, port: %3$d, interval: 1h, timeout: 500ms}
      - {id: acme-sbc-options, component: acme-sbc, host: %1$s, port: %3$d, interval: 1h, timeout: 500ms}
      - {id: pbx-acme-options, component: pbx-acme, host: %2$s, port: %4$d, interval: 1h, timeout: 500ms}
    recovery: {recheckInterval: 1s, maxChecks: 600, sipTimeout: 500ms}
    """
            .formatted(SHARED_IP, PBX_IP, sharedPort, pbxPort)
        + extra;
  }

  @Test
  void aMachineFailsThenPassesAndTheTimelineSaysSoOncePerChange() throws Exception {
    int sharedPort = SippUas.freePort(SHARED_IP);
    int pbxPort = SippUas.freePort(PBX_IP);
    String cfg = yaml(sharedPort, pbxPort, "");
    long incident;
    long runId;
    try (SippUas shared = SippUas.start(SHARED_IP, sharedPort, tmp);
        ServerFixture s = ServerFixture.start(tmp.resolve("srv"), cfg)) {
      incident =
          json(s.http()
                  .post(
                      "/api/v1/incidents",
                      "{\"title\": \"Appels en échec\", \"services\": [\"voip\"],"
                          + " \"startedAt\": \"2026-12-06T06:40:00Z\", \"clientImpact\":"
                          + " \"Appels externes impossibles\", \"severity\": \"MAJOR\"}"))
              .path("id")
              .asLong();
      String base = "/api/v1/incidents/" + incident + "/recovery";
      assertThat(s.http().get(base).statusCode()).isEqualTo(404);

      // the incident's machines from its service, what others depend on first
      var started = s.http().post(base, "");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
      JsonNode run = json(started);
      runId = run.path("id").asLong();
      assertThat(ids(run)).containsExactly("proxy-lab", "pbx-acme");
      assertThat(run.path("machines").get(1).path("waitsFor").get(0).asText())
          .isEqualTo("proxy-lab");
      assertThat(s.http().post(base, "").statusCode()).as("one run at a time").isEqualTo(409);

      // the proxy passes at once; the PBX fails, checked again and again
      String one = "/api/v1/recovery/" + runId;
      Awaitility.await()
          .atMost(20, TimeUnit.SECONDS)
          .until(() -> {
            JsonNode r = json(s.http().get(one));
            return "PASSED".equals(status(r, 0))
                && r.path("machines").get(1).path("attempts").asInt() >= 3;
          });
      JsonNode waiting = json(s.http().get(one));
      JsonNode pbx = waiting.path("machines").get(1);
      assertThat(pbx.path("status").asText()).isEqualTo("WAITING");
      assertThat(check(pbx, "SIP").path("state").asText()).isEqualTo("FAIL");
      assertThat(check(pbx, "METRICS").path("state").asText()).isEqualTo("NOT_CONFIGURED");
      assertThat(check(pbx, "CLIENT_PROXY").path("state").asText()).isEqualTo("PASS");
      assertThat(check(pbx, "CLIENT_PROXY").path("client").asText()).isEqualTo("acme");
      assertThat(waiting.path("progress").path("percent").asInt()).isEqualTo(50);
      assertThat(waiting.path("current").asText()).isEqualTo("pbx-acme");
      List<String> rows = rows(s, incident);
      assertThat(rows)
          .anyMatch(r ->
              r.startsWith("Reprise guidée lancée à ")
                  && r.contains("2 machines dans l'ordre du catalogue (proxy-lab, pbx-acme)"));
      assertThat(rows).contains("proxy-lab rétablie : SIP répond, proxy ACME répond");
      assertThat(rows.stream().filter(r -> r.startsWith("pbx-acme :")))
          .as("several failed checks, one row")
          .hasSize(1)
          .allMatch(r -> r.contains("SIP ne répond pas") && r.contains("proxy ACME répond"));

      // bad requests name what is wrong
      var noReason = s.http().post(one + "/machines/pbx-acme/mark", "{\"action\": \"skipped\"}");
      assertThat(noReason.statusCode()).isEqualTo(400);
      assertThat(json(noReason).path("error").asText()).contains("reason");
      var badAction = s.http().post(one + "/machines/pbx-acme/mark", "{\"action\": \"reboot\"}");
      assertThat(json(badAction).path("error").asText()).contains("'reboot'");
      assertThat(
              s.http()
                  .post(one + "/machines/nope/mark", "{\"action\": \"restarted\"}")
                  .statusCode())
          .isEqualTo(404);
      assertThat(s.http().get("/api/v1/recovery/999999").statusCode()).isEqualTo(404);
      assertThat(s.anonymous().get(one).statusCode()).isEqualTo(401);

      // the operator restarts the PBX: SIPp answers at its address, the check passes by itself
      var marked = s.http().post(one + "/machines/pbx-acme/mark", "{\"action\": \"restarted\"}");
      assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
      try (SippUas pbxUas = SippUas.start(PBX_IP, pbxPort, tmp)) {
        Awaitility.await()
            .atMost(20, TimeUnit.SECONDS)
            .until(() -> json(s.http().get(one)).path("complete").asBoolean());
      }
      JsonNode done = json(s.http().get(one));
      assertThat(done.path("progress").path("percent").asInt()).isEqualTo(100);
      assertThat(check(done.path("machines").get(1), "SIP").path("code").asInt()).isEqualTo(200);
      rows = rows(s, incident);
      assertThat(rows).contains("pbx-acme marquée redémarrée par VIGIE_API_TOKEN");
      assertThat(rows).contains("pbx-acme rétablie : SIP répond, proxy ACME répond");
      assertThat(rows).contains("Reprise guidée : les 2 machines sont vérifiées");
      assertThat(done.path("proposal").path("status").asText()).isEqualTo("RESOLVED");

      // finishing proposes the notice and the status page update, sends nothing
      JsonNode finished = json(s.http().post(one + "/finish", ""));
      assertThat(finished.path("state").asText()).isEqualTo("FINISHED");
      JsonNode proposal = finished.path("proposal");
      // an incident an operator opened is published already (PublicationPolicy): said as it is
      boolean published =
          json(s.http().get("/api/v1/incidents/" + incident + "/publication"))
              .path("published")
              .asBoolean();
      assertThat(proposal.path("published").asBoolean()).isEqualTo(published);
      assertThat(proposal.path("title").asText()).isEqualTo("Appels en échec");
      assertThat(proposal.path("text").asText())
          .startsWith("Le service Téléphonie fonctionne à nouveau normalement depuis ")
          .doesNotContain("pbx-acme")
          .doesNotContain("proxy-lab")
          .doesNotContain(PBX_IP);
      assertThat(s.http().post(one + "/finish", "").statusCode()).isEqualTo(409);
      assertThat(rows(s, incident))
          .anyMatch(r ->
              r.matches(
                  "Reprise guidée terminée à \\d\\dh\\d\\d : 2/2 machines rétablies \\(VIGIE_API_TOKEN\\)"));
      assertThat(rows(s, incident))
          .as("nothing sent by itself")
          .noneMatch(r -> r.contains("publié"));
    }
    // persisted: the finished run and its checks after a restart
    try (ServerFixture s = ServerFixture.start(tmp.resolve("srv"), cfg)) {
      JsonNode again = json(s.http().get("/api/v1/incidents/" + incident + "/recovery"));
      assertThat(again.path("id").asLong()).isEqualTo(runId);
      assertThat(again.path("state").asText()).isEqualTo("FINISHED");
      assertThat(ids(again)).containsExactly("proxy-lab", "pbx-acme");
      assertThat(status(again, 1)).isEqualTo("PASSED");
      assertThat(again.path("machines").get(1).path("restartedBy").asText())
          .isEqualTo("VIGIE_API_TOKEN");
      assertThat(check(again.path("machines").get(1), "SIP").path("state").asText())
          .isEqualTo("PASS");
    }
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body());
  }

  static List<String> ids(JsonNode run) {
    List<String> out = new ArrayList<>();
    run.path("machines").forEach(m -> out.add(m.path("id").asText()));
    return out;
  }

  static String status(JsonNode run, int i) {
    return run.path("machines").get(i).path("status").asText();
  }

  static JsonNode check(JsonNode machine, String kind) {
    for (JsonNode c : machine.path("checks")) if (c.path("kind").asText().equals(kind)) return c;
    throw new AssertionError("no " + kind + " check in " + machine);
  }

  static List<String> rows(ServerFixture s, long incident) throws Exception {
    List<String> out = new ArrayList<>();
    json(s.http().get("/api/v1/incidents/" + incident + "/timeline"))
        .path("entries")
        .forEach(e -> out.add(e.path("description").asText()));
    return out;
  }
}
