package dev.vigie.server.incident;

import static dev.vigie.server.incident.ApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/alertmanager} with Alertmanager v4 webhook payloads: one incident per
 * groupKey, one timeline entry per fingerprint and state, resolved marks and suggests, never
 * closes.
 */
class AlertmanagerApiTest {
  private static final String GROUP =
      "{}/{severity=\\\"critical\\\"}:{alertname=\\\"SipTrunkDown\\\"}";
  @TempDir Path dir;
  ApiServer s;

  @BeforeEach
  void start() {
    s = ApiServer.h2(dir, "");
  }

  @AfterEach
  void stop() {
    s.close();
  }

  /** One alert of a payload as Alertmanager writes it. */
  static String alert(
      String status, String fingerprint, String instance, String startsAt, String endsAt) {
    return """
    {"status": "%s",
     "labels": {"alertname": "SipTrunkDown", "instance": "%s", "severity": "critical",
                "service": "Téléphonie IP 3CX"},
     "annotations": {"summary": "Trunk SIP injoignable sur %s"},
     "startsAt": "%s", "endsAt": "%s",
     "generatorURL": "http://prometheus.local/graph?g0.expr=up", "fingerprint": "%s"}\
    """
        .formatted(status, instance, instance, startsAt, endsAt, fingerprint);
  }

  static String payload(String status, String... alerts) {
    return """
    {"receiver": "vigie", "status": "%s", "alerts": [%s],
     "groupLabels": {"alertname": "SipTrunkDown"},
     "commonLabels": {"alertname": "SipTrunkDown", "severity": "critical",
                      "service": "Téléphonie IP 3CX"},
     "commonAnnotations": {"summary": "Trunk SIP injoignable"},
     "externalURL": "http://alertmanager.local:9093", "version": "4",
     "groupKey": "%s", "truncatedAlerts": 0}\
    """
        .formatted(status, String.join(", ", alerts), GROUP);
  }

  private static final String NEVER = "0001-01-01T00:00:00Z";

  private JsonNode post(String body) {
    var r = s.alice.post("/api/v1/alertmanager", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r);
  }

  private JsonNode incident(long id) {
    return json(s.victor.get("/api/v1/incidents/" + id));
  }

  @Test
  void firingOpensRepeatsAreQuietNewFingerprintsAttachResolvedNeverCloses() {
    var a1 = alert("firing", "fp-a1", "pbx-acme:5060", "2024-09-23T05:40:00Z", NEVER);
    var first = post(payload("firing", a1));
    assertThat(first.path("alerts").get(0).path("decision").asText()).isEqualTo("OPENED");
    long id = first.path("incident").path("id").asLong();
    var opened = incident(id);
    assertThat(opened.path("title").asText()).isEqualTo("Trunk SIP injoignable");
    assertThat(opened.path("severity").asText()).isEqualTo("MAJOR");
    assertThat(opened.path("services").get(0).asText()).isEqualTo("Téléphonie IP 3CX");
    assertThat(opened.path("startedAt").asText()).isEqualTo("2024-09-23T05:40:00Z");
    assertThat(opened.path("correlationKey").asText()).isEqualTo("am:" + GROUP.replace("\\", ""));
    int entries = opened.path("timeline").size();

    // Alertmanager repeats the notification (repeat_interval): nothing new is written
    var again = post(payload("firing", a1));
    assertThat(again.path("alerts").get(0).path("decision").asText()).isEqualTo("UNCHANGED");
    assertThat(incident(id).path("timeline")).hasSize(entries);

    // a second alert of the group (new fingerprint) joins the same incident
    var a2 = alert("firing", "fp-a2", "pbx-globex:5060", "2024-09-23T05:45:00Z", NEVER);
    var second = post(payload("firing", a1, a2));
    assertThat(second.path("incident").path("id").asLong()).isEqualTo(id);
    assertThat(second.path("alerts"))
        .extracting(a -> a.path("fingerprint").asText() + ":" + a.path("decision").asText())
        .containsExactly("fp-a1:UNCHANGED", "fp-a2:ATTACHED");
    assertThat(incident(id).path("timeline")).hasSize(entries + 1);

    // one resolves: marked, no suggestion yet (the other still fires)
    var r1 =
        alert("resolved", "fp-a1", "pbx-acme:5060", "2024-09-23T05:40:00Z", "2024-09-23T06:10:00Z");
    var partly = post(payload("firing", r1, a2));
    assertThat(partly.path("mitigationSuggested").asBoolean()).isFalse();
    assertThat(partly.path("alerts").get(0).path("decision").asText()).isEqualTo("RESOLVED");

    // all resolved: mitigation suggested once, the incident stays open
    var r2 =
        alert(
            "resolved", "fp-a2", "pbx-globex:5060", "2024-09-23T05:45:00Z", "2024-09-23T06:20:00Z");
    var resolved = post(payload("resolved", r1, r2));
    assertThat(resolved.path("mitigationSuggested").asBoolean()).isTrue();
    assertThat(post(payload("resolved", r1, r2)).path("mitigationSuggested").asBoolean()).isFalse();
    var after = incident(id);
    assertThat(after.path("status").asText()).isEqualTo("TRIAGE");
    assertThat(after.path("closedAt").isNull()).isTrue();
    var timeline = after.path("timeline");
    var last = timeline.get(timeline.size() - 1);
    assertThat(last.path("source").asText()).isEqualTo("SYSTEM");
    assertThat(last.path("at").asText()).isEqualTo("2024-09-23T06:20:00Z");
    assertThat(timeline)
        .filteredOn(e -> e.path("source").asText().equals("ALERT"))
        .extracting(e -> e.path("ref").asText() + "=" + e.path("refState").asText())
        .containsExactly(
            "am:fp-a1=firing", "am:fp-a2=firing", "am:fp-a1=resolved", "am:fp-a2=resolved");

    // it fires again: same open incident, a new entry
    var back =
        post(
            payload(
                "firing",
                alert("firing", "fp-a1", "pbx-acme:5060", "2024-09-23T06:30:00Z", NEVER)));
    assertThat(back.path("incident").path("id").asLong()).isEqualTo(id);
    assertThat(back.path("alerts").get(0).path("decision").asText()).isEqualTo("ATTACHED");
  }

