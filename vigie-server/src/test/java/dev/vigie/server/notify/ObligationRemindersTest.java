package dev.vigie.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NIS2 reminders end to end: a whole server on an injected clock, the NOC's emails through the
 * outbox to a real SMTP server (GreenMail), each reminder once, also across a restart on the same
 * database.
 */
class ObligationRemindersTest {
  @TempDir Path tmp;
  private final int smtpPort = Mail.freePort();
  private GreenMail mail;
  private final AtomicReference<Instant> now = new AtomicReference<>(at("2024-09-23T08:00+02:00"));
  private final InstantSource clock = now::get;

  @AfterEach
  void stop() {
    if (mail != null) mail.stop();
  }

  private static Instant at(String s) {
    return OffsetDateTime.parse(s).toInstant();
  }

  private String config() throws Exception {
    return Mail.config(smtpPort)
        + "obligations:\n"
        + "  nocEmail: noc@exemple-telecom.fr\n"
        + "  tickInterval: 200ms\n";
  }

  private MimeMessage[] awaitMessages(int n) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> mail.getReceivedMessages().length >= n);
    return mail.getReceivedMessages();
  }

  private static JsonNode reminderRows(ServerFixture s, long id) throws Exception {
    var all =
        Json.mapper()
            .readTree(s.http().get("/api/v1/incidents/" + id + "/timeline").body())
            .path("entries");
    var out = Json.mapper().createArrayNode();
    for (var e : all) {
      if (e.path("refState").asText().startsWith("nis2:")) out.add(e);
    }
    return out;
  }

  @Test
  void eachReminderIsEmailedOnceAlsoAcrossARestart() throws Exception {
    mail = Mail.start(smtpPort);
    long id;
    try (var s = ServerFixture.start(tmp, config(), clock)) {
      var created =
          s.http()
              .post(
                  "/api/v1/incidents",
                  "{\"title\": \"Téléphonie indisponible\", \"startedAt\":"
                      + " \"2024-09-23T07:40:00+02:00\", \"services\": [\"Téléphonie IP 3CX\"],"
                      + " \"severity\": \"CRITICAL\", \"unavailableFrom\":"
                      + " \"2024-09-23T07:40:00+02:00\", \"unavailableUntil\":"
                      + " \"2024-09-23T11:05:00+02:00\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      id = Json.mapper().readTree(created.body()).path("id").asLong();

      now.set(at("2024-09-24T03:41+02:00")); // 3 h 59 min before the early warning is due
      var first = awaitMessages(1);
      assertThat(Mail.to(first[0])).isEqualTo("noc@exemple-telecom.fr");
      assertThat(Mail.subject(first[0]))
          .isEqualTo(
              "[Vigie] IG-2024-09-23-001 : alerte précoce NIS2 à soumettre avant le 24/09/2024"
                  + " 07h40");
      assertThat(Mail.raw(first[0])).contains("3 h 59 min");
      assertThat(s.server().reminders().tick()).isEmpty();
      assertThat(reminderRows(s, id)).hasSize(1);
    }

    now.set(at("2024-09-24T03:50+02:00"));
    try (var s = ServerFixture.start(tmp, config(), clock)) {
      assertThat(s.server().reminders().tick()).isEmpty(); // fired before the restart
      now.set(at("2024-09-24T07:41+02:00"));
      var both = awaitMessages(2);
      assertThat(Arrays.stream(both).map(Mail::subject))
          .containsExactly(
              "[Vigie] IG-2024-09-23-001 : alerte précoce NIS2 à soumettre avant le 24/09/2024"
                  + " 07h40",
              "[Vigie] IG-2024-09-23-001 : alerte précoce NIS2 en retard (due le 24/09/2024"
                  + " 07h40)");
      assertThat(s.server().reminders().tick()).isEmpty();
      var rows = reminderRows(s, id);
      assertThat(rows).hasSize(2);
      assertThat(rows.get(1).path("description").asText())
          .isEqualTo("Rappel envoyé au NOC : alerte précoce en retard, due le 24/09/2024 07h40");
      // the reminders are not client notices: the client clock has no first notice
      var o =
          Json.mapper().readTree(s.http().get("/api/v1/incidents/" + id + "/obligations").body());
      assertThat(o.path("clientCommunication").path("firstNoticeAt").isNull()).isTrue();
    }
    assertThat(mail.getReceivedMessages()).hasSize(2);
  }
}
