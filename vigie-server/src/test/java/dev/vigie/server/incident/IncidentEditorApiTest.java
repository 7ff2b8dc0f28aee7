package dev.vigie.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident editor's API on H2, on the seed-like platform (examples/seed-platform-fixed.yaml):
 * the seed incident re-entered with backdated transitions gives a report with those times; a time
 * in the future or before the previous transition is refused naming {@code at}; declarations made
 * from an incident (the support line down, a component) join it, failover to the backup number
 * included, and open no other incident.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentEditorApiTest {
  static final Path FIXED = Path.of("../examples/seed-platform-fixed.yaml");
  @TempDir static Path dir;
  private ServerFixture s;

  @BeforeAll
  void start() throws Exception {
    s = ServerFixture.start(dir, Files.readString(FIXED) + "\ntimezone: Europe/Paris\n");
  }

  @AfterAll
  void stop() {
    if (s != null) s.close();
  }

  @Test
  void theSeedIncidentReEnteredWithBackdatedTransitionsGivesItsTimesInTheReport() throws Exception {
    long id = create("Problème d'acheminement des appels", "2024-09-23T05:40:00Z");
    move(id, "INVESTIGATING", "2024-09-23T06:00:00Z", 200);
    move(id, "MITIGATED", "2024-09-23T06:45:00Z", 200);
    move(id, "RESOLVED", "2024-09-23T08:45:00Z", 200);
    JsonNode i = get(id);
    assertThat(i.get("mitigatedAt").asText()).isEqualTo("2024-09-23T06:45:00Z");
    assertThat(i.get("resolvedAt").asText()).isEqualTo("2024-09-23T08:45:00Z");
    assertThat(i.get("endedAt").asText()).isEqualTo("2024-09-23T08:45:00Z");
    String md = s.http().get("/api/v1/incidents/" + id + "/report?format=md&lang=fr").body();
    // the provider's zone: contained at 08h45, resolved (and ended) at 10h45 on 23/09/2024
    assertThat(md).contains("IG-2024-09-23-").contains("08h45").contains("10h45");
    assertThat(md).contains("23/09/2024 à 07h40");
    assertThat(md).doesNotContainPattern("Fin de l'incident : \\S+ à (?!10h45)");
  }

  @Test
  void aTransitionTimeInTheFutureOrBeforeThePreviousOneIsRefusedNamingAt() throws Exception {
    long id = create("Appels sortants en échec", "2024-09-23T05:40:00Z");
    var future = move(id, "INVESTIGATING", "2999-01-01T00:00:00Z", 400);
    assertThat(future).contains("at").contains("future");
    var beforeStart = move(id, "INVESTIGATING", "2024-09-23T05:00:00Z", 400);
    assertThat(beforeStart).contains("at").contains("before");
    move(id, "INVESTIGATING", "2024-09-23T06:00:00Z", 200);
    var beforePrevious = move(id, "MITIGATED", "2024-09-23T05:50:00Z", 400);
    assertThat(beforePrevious).contains("2024-09-23T06:00:00Z");
    assertThat(get(id).get("status").asText()).isEqualTo("INVESTIGATING");
    // without "at" the move is now
    move(id, "MITIGATED", null, 200);
    assertThat(get(id).get("mitigatedAt").asText()).startsWith("20");
  }

  @Test
  void declaringTheSupportLineDownFromAnIncidentJoinsIt() throws Exception {
    long id = create("Numéros de support injoignables", "2024-09-23T05:40:00Z");
    int before = openIncidents().size();
    var r =
        s.http().post("/api/v1/incidents/" + id + "/declarations", "{\"supportLine\": \"down\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(r.body()).contains("numéros de support indisponibles");
    // the failover it sets off writes into this incident, and opens no other one
    Awaitility.await()
        .atMost(15, TimeUnit.SECONDS)
        .until(() -> descriptions(id).stream().anyMatch(d -> d.startsWith("Bascule vers")));
    assertThat(openIncidents()).hasSize(before);
    assertThat(openIncidents()).noneMatch(i -> "failover:support".equals(i));
    assertThat(s.anonymous().get("/status.json").body()).contains("\"backupShown\":true");

    var comp =
        s.http()
            .post(
                "/api/v1/incidents/" + id + "/declarations",
                "{\"component\": \"sbc-1\", \"status\": \"MAJOR_OUTAGE\", \"note\": \"redémarrage\"}");
    assertThat(comp.statusCode()).as(comp.body()).isEqualTo(201);
    assertThat(descriptions(id)).anyMatch(d -> d.contains("en état « Panne majeure »"));
    var unknown =
        s.http()
            .post(
                "/api/v1/incidents/" + id + "/declarations",
                "{\"component\": \"nope\", \"status\": \"MAJOR_OUTAGE\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("nope");

    s.http().post("/api/v1/incidents/" + id + "/declarations", "{\"supportLine\": \"up\"}");
    s.http()
        .post(
            "/api/v1/incidents/" + id + "/declarations",
            "{\"component\": \"sbc-1\", \"status\": \"OPERATIONAL\"}");
    Awaitility.await()
        .atMost(15, TimeUnit.SECONDS)
        .until(() -> descriptions(id).stream().anyMatch(d -> d.startsWith("Fin de la bascule")));
    // and the incident can be closed out with it
    move(id, "RESOLVED", null, 200);
  }

  private long create(String title, String startedAt) throws Exception {
    var r =
        s.http()
            .post(
                "/api/v1/incidents",
                "{\"title\": \""
                    + title
                    + "\", \"startedAt\": \""
                    + startedAt
                    + "\", \"services\": [\"Téléphonie IP 3CX – Acme Transports\"],"
                    + " \"severity\": \"MAJOR\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return Json.mapper().readTree(r.body()).get("id").asLong();
  }

  private String move(long id, String to, String at, int expected) {
    var r =
        s.http()
            .post(
                "/api/v1/incidents/" + id + "/transitions",
                "{\"to\": \"" + to + "\"" + (at == null ? "" : ", \"at\": \"" + at + "\"") + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
    return r.body();
  }

  private JsonNode get(long id) throws Exception {
    return Json.mapper().readTree(s.http().get("/api/v1/incidents/" + id).body());
  }

  private List<String> descriptions(long id) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode e : get(id).get("timeline")) out.add(e.get("description").asText());
    return out;
  }

  private List<String> openIncidents() throws Exception {
    JsonNode list = Json.mapper().readTree(s.http().get("/api/v1/incidents?status=open").body());
    List<String> out = new ArrayList<>();
    for (JsonNode i : list.get("incidents")) out.add(i.path("correlationKey").asText(""));
    return out;
  }
}