  @Test
  void resolvedForAnUnknownGroupOpensNothing() {
    var r =
        post(
            payload(
                "resolved",
                alert(
                    "resolved",
                    "fp-x",
                    "pbx:5060",
                    "2024-09-23T05:40:00Z",
                    "2024-09-23T06:00:00Z")));
    assertThat(r.path("incident").isNull()).isTrue();
    assertThat(r.path("alerts").get(0).path("decision").asText()).isEqualTo("IGNORED_NO_INCIDENT");
    assertThat(json(s.victor.get("/api/v1/incidents")).path("incidents")).isEmpty();
  }

  @Test
  void badPayloadsAreRefusedNamingTheField() {
    var a = alert("firing", "fp", "pbx:5060", "2024-09-23T05:40:00Z", NEVER);
    var v5 =
        s.alice.post(
            "/api/v1/alertmanager",
            payload("firing", a).replace("\"version\": \"4\"", "\"version\": \"5\""));
    assertThat(v5.statusCode()).isEqualTo(400);
    assertThat(json(v5).path("error").asText()).contains("version '5'");
    var noKey =
        s.alice.post(
            "/api/v1/alertmanager", payload("firing", a).replace("\"groupKey\"", "\"other\""));
    assertThat(json(noKey).path("error").asText()).contains("groupKey");
    var badStatus =
        s.alice.post(
            "/api/v1/alertmanager",
            payload("firing", a.replace("\"status\": \"firing\"", "\"status\": \"burning\"")));
    assertThat(json(badStatus).path("error").asText()).contains("alerts[0].status 'burning'");
    var badTime =
        s.alice.post(
            "/api/v1/alertmanager", payload("firing", a.replace("2024-09-23T05:40:00Z", "hier")));
    assertThat(badTime.statusCode()).isEqualTo(400);
    assertThat(json(badTime).path("error").asText()).contains("invalid Alertmanager payload");
    var notObject = s.alice.post("/api/v1/alertmanager", "[1, 2]");
    assertThat(notObject.statusCode()).isEqualTo(400);
    assertThat(json(s.victor.get("/api/v1/incidents")).path("incidents")).isEmpty();
    assertThat(s.victor.post("/api/v1/alertmanager", payload("firing", a)).statusCode())
        .isEqualTo(403);
  }
}
