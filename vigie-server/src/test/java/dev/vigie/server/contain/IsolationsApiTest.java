package dev.vigie.server.contain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.contain.Netns;
import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.server.Http;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The isolations API on a whole server whose nftables actuator drives table {@code inet vigie} in a
 * network namespace the test creates (root, nft and ip needed; the test fails naming them).
 */
class IsolationsApiTest {
  @TempDir Path dir;
  private Netns netns;
  private String ns;
  private ServerFixture server;

  @BeforeEach
  void namespace() {
    netns = new Netns();
    ns = netns.add("api");
  }

  @AfterEach
  void cleanup() {
    if (server != null) server.close();
    netns.close();
  }

  private Http start(String extra) throws Exception {
    String yaml =
        """
        protected: [203.0.113.0/24]
        machines:
          - id: pbx-lab
            addresses: [10.250.9.0/29]
        containment:
          nftables: {enabled: true, netns: %s}
          cap: {maxActions: 2, window: 5m}
        %s
        """
            .formatted(ns, extra);
    server = ServerFixture.start(dir, yaml);
    return server.http();
  }

  private String nft() {
    return Netns.exec(ns, "nft", "list", "table", "inet", "vigie");
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body());
  }

  @Test
  void manualBlockExtendRelease() throws Exception {
    Http http = start("");
    var r =
        http.post(
            "/api/v1/isolations",
            "{\"target\": \"198.51.100.7\", \"duration\": \"10m\", \"reason\": \"test\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode iso = json(r).get("isolation");
    String id = iso.get("id").asText();
    assertThat(iso.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(iso.get("actor").asText()).isEqualTo("VIGIE_API_TOKEN");
    assertThat(nft()).contains("198.51.100.7").contains("vigie:" + id);

    var list = json(http.get("/api/v1/isolations?state=active")).get("isolations");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("id").asText()).isEqualTo(id);

    Instant before = Instant.parse(iso.get("expires").asText());
    r = http.post("/api/v1/isolations/" + id + "/extend", "{\"duration\": \"1h\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    Instant after = Instant.parse(json(r).get("isolation").get("expires").asText());
    assertThat(Duration.between(before, after)).isEqualTo(Duration.ofHours(1));
    // the kernel's element now expires in more than the original 10 minutes
    assertThat(nft()).containsPattern("198\\.51\\.100\\.7 timeout 1h(9m59s|10m)");

    r = http.post("/api/v1/isolations/" + id + "/release", "{}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).get("isolation").get("state").asText()).isEqualTo("RELEASED");
    assertThat(nft()).doesNotContain("198.51.100.7");

    r = http.post("/api/v1/isolations/" + id + "/release", "{}");
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(json(r).get("error").asText()).contains("it is RELEASED");

    JsonNode audit = json(http.get("/api/v1/audit?limit=20")).get("audit");
    assertThat(audit.findValuesAsText("reason"))
        .containsSubsequence("WRONG_STATE", "RELEASED", "EXTENDED", "ISOLATE");
    assertThat(audit.get(1).get("isolationId").asText()).isEqualTo(id);

    String metrics = server.http().get("/metrics").body();
    assertThat(metrics).contains("vigie_containment_decisions_total{reason=\"ISOLATE\"} 1.0");
    assertThat(metrics).contains("vigie_containment_decisions_total{reason=\"EXTENDED\"} 1.0");
    assertThat(metrics).contains("vigie_containment_active 0.0");
  }

  @Test
  void protectedRangeIsRefusedWithTheRange() throws Exception {
    Http http = start("");
    var r = http.post("/api/v1/isolations", "{\"target\": \"203.0.113.5\"}");
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(json(r).get("error").asText())
        .isEqualTo("refused: 203.0.113.5 is in the protected range 203.0.113.0/24");
    assertThat(json(http.get("/api/v1/audit")).get("audit").get(0).get("reason").asText())
        .isEqualTo("PROTECTED");
  }

  @Test
  void askedAlertIsApprovedThenTheMachineIsIsolated() throws Exception {
    Http http = start("");
    var c = server.server().containment();
    c.onAlert(alert("a1", AlertKind.BRUTE_FORCE, Severity.WARNING, "198.51.100.20", null));
    var pending = json(http.get("/api/v1/isolations?state=PENDING_APPROVAL")).get("isolations");
    assertThat(pending).hasSize(1);
    assertThat(pending.get(0).get("reason").asText()).isEqualTo("ASK_OPERATOR");
    assertThat(nft()).doesNotContain("198.51.100.20");
    String id = pending.get(0).get("id").asText();
    var r = http.post("/api/v1/isolations/" + id + "/approve", "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(json(r).get("reason").asText()).isEqualTo("APPROVED");
    assertThat(nft()).contains("198.51.100.20");

    r =
        http.post(
            "/api/v1/isolations", "{\"target\": \"pbx-lab\", \"kind\": \"MACHINE_ISOLATION\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(json(r).get("isolation").get("expires").isNull()).isTrue();
    assertThat(nft()).contains("10.250.9.0/29");
  }

  @Test
  void capReachedAsksInstead() throws Exception {
    Http http = start("");
    var c = server.server().containment();
    for (int i = 1; i <= 3; i++) {
      c.onAlert(alert("s" + i, AlertKind.SCAN, Severity.CRITICAL, "198.51.100." + (30 + i), null));
    }
    assertThat(json(http.get("/api/v1/isolations?state=ACTIVE")).get("isolations")).hasSize(2);
    var pending = json(http.get("/api/v1/isolations?state=PENDING_APPROVAL")).get("isolations");
    assertThat(pending).hasSize(1);
    assertThat(pending.get(0).get("reason").asText()).isEqualTo("CAP_REACHED");
    assertThat(nft()).contains("198.51.100.31").contains("198.51.100.32").doesNotContain(".33");
  }

  @Test
  void dryRunAppliesNothing() throws Exception {
    Http http = start("server: {dryRun: true}");
    var r = http.post("/api/v1/isolations", "{\"target\": \"198.51.100.9\", \"duration\": \"5m\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(json(r).get("reason").asText()).isEqualTo("DRY_RUN");
    assertThat(json(r).get("isolation").get("dryRun").asBoolean()).isTrue();
    assertThat(nft()).doesNotContain("198.51.100.9");
    assertThat(json(http.get("/api/v1/audit")).get("audit").get(0).get("reason").asText())
        .isEqualTo("DRY_RUN");
    assertThat(json(http.get("/api/v1/isolations")).get("dryRun").asBoolean()).isTrue();
  }

  @Test
  void badRequestsAreClearErrors() throws Exception {
    Http http = start("");
    Map<String, String> cases =
        Map.of(
            "{}", "field 'target' is required",
            "{\"target\": \"198.51.100.7\", \"duration\": \"soon\"}", "duration: 'soon' is not",
            "{\"target\": \"198.51.100.7\", \"kind\": \"NUKE\"}", "kind: 'NUKE' is not",
            "{\"target\": \"10.0.0.0/8\"}", "a source block is an IPv4 address or an IPv6 /64",
            "{\"target\": 7}", "field 'target' must be a string",
            "not json", "invalid JSON body");
    for (var e : cases.entrySet()) {
      var r = http.post("/api/v1/isolations", e.getKey());
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
      assertThat(json(r).get("error").asText()).as(e.getKey()).contains(e.getValue());
    }
    var r = http.post("/api/v1/isolations", "{\"target\": \"pbx-nowhere\"}");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("error").asText()).contains("no machine 'pbx-nowhere'");
    assertThat(http.post("/api/v1/isolations/nope/release", "").statusCode()).isEqualTo(404);
    assertThat(http.post("/api/v1/isolations/nope/extend", "{}").statusCode()).isEqualTo(400);
    assertThat(http.get("/api/v1/isolations?state=GONE").statusCode()).isEqualTo(400);
    assertThat(server.anonymous().get("/api/v1/isolations").statusCode()).isEqualTo(401);
  }

  /** An alert as detection raises it about a proven attacker (it continued a dialog). */
  static Alert alert(String id, AlertKind kind, Severity sev, String source, String machine) {
    Instant now = Instant.now();
    Map<String, Object> ev = Map.of("proof", "DIALOG", "requests", 50);
    return new Alert(id, 1, kind, sev, source, machine, now, now, now, "test " + kind, ev);
  }
}
