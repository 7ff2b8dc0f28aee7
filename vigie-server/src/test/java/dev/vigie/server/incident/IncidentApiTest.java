package dev.vigie.server.incident;

import static dev.vigie.server.incident.ApiServer.T0;
import static dev.vigie.server.incident.ApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident REST API end to end: HTTP, JSON, the service and the JDBI store on H2. */
class IncidentApiTest {
  @TempDir Path dir;
  ApiServer s;

  @BeforeEach
  void start() {
    s = ApiServer.h2(dir, "company: {name: Exemple}\n");
  }

  @AfterEach
  void stop() {
    s.close();
  }

  @Test
  void createGetAndList() {
    var created = s.create("Appels externes coupés", T0);
    assertThat(created.path("id").asLong()).isPositive();
    assertThat(created.path("number").asText()).isEqualTo("IG-2024-09-23-001");
    assertThat(created.path("status").asText()).isEqualTo("TRIAGE");
    assertThat(created.path("version").asLong()).isEqualTo(1);
    assertThat(created.path("services").get(0).asText()).isEqualTo("Téléphonie IP 3CX");
    assertThat(created.path("startedAt").asText()).isEqualTo("2024-09-23T05:40:00Z");

    var id = created.path("id").asLong();
    var got = json(s.victor.get("/api/v1/incidents/" + id));
    assertThat(got.path("title").asText()).isEqualTo("Appels externes coupés");
    assertThat(got.path("timeline")).hasSize(1);
    assertThat(got.path("timeline").get(0).path("description").asText())
        .isEqualTo("Incident IG-2024-09-23-001 ouvert");
    assertThat(got.path("timeline").get(0).path("author").asText()).isEqualTo("alice");
    assertThat(got.path("review").isNull()).isTrue();
    var byNumber = json(s.victor.get("/api/v1/incidents/IG-2024-09-23-001"));
    assertThat(byNumber.path("id").asLong()).isEqualTo(id);

    s.create("Second", T0.plusSeconds(3600));
    var all = json(s.victor.get("/api/v1/incidents")).path("incidents");
    assertThat(all)
        .extracting(n -> n.path("title").asText())
        .containsExactly("Second", "Appels externes coupés");
    var found = json(s.victor.get("/api/v1/incidents?status=triage,investigating&q=COUP%C3%89S"));
    assertThat(found.path("incidents")).extracting(n -> n.path("id").asLong()).containsExactly(id);
    assertThat(json(s.victor.get("/api/v1/incidents?status=CLOSED")).path("incidents")).isEmpty();
    assertThat(json(s.victor.get("/api/v1/incidents?status=open&limit=1")).path("incidents"))
        .hasSize(1);
  }

  @Test
  void badRequestsNameTheFieldAndWriteNothing() {
    var missingTitle =
        s.alice.post(
            "/api/v1/incidents",
            "{\"startedAt\": \"2024-09-23T05:40:00Z\", \"severity\": \"MAJOR\"}");
    assertThat(missingTitle.statusCode()).isEqualTo(400);
    assertThat(json(missingTitle).path("error").asText()).contains("title");
    var badDate =
        s.alice.post(
            "/api/v1/incidents",
            "{\"title\": \"x\", \"startedAt\": \"23/09/2024 07h40\", \"severity\": \"MAJOR\"}");
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(json(badDate).path("error").asText()).contains("'startedAt'").contains("ISO-8601");
    var noZone =
        s.alice.post(
            "/api/v1/incidents",
            "{\"title\": \"x\", \"startedAt\": \"2024-09-23T07:40:00\", \"severity\": \"MAJOR\"}");
    assertThat(json(noZone).path("error").asText()).contains("no time zone");
    var badSeverity =
        s.alice.post("/api/v1/incidents", ApiServer.newIncident("x", T0).replace("MAJOR", "HUGE"));
    assertThat(badSeverity.statusCode()).isEqualTo(400);
    assertThat(json(badSeverity).path("error").asText())
        .contains("severity 'HUGE' is not one of CRITICAL|MAJOR|MINOR|LOW");
    var servicesNotList =
        s.alice.post(
            "/api/v1/incidents",
            ApiServer.newIncident("x", T0).replace("[\"Téléphonie IP 3CX\"]", "\"3CX\""));
    assertThat(json(servicesNotList).path("error").asText()).contains("'services'");
    var notJson = s.alice.post("/api/v1/incidents", "{oops");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(json(notJson).path("error").asText()).startsWith("invalid JSON body");
    var empty = s.alice.post("/api/v1/incidents", "");
    assertThat(json(empty).path("error").asText()).contains("body is empty");
    assertThat(json(s.victor.get("/api/v1/incidents")).path("incidents")).isEmpty();

    assertThat(s.victor.get("/api/v1/incidents/999").statusCode()).isEqualTo(404);
    assertThat(json(s.victor.get("/api/v1/incidents/999")).path("error").asText())
        .isEqualTo("incident 999 not found");
    assertThat(s.victor.get("/api/v1/incidents/abc").statusCode()).isEqualTo(400);
    assertThat(s.victor.get("/api/v1/incidents/IG-2030-01-01-001").statusCode()).isEqualTo(404);
    var viewerWrite = s.victor.post("/api/v1/incidents", ApiServer.newIncident("x", T0));
    assertThat(viewerWrite.statusCode()).isEqualTo(403);
    var id = s.create("ok", T0).path("id").asLong();
    var badFormat = s.victor.get("/api/v1/incidents/" + id + "/report?format=docx");
    assertThat(badFormat.statusCode()).isEqualTo(400);
    assertThat(json(badFormat).path("error").asText()).contains("format 'docx'");
    var badLang = s.victor.get("/api/v1/incidents/" + id + "/report?format=md&lang=de");
    assertThat(json(badLang).path("error").asText()).contains("lang 'de'");
  }

