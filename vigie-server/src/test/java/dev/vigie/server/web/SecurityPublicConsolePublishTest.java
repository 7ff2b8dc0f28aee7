package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: an operator publishes, from the console, an incident Vigie opened by itself
 * (Alertmanager here): the page says it is internal and offers the form; after it, the status page
 * shows the public title and never the internal one.
 */
class SecurityPublicConsolePublishTest {
  @TempDir Path dir;

  @Test
  void anOperatorPublishesFromTheConsole() throws Exception {
    try (ServerFixture s =
        ServerFixture.start(
            dir, Files.readString(Path.of("../examples/seed-platform-fixed.yaml")))) {
      String now = java.time.Instant.now().minusSeconds(60).toString();
      var am =
          s.http()
              .post(
                  "/api/v1/alertmanager",
                  """
                  {"receiver": "vigie", "status": "firing", "alerts": [
                    {"status": "firing", "labels": {"alertname": "PbxSaturated", "service": "voip-acme"},
                     "annotations": {"summary": "Saturation de pbx-acme (10.0.1.15)"},
                     "startsAt": "%s", "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "f1"}],
                   "commonLabels": {"alertname": "PbxSaturated", "service": "voip-acme"},
                   "commonAnnotations": {"summary": "Saturation de pbx-acme (10.0.1.15)"},
                   "version": "4", "groupKey": "g1"}
                  """
                      .formatted(now));
      assertThat(am.statusCode()).as(am.body()).isEqualTo(200);
      JsonNode incident = Json.mapper().readTree(am.body()).get("incident");
      long id = incident.get("id").asLong();
      String number = incident.get("number").asText();
      assertThat(s.anonymous().get("/status").body()).doesNotContain(number);

      String password = Files.readString(dir.resolve("data/admin-password.txt")).strip();
      ConsoleClient c = new ConsoleClient("http://127.0.0.1:" + s.server().httpPort());
      assertThat(c.signIn("admin", password).statusCode()).isEqualTo(302);
      String page = c.get("/console/incidents/" + id).body();
      assertThat(page).contains("id=\"publish\"").contains("Interne");
      var posted =
          c.post(
              "/console/incidents/" + id + "/publish",
              Map.of("title", "Appels difficiles", "clientImpact", "Appels entrants lents"));
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
      assertThat(c.get("/console/incidents/" + id).body()).contains("Publié aux clients le");

      String status = s.anonymous().get("/status").body();
      assertThat(status).contains(number).contains("Appels difficiles");
      assertThat(status).doesNotContain("Saturation").doesNotContain("pbx-acme");
      JsonNode pub =
          Json.mapper().readTree(s.http().get("/api/v1/incidents/" + id + "/publication").body());
      assertThat(pub.get("published").asBoolean()).isTrue();
      assertThat(pub.get("publishedBy").asText()).isEqualTo("admin");
    }
  }
}
