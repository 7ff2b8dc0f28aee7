package dev.vigie.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client notifications end to end: a whole server on the seed platform (with its backup number and
 * client contacts), sending through a real SMTP server (GreenMail on 127.0.0.1).
 */
class NotificationServerTest {
  @TempDir Path tmp;
  private final int smtpPort = Mail.freePort();
  private GreenMail mail;

  @AfterEach
  void stop() {
    if (mail != null) mail.stop();
  }

  @Test
  void anIncidentAffectingOneClientNotifiesOnlyItsContacts() throws Exception {
    mail = Mail.start(smtpPort);
    try (ServerFixture s = ServerFixture.start(tmp, Mail.config(smtpPort))) {
      var created =
          s.http()
              .post(
                  "/api/v1/incidents",
                  "{\"title\": \"Téléphonie Acme indisponible\", \"startedAt\":"
                      + " \"2026-11-24T06:40:00Z\", \"services\": [\"voip-acme\"],"
                      + " \"clientImpact\": \"Appels entrants impossibles\", \"severity\": \"MAJOR\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonNode incident = Json.mapper().readTree(created.body());
      long id = incident.get("id").asLong();
      String number = incident.get("number").asText();

      MimeMessage[] opened = awaitMessages(2);
      Map<String, MimeMessage> byTo = new TreeMap<>();
      for (MimeMessage m : opened) byTo.put(Mail.to(m), m);
      assertThat(byTo).containsOnlyKeys("claire.martin@acme.example", "john.smith@acme.example");
      String link = "https://status.exemple-telecom.fr" + link(s, "acme");
      for (MimeMessage m : opened) {
        String raw = MimeUtility.decodeText(Mail.raw(m));
        assertThat(m.getRecipients(Message.RecipientType.CC)).isNull();
        assertThat(m.getRecipients(Message.RecipientType.BCC)).isNull();
        assertThat(m.getAllRecipients()).hasSize(1);
        assertThat(raw)
            .doesNotContain("boulangerie", "cabinet.example", "mairie.example")
            .contains(number);
        assertThat(body(m)).contains(Mail.BACKUP).contains(link);
      }
      assertThat(Mail.subject(byTo.get("claire.martin@acme.example")))
          .contains("Incident en cours");
      assertThat(Mail.subject(byTo.get("john.smith@acme.example")))
          .contains("Incident in progress");

      // a public update and the resolution reach the same two addresses, once each
      var upd =
          s.http()
              .post(
                  "/api/v1/notifications/incidents/" + id + "/update",
                  "{\"text\": \"Le PBX redémarre.\", \"status\": \"IDENTIFIED\"}");
      assertThat(upd.statusCode()).as(upd.body()).isEqualTo(202);
      assertThat(
              s.http()
                  .post("/api/v1/incidents/" + id + "/transitions", "{\"to\": \"RESOLVED\"}")
                  .statusCode())
          .isEqualTo(200);
      MimeMessage[] all = awaitMessages(6);
      assertThat(List.of(all).stream().map(Mail::to).distinct())
          .containsExactlyInAnyOrder("claire.martin@acme.example", "john.smith@acme.example");
      assertThat(List.of(all).stream().map(Mail::subject))
          .anyMatch(x -> x.contains("Incident résolu"))
          .anyMatch(x -> x.contains("Incident resolved"))
          .anyMatch(x -> x.contains("Point de situation"));

      // every sent notice is a NOTIFICATION entry of the incident's timeline
      Awaitility.await()
          .atMost(10, TimeUnit.SECONDS)
          .until(() -> notificationEntries(s, id).size() == 6);
      assertThat(notificationEntries(s, id))
          .allMatch(d -> d.startsWith("Communication client envoyée"))
          .anyMatch(d -> d.contains("john.smith@acme.example"));
      JsonNode sent =
          Json.mapper().readTree(s.http().get("/api/v1/notifications?state=SENT").body());
      assertThat(sent.get("notifications")).hasSize(6);
      assertThat(s.http().get("/api/v1/notifications?state=NOPE").statusCode()).isEqualTo(400);
    }
  }

  @Test
  void theBackupAnnouncementReachesEveryClientOnce() throws Exception {
    mail = Mail.start(smtpPort);
    try (ServerFixture s = ServerFixture.start(tmp, Mail.config(smtpPort))) {
      var first = s.http().post("/api/v1/notifications/backup-announcement", "{}");
      assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
      assertThat(Json.mapper().readTree(first.body()).get("enqueued").asInt()).isEqualTo(5);
      MimeMessage[] msgs = awaitMessages(5);
      assertThat(List.of(msgs).stream().map(Mail::to))
          .containsExactlyInAnyOrder(
              "claire.martin@acme.example",
              "john.smith@acme.example",
              "contact@boulangerie.example",
              "secretariat@cabinet.example",
              "informatique@mairie.example");
      for (MimeMessage m : msgs) assertThat(body(m)).contains(Mail.BACKUP);

      var again =
          Json.mapper()
              .readTree(s.http().post("/api/v1/notifications/backup-announcement", "").body());
      assertThat(again.get("enqueued").asInt()).isZero();
      assertThat(again.get("duplicates").asInt()).isEqualTo(5);
      var forced =
          Json.mapper()
              .readTree(
                  s.http()
                      .post("/api/v1/notifications/backup-announcement", "{\"force\": true}")
                      .body());
      assertThat(forced.get("enqueued").asInt()).isEqualTo(5);
      awaitMessages(10);
      assertThat(s.anonymous().post("/api/v1/notifications/backup-announcement", "{}").statusCode())
          .isEqualTo(401);
    }
  }

  @Test
  void anSmtpOutageAndAServerRestartDeliverEachNoticeExactlyOnce() throws Exception {
    // SMTP down: the notices wait in the outbox, retried with backoff
    try (ServerFixture s = ServerFixture.start(tmp, Mail.config(smtpPort))) {
      s.http().post("/api/v1/notifications/backup-announcement", "{}");
      Awaitility.await()
          .atMost(15, TimeUnit.SECONDS)
          .until(() -> {
            JsonNode l = Json.mapper().readTree(s.http().get("/api/v1/notifications").body());
            return l.get("notifications").size() == 5
                && l.get("notifications").get(0).get("attempts").asInt() >= 1;
          });
      JsonNode pending =
          Json.mapper().readTree(s.http().get("/api/v1/notifications?state=PENDING").body());
      assertThat(pending.get("notifications")).hasSize(5);
      assertThat(pending.get("notifications").get(0).get("lastError").asText()).isNotBlank();
    }
    // SMTP back on the same port, a new server on the same data: delivered once
    mail = Mail.start(smtpPort);
    try (ServerFixture s = ServerFixture.start(tmp, Mail.config(smtpPort))) {
      awaitMessages(5);
      Awaitility.await()
          .atMost(10, TimeUnit.SECONDS)
          .until(() ->
              Json.mapper()
                      .readTree(s.http().get("/api/v1/notifications?state=SENT").body())
                      .get("notifications")
                      .size()
                  == 5);
    }
    // another restart sends nothing again
    try (ServerFixture s = ServerFixture.start(tmp, Mail.config(smtpPort))) {
      Awaitility.await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(4))
          .until(() -> mail.getReceivedMessages().length == 5);
      assertThat(s.http().post("/api/v1/notifications/backup-announcement", "{}").body())
          .contains("\"duplicates\":5");
    }
  }

