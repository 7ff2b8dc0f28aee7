package dev.vigie.server.incident;

import static dev.vigie.server.incident.ApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NIS2 obligations through the API, on H2: the seed incident entered as the provider would (its
 * clients' users from the catalogue) is significant with the exact deadlines; a short partial
 * incident is not, and says why; submissions, drafts and the IG report's client-communication line.
 */
class ObligationsApiTest {
  static final Path SEED_PLATFORM = Path.of("../examples/seed-platform.yaml");
  @TempDir Path dir;

  static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  /** The seed incident, its facts in the POST body as the contract lists them. */
  static final String SEED =
      """
      {"title": "Acheminement des appels externes interrompu",
       "startedAt": "2024-09-23T07:40:00+02:00", "detectedAt": "2024-09-23T07:40:00+02:00",
       "services": ["Téléphonie IP 3CX"], "severity": "CRITICAL", "priority": "P1",
       "clientImpact": "Problème d'acheminement des appels entrants / sortants externes",
       "cause": "Défaillance sur l'infrastructure virtuelle de notre fournisseur",
       "affectedClients": ["acme", "boulangerie", "cabinet-medical", "mairie"],
       "unavailableFrom": "2024-09-23T07:40:00+02:00",
       "unavailableUntil": "2024-09-23T11:05:00+02:00"}\
      """;

  static String config() throws Exception {
    return Files.readString(SEED_PLATFORM) + "\ntimezone: Europe/Paris\n";
  }

  /**
   * Enters the seed through the API (incident, rows, the 11h00 client notice) and returns its id.
   */
  static long enterSeed(ApiServer s) {
    s.clock.set(at("2024-09-23T07:52:00+02:00"));
    var created = s.alice.post("/api/v1/incidents", SEED);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    var incident = json(created);
    assertThat(incident.path("number").asText()).isEqualTo("IG-2024-09-23-001");
    assertThat(incident.path("unavailableFrom").asText()).isEqualTo("2024-09-23T05:40:00Z");
    long id = incident.path("id").asLong();
    var url = "/api/v1/incidents/" + id + "/timeline";
    assertThat(
            s.alice
                .post(
                    url,
                    "{\"at\": \"2024-09-23T08:45:00+02:00\", \"description\":"
                        + " \"Le trafic anormal est identifié et la machine en cause est isolée\"}")
                .statusCode())
        .isEqualTo(201);
    assertThat(
            s.alice
                .post(
                    url,
                    "{\"at\": \"2024-09-23T11:00:00+02:00\", \"source\": \"NOTIFICATION\","
                        + " \"description\": \"Communication à nos Clients sur la résolution de"
                        + " l'incident\"}")
                .statusCode())
        .isEqualTo(201);
    return id;
  }

  @Test
  void theSeedIsSignificantWithExactDeadlinesAndDrafts() throws Exception {
    try (var s = ApiServer.h2(dir, config())) {
      long id = enterSeed(s);
      s.clock.set(at("2024-09-23T12:00:00+02:00"));
      var o = json(s.victor.get("/api/v1/incidents/" + id + "/obligations"));
      assertThat(o.path("significant").asBoolean()).isTrue();
      assertThat(o.path("awareAt").asText()).isEqualTo("2024-09-23T05:40:00Z");
      assertThat(o.path("usersAffected").asLong()).isEqualTo(200); // 120 + 6 + 14 + 60
      assertThat(o.path("reasons").get(0).asText())
          .isEqualTo(
              "Service complètement indisponible pendant 3 h 25 min, plus de 30 min (règlement"
                  + " d'exécution (UE) 2024/2690, art. 10, point a)).");
      var d = o.path("deadlines");
      assertThat(d).hasSize(3);
      assertDeadline(d.get(0), "EARLY_WARNING", "2024-09-24T07:40+02:00", "DUE");
      assertDeadline(d.get(1), "NOTIFICATION", "2024-09-26T07:40+02:00", "DUE");
      assertDeadline(d.get(2), "FINAL_REPORT", "2024-10-26T07:40+02:00", "DUE");
      var comm = o.path("clientCommunication");
      assertThat(comm.path("minutesAfterAwareness").asLong()).isEqualTo(200);
      assertThat(comm.path("late").asBoolean()).isTrue();
      var en = json(s.victor.get("/api/v1/incidents/IG-2024-09-23-001/obligations?lang=en"));
      assertThat(en.path("reasons").get(0).asText()).startsWith("Service completely unavailable");

      // the notification is submitted late; the final report runs from its submission
      s.clock.set(at("2024-09-26T09:00:00+02:00"));
      var late =
          s.alice.post(
              "/api/v1/incidents/" + id + "/obligations/notification",
              "{\"submittedAt\": \"2024-09-26T08:30:00+02:00\", \"reference\": \"CERTFR-2024-1234\"}");
      assertThat(late.statusCode()).as(late.body()).isEqualTo(201);
      var after = json(late).path("deadlines");
      assertDeadline(after.get(0), "EARLY_WARNING", "2024-09-24T07:40+02:00", "OVERDUE");
      assertDeadline(after.get(1), "NOTIFICATION", "2024-09-26T07:40+02:00", "SUBMITTED");
      assertThat(after.get(1).path("reference").asText()).isEqualTo("CERTFR-2024-1234");
      assertThat(Instant.parse(after.get(1).path("submittedAt").asText()))
          .isEqualTo(at("2024-09-26T08:30:00+02:00"));
      assertDeadline(after.get(2), "FINAL_REPORT", "2024-10-26T08:30+02:00", "DUE");
      var timeline = json(s.victor.get("/api/v1/incidents/" + id + "/timeline"));
      assertThat(timeline.path("entries").toString())
          .contains(
              "NIS2 : notification d'incident soumise à l'autorité le 26/09/2024 08h30"
                  + " (référence CERTFR-2024-1234)");

      // drafts: PDF read back, JSON and HTML
      var pdf =
          s.victor.getBytes(
              "/api/v1/incidents/" + id + "/obligations/EARLY_WARNING/draft?format=pdf&lang=fr");
      assertThat(pdf.statusCode()).isEqualTo(200);
      assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
      var text = Pdftotext.text(dir, pdf.body()).replaceAll("\\s+", " ");
      assertThat(text)
          .contains(
              "Alerte précoce NIS2 — IG-2024-09-23-001",
              "Cause illicite ou malveillante suspectée",
              "Impact transfrontière",
              "Évaluation de la gravité et de l'impact",
              "Utilisateurs touchés : 200 / 200",
              "Échéance : 24/09/2024 07h40");
      var draft =
          json(
              s.victor.get(
                  "/api/v1/incidents/"
                      + id
                      + "/obligations/FINAL_REPORT/draft?format=json&lang=en"));
      assertThat(draft.path("rootCause").asText())
          .isEqualTo("Défaillance sur l'infrastructure virtuelle de notre fournisseur");
      assertThat(Instant.parse(draft.path("dueAt").asText()))
          .isEqualTo(at("2024-10-26T08:30+02:00"));
      var html =
          s.victor.get(
              "/api/v1/incidents/" + id + "/obligations/NOTIFICATION/draft?format=html&lang=en");
      assertThat(html.body()).contains("<h2>Indicators of compromise</h2>");

      // the IG report says when clients were first told
      var report = s.victor.getBytes("/api/v1/incidents/" + id + "/report?format=pdf&lang=fr");
      assertThat(Pdftotext.text(dir, report.body()).replaceAll("\\s+", " "))
          .contains("11h00 (200 min après la détection)")
          .doesNotContain("Faits d'impact"); // lifecycle records stay out of the report
      assertThat(s.victor.get("/api/v1/incidents/" + id + "/report?format=md&lang=en").body())
          .contains("First client communication:")
          .contains("11:00 (200 min after detection)");
    }
  }

  @Test
  void aShortPartialIncidentIsNotSignificantAndSaysWhy() throws Exception {
    try (var s = ApiServer.h2(dir, config())) {
      s.clock.set(at("2024-10-02T15:00:00+02:00"));
      var created =
          s.alice.post(
              "/api/v1/incidents",
              """
              {"title": "Appels coupés pour quelques postes", "startedAt": "2024-10-02T14:00:00+02:00",
               "services": ["Téléphonie IP 3CX"], "severity": "MINOR", "usersAffected": 2,
               "degradedFrom": "2024-10-02T14:00:00+02:00", "degradedUntil": "2024-10-02T14:20:00+02:00"}\
              """);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      long id = json(created).path("id").asLong();
      var o = json(s.victor.get("/api/v1/incidents/" + id + "/obligations?lang=en"));
      assertThat(o.path("significant").asBoolean()).isFalse();
      assertThat(o.path("deadlines")).isEmpty();
      assertThat(o.path("reasons").toString())
          .contains("Availability limited for 20 min, not more than 1 h (Art. 10(b)).")
          .contains("No complete unavailability stated")
          .contains("No malicious action suspected");
      var refused =
          s.alice.post(
              "/api/v1/incidents/" + id + "/obligations/EARLY_WARNING",
              "{\"submittedAt\": \"2024-10-02T15:00:00+02:00\"}");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(json(refused).path("error").asText()).contains("is not significant");
      assertThat(
              s.victor
                  .get("/api/v1/incidents/" + id + "/obligations/EARLY_WARNING/draft")
                  .statusCode())
          .isEqualTo(409);

      // the outage turns out longer, for 6 % of the users: a PATCH of the facts alone
      var patched =
          s.alice.patch(
              "/api/v1/incidents/" + id,
              "{\"degradedUntil\": \"2024-10-02T15:05:00+02:00\", \"usersAffected\": 12}");
      assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
      assertThat(json(patched).path("usersAffected").asLong()).isEqualTo(12);
      var now = json(s.victor.get("/api/v1/incidents/" + id + "/obligations"));
      assertThat(now.path("significant").asBoolean()).isTrue();
      assertThat(now.path("deadlines")).hasSize(3);
    }
  }

  @Test
  void badInputIsAClearError() throws Exception {
    try (var s = ApiServer.h2(dir, config())) {
      long id = s.create("Panne", at("2024-09-23T07:40:00+02:00")).path("id").asLong();
      var kind =
          s.alice.post(
              "/api/v1/incidents/" + id + "/obligations/WARNING",
              "{\"submittedAt\": \"2024-09-23T08:00:00Z\"}");
      assertThat(kind.statusCode()).isEqualTo(400);
      assertThat(json(kind).path("error").asText())
          .isEqualTo("kind 'WARNING' is not one of EARLY_WARNING|NOTIFICATION|FINAL_REPORT");
      var order =
          s.alice.patch(
              "/api/v1/incidents/" + id,
              "{\"unavailableFrom\": \"2024-09-23T09:00:00Z\", \"unavailableUntil\": \"2024-09-23T08:00:00Z\"}");
      assertThat(order.statusCode()).isEqualTo(400);
      assertThat(json(order).path("error").asText())
          .contains("unavailableUntil")
          .contains("before");
      var alone =
          s.alice.patch("/api/v1/incidents/" + id, "{\"degradedUntil\": \"2024-09-23T08:00:00Z\"}");
      assertThat(alone.statusCode()).isEqualTo(400);
      assertThat(json(alone).path("error").asText())
          .isEqualTo("degradedUntil is set without degradedFrom");
      var users = s.alice.patch("/api/v1/incidents/" + id, "{\"usersAffected\": -3}");
      assertThat(users.statusCode()).isEqualTo(400);
      var viewer =
          s.victor.post(
              "/api/v1/incidents/" + id + "/obligations/EARLY_WARNING",
              "{\"submittedAt\": \"2024-09-23T08:00:00Z\"}");
      assertThat(viewer.statusCode()).isEqualTo(403);
      var format =
          s.victor.get("/api/v1/incidents/" + id + "/obligations/EARLY_WARNING/draft?format=doc");
      assertThat(format.statusCode()).isIn(400, 409);
    }
  }

  static void assertDeadline(JsonNode d, String kind, String due, String status) {
    assertThat(d.path("kind").asText()).isEqualTo(kind);
    assertThat(Instant.parse(d.path("dueAt").asText()))
        .as(kind)
        .isEqualTo(OffsetDateTime.parse(due).toInstant());
    assertThat(d.path("status").asText()).as(kind).isEqualTo(status);
  }
}