  @Test
  void timelineEntriesAreAddedEditedAndHiddenWithHistory() {
    var id = s.create("Panne", T0).path("id").asLong();
    var base = "/api/v1/incidents/" + id + "/timeline";
    var added =
        s.alice.post(
            base,
            "{\"at\": \"2024-09-23T06:00:00Z\", \"description\": \"Défaut identifié\", \"source\": \"OPERATOR\"}");
    assertThat(added.statusCode()).isEqualTo(201);
    var entry = json(added);
    assertThat(entry.path("revision").asInt()).isEqualTo(1);
    assertThat(entry.path("source").asText()).isEqualTo("OPERATOR");
    long entryId = entry.path("id").asLong();

    var edited =
        s.bob.put(
            base + "/" + entryId,
            "{\"description\": \"Défaut identifié sur l'hyperviseur\", \"at\": \"2024-09-23T06:01:00Z\", \"revision\": 1}");
    assertThat(edited.statusCode()).isEqualTo(200);
    assertThat(json(edited).path("revision").asInt()).isEqualTo(2);
    assertThat(json(edited).path("at").asText()).isEqualTo("2024-09-23T06:01:00Z");
    var stale = s.alice.put(base + "/" + entryId, "{\"description\": \"autre\", \"revision\": 1}");
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(json(stale).path("error").asText())
        .contains("timeline entry " + entryId)
        .contains("version 1")
        .contains("version 2");

    var hidden = s.alice.post(base + "/" + entryId + "/hide", "");
    assertThat(hidden.statusCode()).isEqualTo(200);
    var h = json(hidden);
    assertThat(h.path("hidden").asBoolean()).isTrue();
    assertThat(h.path("revision").asInt()).isEqualTo(3);
    assertThat(h.path("history"))
        .extracting(x ->
            x.path("revision").asInt()
                + "|"
                + x.path("previousAt").asText()
                + "|"
                + x.path("previousDescription").asText()
                + "|"
                + x.path("previousHidden").asBoolean()
                + "|"
                + x.path("editedBy").asText())
        .containsExactly(
            "1|2024-09-23T06:00:00Z|Défaut identifié|false|bob",
            "2|2024-09-23T06:01:00Z|Défaut identifié sur l'hyperviseur|false|alice");

    var visible = json(s.victor.get(base)).path("entries");
    assertThat(visible).extracting(e -> e.path("id").asLong()).doesNotContain(entryId);
    var all = json(s.victor.get(base + "?hidden=true")).path("entries");
    assertThat(all).extracting(e -> e.path("id").asLong()).contains(entryId);
    var md = s.victor.get("/api/v1/incidents/" + id + "/report?format=md").body();
    assertThat(md).doesNotContain("hyperviseur");

    var shown = json(s.alice.post(base + "/" + entryId + "/unhide", "{\"revision\": 3}"));
    assertThat(shown.path("hidden").asBoolean()).isFalse();
    assertThat(s.victor.get("/api/v1/incidents/" + id + "/report?format=md").body())
        .contains("hyperviseur");

    assertThat(s.alice.put(base + "/99999", "{\"description\": \"x\"}").statusCode())
        .isEqualTo(404);
    var nothing = s.alice.put(base + "/" + entryId, "{\"revision\": 4}");
    assertThat(nothing.statusCode()).isEqualTo(400);
    assertThat(json(nothing).path("error").asText())
        .contains("must change at, description or hidden");
    var noDescription = s.alice.post(base, "{\"at\": \"2024-09-23T06:00:00Z\"}");
    assertThat(noDescription.statusCode()).isEqualTo(400);
    assertThat(json(noDescription).path("error").asText()).contains("description");
  }

