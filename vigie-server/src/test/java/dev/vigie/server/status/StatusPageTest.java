package dev.vigie.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public status page on the seed's platform with its backup number: components from the
 * catalogue, the backup banner when the main numbers are declared down or when a probe finds the
 * support 3CX dead, per-client pages at an unguessable link.
 */
class StatusPageTest {
  static final Path FIXED = Path.of("../examples/seed-platform-fixed.yaml");
  @TempDir Path tmp;

  @Test
  void operatorDeclaresTheMainNumbersDownAndTheBackupNumberShows() throws Exception {
    try (ServerFixture s = ServerFixture.start(tmp, Files.readString(FIXED))) {
      JsonNode before = Json.mapper().readTree(s.anonymous().get("/status.json").body());
      assertThat(before.get("overall").asText()).isEqualTo("OPERATIONAL");
      assertThat(before.get("supportLine").get("backupShown").asBoolean()).isFalse();
      assertThat(s.anonymous().get("/status").body()).doesNotContain("+33 6 39 98 00 10");

      assertThat(s.anonymous().put("/api/v1/status/support-line", "{\"down\": true}").statusCode())
          .isEqualTo(401);
      assertThat(s.http().put("/api/v1/status/support-line", "{\"down\": true}").statusCode())
          .isEqualTo(200);
      String fr = s.anonymous().get("/status").body();
      assertThat(fr)
          .contains("numéro de secours")
          .contains("+33 6 39 98 00 10")
          .contains("lang=\"fr\"");
      String en = s.anonymous().get("/status?lang=en").body();
      assertThat(en).contains("backup number").contains("+33 6 39 98 00 10");

      s.http().put("/api/v1/status/support-line", "{\"down\": false}");
      assertThat(s.anonymous().get("/status").body()).doesNotContain("+33 6 39 98 00 10");
    }
  }

  @Test
  void aServiceFollowsItsOpenPublishedIncidentAndComesBackWhenItIsResolved() throws Exception {
    try (ServerFixture s = ServerFixture.start(tmp, Files.readString(FIXED))) {
      var created =
          s.http()
              .post(
                  "/api/v1/incidents",
                  "{\"title\": \"Appels entrants en échec\", \"startedAt\":"
                      + " \"2024-09-23T05:40:00Z\", \"services\": [\"sip-edge\"],"
                      + " \"severity\": \"CRITICAL\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      long id = Json.mapper().readTree(created.body()).get("id").asLong();
      // an incident an operator opened is public at once: the service is not "operational"
      JsonNode open = Json.mapper().readTree(s.anonymous().get("/status.json").body());
      assertThat(component(open, "sip-edge")).isEqualTo("PARTIAL_OUTAGE");
      assertThat(open.get("overall").asText()).isNotEqualTo("OPERATIONAL");
      assertThat(s.anonymous().get("/status?lang=en").body()).contains("Partial outage");
      assertThat(s.anonymous().get("/status").body()).contains("Panne partielle");

      for (String to : new String[] {"INVESTIGATING", "RESOLVED"}) {
        var t =
            s.http().post("/api/v1/incidents/" + id + "/transitions", "{\"to\": \"" + to + "\"}");
        assertThat(t.statusCode()).as(t.body()).isEqualTo(200);
      }
      JsonNode after = Json.mapper().readTree(s.anonymous().get("/status.json").body());
      assertThat(component(after, "sip-edge")).isEqualTo("OPERATIONAL");
      assertThat(after.get("overall").asText()).isEqualTo("OPERATIONAL");
    }
  }

  private static String component(JsonNode status, String id) {
    for (JsonNode c : status.get("components")) {
      if (c.get("id").asText().equals(id)) return c.get("status").asText();
    }
    throw new AssertionError("no component " + id + " in " + status);
  }

  @Test
  void declaringAComponentDownTakesItsNumbersDown() throws Exception {
    try (ServerFixture s = ServerFixture.start(tmp, Files.readString(FIXED))) {
      var r =
          s.http()
              .put(
                  "/api/v1/status/components/pbx-support",
                  "{\"status\": \"MAJOR_OUTAGE\", \"note\": \"VM en panne\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode j = Json.mapper().readTree(s.anonymous().get("/status.json").body());
      assertThat(j.get("supportLine").get("mainNumbersDown")).hasSize(2);
      assertThat(j.get("supportLine").get("backupShown").asBoolean()).isTrue();
      assertThat(
              s.http()
                  .put("/api/v1/status/components/nope", "{\"status\": \"MAJOR_OUTAGE\"}")
                  .statusCode())
          .isEqualTo(404);
      assertThat(
              s.http()
                  .put("/api/v1/status/components/voip-acme", "{\"status\": \"BROKEN\"}")
                  .statusCode())
          .isEqualTo(400);
      s.http()
          .put(
              "/api/v1/status/components/voip-acme",
              "{\"status\": \"PARTIAL_OUTAGE\", \"note\": \"<script>x</script>\"}");
      String html = s.anonymous().get("/status").body();
      assertThat(html)
          .contains("Panne partielle")
          .contains("&lt;script&gt;")
          .doesNotContain("<script>x");
    }
  }

  @Test
  void aProbeFindingTheSupportPbxDeadShowsTheBackupNumber() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getByName("127.0.0.55"))) {
      String yaml =
          Files.readString(FIXED)
              + "\nprobes:\n  - {id: pbx-support-options, component: pbx-support, host: 127.0.0.55, port: "
              + silent.getLocalPort()
              + ", interval: 1s, timeout: 500ms, downAfter: 2}\n";
      try (ServerFixture s = ServerFixture.start(tmp, yaml)) {
        Awaitility.await()
            .atMost(20, TimeUnit.SECONDS)
            .until(() ->
                Json.mapper()
                    .readTree(s.anonymous().get("/status.json").body())
                    .get("supportLine")
                    .get("backupShown")
                    .asBoolean());
        JsonNode j = Json.mapper().readTree(s.anonymous().get("/status.json").body());
        assertThat(j.toString()).contains("MAJOR_OUTAGE");
        assertThat(s.anonymous().get("/status").body()).contains("+33 6 39 98 00 10");
      }
    }
  }

  @Test
  void perClientPagesShowOnlyThatClientsServices() throws Exception {
    try (ServerFixture s = ServerFixture.start(tmp, Files.readString(FIXED))) {
      JsonNode links = Json.mapper().readTree(s.http().get("/api/v1/status/links").body());
      String acme = links.get("acme").asText();
      assertThat(acme).matches("/status/c/[A-Za-z0-9_-]{22}");
      JsonNode page = Json.mapper().readTree(s.anonymous().get(acme + "/json").body());
      assertThat(page.get("client").asText()).isEqualTo("Acme Transports");
      assertThat(page.get("components").toString())
          .contains("voip-acme")
          .doesNotContain("voip-boulangerie");
      assertThat(s.anonymous().get("/status/c/AAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
      assertThat(s.anonymous().get(acme).body()).contains("Acme Transports");
    }
  }
}