  @Test
  void incidentsOpenedBeforeNotificationsWereEnabledAreNeverMailed() throws Exception {
    mail = Mail.start(smtpPort);
    String noBackup = Mail.config(smtpPort).replace("role: backup", "role: main");
    String incident =
        "{\"title\": \"Panne Acme\", \"startedAt\": \"2026-11-24T06:40:00Z\","
            + " \"services\": [\"voip-acme\"], \"severity\": \"MAJOR\"}";
    // no backup number: notifications are off while this incident is opened
    assertThat(noBackup).doesNotContain("role: backup");
    // and no notifications section (an unknown key in its place would now be refused)
    String noSection = noBackup.substring(0, noBackup.indexOf("notifications:"));
    try (ServerFixture s = ServerFixture.start(tmp, noSection)) {
      assertThat(s.http().post("/api/v1/incidents", incident).statusCode()).isEqualTo(201);
      assertThat(s.http().get("/api/v1/notifications").statusCode()).isEqualTo(404);
    }
    // enabled later on the same data: the old incident is not mailed, a new one is
    try (ServerFixture s = ServerFixture.start(tmp, Mail.config(smtpPort))) {
      assertThat(
              s.http()
                  .post("/api/v1/incidents", incident.replace("Panne Acme", "Panne 2"))
                  .statusCode())
          .isEqualTo(201);
      MimeMessage[] got = awaitMessages(2);
      assertThat(List.of(got).stream().map(Mail::subject)).allMatch(x -> x.contains("Incident"));
      assertThat(
              List.of(got).stream()
                  .map(m -> {
                    try {
                      return body(m);
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }))
          .allMatch(b -> b.contains("Panne 2") && !b.contains("Panne Acme"));
      Awaitility.await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(3))
          .until(() -> mail.getReceivedMessages().length == 2);
    }
  }

  private MimeMessage[] awaitMessages(int n) {
    Awaitility.await()
        .atMost(20, TimeUnit.SECONDS)
        .until(() -> mail.getReceivedMessages().length >= n);
    MimeMessage[] got = mail.getReceivedMessages();
    assertThat(got).hasSize(n);
    return got;
  }

  private static String body(MimeMessage m) throws Exception {
    return MimeUtility.decodeText(com.icegreen.greenmail.util.GreenMailUtil.getBody(m))
        + new String(m.getRawInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String link(ServerFixture s, String client) throws Exception {
    return Json.mapper().readTree(s.http().get("/api/v1/status/links").body()).get(client).asText();
  }

  private static List<String> notificationEntries(ServerFixture s, long id) throws Exception {
    JsonNode j = Json.mapper().readTree(s.http().get("/api/v1/incidents/" + id).body());
    List<String> out = new java.util.ArrayList<>();
    for (JsonNode e : j.get("timeline")) {
      if ("NOTIFICATION".equals(e.get("source").asText())) out.add(e.get("description").asText());
    }
    return out;
  }
}