  @Test
  void twoOperatorsEditingOneVersionGetOneSuccessAndOneConflict() {
    var id = s.create("Panne", T0).path("id").asLong();
    var url = "/api/v1/incidents/" + id;
    long seen = json(s.alice.get(url)).path("version").asLong();
    var a = s.alice.put(url, "{\"version\": " + seen + ", \"cause\": \"Hyperviseur\"}");
    var b = s.bob.put(url, "{\"version\": " + seen + ", \"cause\": \"Réseau\"}");
    assertThat(a.statusCode()).isEqualTo(200);
    assertThat(json(a).path("version").asLong()).isEqualTo(seen + 1);
    assertThat(b.statusCode()).isEqualTo(409);
    assertThat(json(b).path("error").asText())
        .contains("was changed by someone else")
        .contains("version " + seen)
        .contains("version " + (seen + 1));
    var now = json(s.victor.get(url));
    assertThat(now.path("cause").asText()).isEqualTo("Hyperviseur");
    assertThat(
            now.path("timeline").get(now.path("timeline").size() - 1).path("description").asText())
        .isEqualTo("Incident modifié : cause");
    var staleMove =
        s.bob.post(url + "/transitions", "{\"to\": \"INVESTIGATING\", \"version\": " + seen + "}");
    assertThat(staleMove.statusCode()).isEqualTo(409);
    var noVersion = s.bob.put(url, "{\"cause\": \"Réseau\"}");
    assertThat(noVersion.statusCode()).isEqualTo(400);
    assertThat(json(noVersion).path("error").asText()).contains("'version' is required");
  }

  @Test
  void simultaneousEditsOfOneVersionLetExactlyOneThrough() throws Exception {
    var id = s.create("Panne", T0).path("id").asLong();
    var url = "/api/v1/incidents/" + id;
    var pool = Executors.newFixedThreadPool(2);
    try {
      var go = new CountDownLatch(1);
      var calls = new ArrayList<Callable<Integer>>();
      for (var op : List.of(s.alice, s.bob)) {
        calls.add(() -> {
          go.await();
          return op.put(url, "{\"version\": 1, \"clientImpact\": \"par " + op.token() + "\"}")
              .statusCode();
        });
      }
      var futures = calls.stream().map(pool::submit).toList();
      go.countDown();
      var codes = new ArrayList<Integer>();
      for (var f : futures) {
        codes.add(f.get(30, TimeUnit.SECONDS));
      }
      assertThat(codes).containsExactlyInAnyOrder(200, 409);
      assertThat(json(s.victor.get(url)).path("version").asLong()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void reviewIsSavedWithItsOwnVersion() {
    var id = s.create("Panne", T0).path("id").asLong();
    var url = "/api/v1/incidents/" + id + "/review";
    assertThat(json(s.victor.get(url)).path("version").asLong()).isZero();
    var body =
        """
        {"findings": ["Trop dépendant d'un fournisseur", "Numéro de secours"],
         "actions": [{"description": "Numéro de secours", "owner": "noc", "due": "2024-10-15",
                      "status": "IN_PROGRESS"}]}\
        """;
    var first = s.alice.put(url, body);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonNode r1 = json(first);
    assertThat(r1.path("version").asLong()).isEqualTo(1);
    assertThat(r1.path("actions").get(0).path("due").asText()).isEqualTo("2024-10-15");
    assertThat(r1.path("actions").get(0).path("status").asText()).isEqualTo("IN_PROGRESS");
    var second = s.bob.put(url, body.replace("\"findings\"", "\"version\": 1, \"findings\""));
    assertThat(json(second).path("version").asLong()).isEqualTo(2);
    var stale = s.alice.put(url, body.replace("\"findings\"", "\"version\": 1, \"findings\""));
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(json(stale).path("error").asText()).contains("review of incident IG-2024-09-23-001");
    var badDue = s.alice.put(url, body.replace("2024-10-15", "15/10/2024"));
    assertThat(badDue.statusCode()).isEqualTo(400);
    assertThat(json(badDue).path("error").asText()).contains("actions[0].due");
    var noDescription = s.alice.put(url, "{\"actions\": [{\"owner\": \"noc\"}]}");
    assertThat(json(noDescription).path("error").asText()).contains("actions[].description");
    assertThat(json(s.victor.get(url)).path("findings")).hasSize(2);
  }
}
