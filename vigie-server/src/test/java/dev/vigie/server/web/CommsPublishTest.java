package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.notify.Mail;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client communication with a human step, on the seed platform, through the console's forms and a
 * real SMTP server (GreenMail on 127.0.0.1): an incident Vigie opened by itself (Alertmanager,
 * naming a machine and its address) reaches nobody until an operator drafts, previews and publishes
 * an update; the preview lists exactly the affected client's two contacts; a text naming the
 * machine is refused next to its field; once published, each contact receives the update in its own
 * language, the status page shows each language's text, and the timeline has one row saying how
 * many recipients. An update with no recipient says so, once, in the timeline and the report.
 */
class CommsPublishTest {
  private static final Pattern LOCATION_DRAFT = Pattern.compile("/comms/(\\d+)$");
  @TempDir Path tmp;
  private final int smtpPort = Mail.freePort();
  private GreenMail mail;

  @AfterEach
  void stop() {
    if (mail != null) mail.stop();
  }

  @Test
  void anOperatorDraftsPreviewsAndPublishesToExactlyTheAffectedContactsInTheirLanguage()
      throws Exception {
    mail = Mail.start(smtpPort);
    try (ServerFixture s = ServerFixture.start(tmp, Mail.config(smtpPort))) {
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

      ConsoleClient c = signedIn(s);
      assertThat(c.get("/console/incidents/" + id).body()).contains("id=\"comms-link\"");
      long draft = newDraft(c, id);
      String page = c.get("/console/incidents/" + id + "/comms/" + draft).body();
      // the preview: exactly Acme's two contacts, each in its language; nothing internal
      assertThat(count(page, "class=\"recipient\"")).isEqualTo(2);
      assertThat(page)
          .contains("claire.martin@acme.example", "john.smith@acme.example")
          .doesNotContain("boulangerie.example", "cabinet.example", "mairie.example")
          .contains("id=\"not-published\"")
          .contains("Téléphonie IP 3CX – Acme Transports")
          .contains("Point de situation")
          .contains("Incident update")
          .doesNotContain("pbx-acme", "10.0.1.15", "Saturation", "PbxSaturated");

      // a text naming the machine and its address is refused next to its field, not saved
      var refused =
          c.post(
              "/console/incidents/" + id + "/comms/" + draft,
              Map.of(
                  "version", "1",
                  "status", "IDENTIFIED",
                  "textFr", "Redémarrage de pbx-acme (10.0.1.15) en cours.",
                  "textEn", "Restarting the PBX."));
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body())
          .contains("id=\"textFr-err\"")
          .contains("« pbx-acme »")
          .contains("« 10.0.1.15 »")
          .doesNotContain("id=\"textEn-err\"")
          .doesNotContain("id=\"publish-form\"");
      assertThat(c.get("/console/incidents/" + id + "/comms/" + draft).body())
          .doesNotContain("Redémarrage de pbx-acme");

      var saved =
          c.post(
              "/console/incidents/" + id + "/comms/" + draft,
              Map.of(
                  "version", "1",
                  "status", "IDENTIFIED",
                  "textFr", "La cause est identifiée, le service revient progressivement.",
                  "textEn", "The cause is identified; the service is coming back."));
      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
      // the human step: nothing has gone to anybody before publication
      Awaitility.await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(3))
          .until(() -> mail.getReceivedMessages().length == 0);
      assertThat(s.anonymous().get("/status").body()).doesNotContain(number);

      var published =
          c.post(
              "/console/incidents/" + id + "/comms/" + draft + "/publish", Map.of("version", "2"));
      assertThat(published.statusCode()).as(published.body()).isEqualTo(302);
      assertThat(c.get(published.headers().firstValue("Location").orElseThrow()).body())
          .contains("page d'état et 2 destinataire(s)");
      // the same draft again (a double click, a second operator): refused, nothing resent
      assertThat(
              c.post(
                      "/console/incidents/" + id + "/comms/" + draft + "/publish",
                      Map.of("version", "2"))
                  .statusCode())
          .isEqualTo(409);
      assertThat(c.get("/console/incidents/" + id + "/comms/" + draft).body())
          .contains("id=\"draft-state\"")
          .doesNotContain("id=\"publish-form\"")
          .doesNotContain("id=\"save-draft\"");

      // the update, to the two contacts only (it is the first notice: no separate opening one)
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> mail.getReceivedMessages().length >= 2);
      Awaitility.await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(3))
          .until(() -> mail.getReceivedMessages().length == 2);
      Map<String, MimeMessage> updates = new TreeMap<>();
      for (MimeMessage m : mail.getReceivedMessages()) {
        assertThat(Mail.to(m)).isIn("claire.martin@acme.example", "john.smith@acme.example");
        String text = text(m);
        assertThat(text + Mail.subject(m))
            .doesNotContain("pbx-acme", "10.0.1.15", "Saturation", "PbxSaturated");
        if (Mail.subject(m).contains("Point de situation")
            || Mail.subject(m).contains("Incident update")) updates.put(Mail.to(m), m);
      }
      assertThat(updates).containsOnlyKeys("claire.martin@acme.example", "john.smith@acme.example");
      MimeMessage fr = updates.get("claire.martin@acme.example");
      MimeMessage en = updates.get("john.smith@acme.example");
      assertThat(Mail.subject(fr)).contains("Point de situation");
      assertThat(text(fr))
          .contains("La cause est identifiée, le service revient progressivement.")
          .doesNotContain("The cause is identified");
      assertThat(Mail.subject(en)).contains("Incident update");
      assertThat(text(en))
          .contains("The cause is identified; the service is coming back.")
          .doesNotContain("La cause est identifiée")
          .doesNotContain("Perturbation de nos services");

      // one timeline row for the publication, saying how many recipients
      List<String> rows = operatorRows(s, id);
      assertThat(rows.stream().filter(r -> r.contains("Point de situation publié")))
          .hasSize(1)
          .allMatch(r -> r.contains("page d'état et 2 destinataire(s)"));
      assertThat(rows).noneMatch(r -> r.startsWith("Incident publié aux clients"));

      // the status page: each language's text, with its time in the provider's zone
      String statusFr = s.anonymous().get("/status").body();
      assertThat(statusFr)
          .contains(number)
          .contains("La cause est identifiée, le service revient progressivement.")
          .doesNotContain("The cause is identified")
          .containsPattern("<time datetime=\"[^\"]+\">\\d\\d/\\d\\d/\\d{4} à \\d\\dh\\d\\d</time>");
      assertThat(s.anonymous().get("/status?lang=en").body())
          .contains("The cause is identified; the service is coming back.")
          .doesNotContain("La cause est identifiée");
      // the outbox page lists the two, sent, with their recipients
      String outbox = c.get("/console/outbox?state=SENT").body();
      assertThat(count(outbox, "class=\"msg sent\"")).isEqualTo(2);
      assertThat(outbox).contains("john.smith@acme.example").contains("Point de situation");
    }
  }

  @Test
  void anUpdateWithNoRecipientSaysSoOnceInTheTimelineAndTheReport() throws Exception {
    mail = Mail.start(smtpPort);
    try (ServerFixture s = ServerFixture.start(tmp, Mail.config(smtpPort))) {
      var created =
          s.http()
              .post(
                  "/api/v1/incidents",
                  "{\"title\": \"Lenteurs de l'extranet\", \"startedAt\": \"2026-11-24T06:40:00Z\","
                      + " \"services\": [\"Extranet\"], \"severity\": \"MINOR\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      long id = Json.mapper().readTree(created.body()).get("id").asLong();
      ConsoleClient c = signedIn(s);
      long draft = newDraft(c, id);
      String page = c.get("/console/incidents/" + id + "/comms/" + draft).body();
      assertThat(page).contains("id=\"no-recipient\"").doesNotContain("class=\"recipient\"");
      var published =
          c.post(
              "/console/incidents/" + id + "/comms/" + draft + "/publish", Map.of("version", "1"));
      assertThat(published.statusCode()).as(published.body()).isEqualTo(302);
      assertThat(c.get(published.headers().firstValue("Location").orElseThrow()).body())
          .contains("aucun client destinataire");
      List<String> rows = operatorRows(s, id);
      assertThat(rows.stream().filter(r -> r.contains("Point de situation publié")))
          .hasSize(1)
          .allMatch(r -> r.contains("aucun client destinataire"));
      String report = s.http().get("/api/v1/incidents/" + id + "/report?format=md&lang=fr").body();
      assertThat(count(report, "Point de situation publié")).isEqualTo(1);
      assertThat(report).doesNotContain("publié aux clients").contains("aucun client destinataire");
      assertThat(mail.getReceivedMessages()).isEmpty();
    }
  }

  private ConsoleClient signedIn(ServerFixture s) throws Exception {
    String password = Files.readString(tmp.resolve("data/admin-password.txt")).strip();
    ConsoleClient c = new ConsoleClient("http://127.0.0.1:" + s.server().httpPort());
    assertThat(c.signIn("admin", password).statusCode()).isEqualTo(302);
    return c;
  }

  private static long newDraft(ConsoleClient c, long id) {
    assertThat(c.get("/console/incidents/" + id + "/comms").body()).contains("id=\"new-draft\"");
    HttpResponse<String> r = c.post("/console/incidents/" + id + "/comms", Map.of());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    Matcher m = LOCATION_DRAFT.matcher(r.headers().firstValue("Location").orElseThrow());
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static List<String> operatorRows(ServerFixture s, long id) throws Exception {
    JsonNode j = Json.mapper().readTree(s.http().get("/api/v1/incidents/" + id).body());
    List<String> out = new ArrayList<>();
    for (JsonNode e : j.get("timeline")) out.add(e.get("description").asText());
    return out;
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
    return n;
  }

  /** The plain-text part of a message, decoded. */
  static String text(MimeMessage m) throws Exception {
    Object content = m.getContent();
    if (content instanceof String str) return str;
    Multipart mp = (Multipart) content;
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < mp.getCount(); i++) {
      BodyPart p = mp.getBodyPart(i);
      if (p.isMimeType("text/plain")) b.append(p.getContent());
    }
    return b.toString();
  }
}
