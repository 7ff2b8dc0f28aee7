package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.notify.Mail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox page against a real SMTP conversation: with no SMTP server listening and one attempt
 * allowed, the backup announcement fails for good; the page lists each failed message with its
 * recipient, attempts and error and offers a retry; once GreenMail listens on that port, a retry
 * from the page delivers that message (and only that one), which the page then shows sent.
 */
class OutboxPageTest {
  private static final Pattern RETRY = Pattern.compile("/console/outbox/([0-9a-f-]{36})/retry");
  @TempDir Path tmp;
  private final int smtpPort = Mail.freePort();
  private GreenMail mail;

  @AfterEach
  void stop() {
    if (mail != null) mail.stop();
  }

  @Test
  void aFailedMessageIsShownWithItsErrorAndRetriedFromThePage() throws Exception {
    String yaml = Mail.config(smtpPort).replace("maxAttempts: 50", "maxAttempts: 1");
    try (ServerFixture s = ServerFixture.start(tmp, yaml)) {
      assertThat(s.http().post("/api/v1/notifications/backup-announcement", "{}").statusCode())
          .isEqualTo(202);
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> failed(s).size() == 5);
      String password = Files.readString(tmp.resolve("data/admin-password.txt")).strip();
      ConsoleClient c = new ConsoleClient("http://127.0.0.1:" + s.server().httpPort());
      assertThat(c.signIn("admin", password).statusCode()).isEqualTo(302);
      String page = c.get("/console/outbox").body();
      assertThat(page)
          .contains("id=\"outbox-counts\">En attente : 0 · Envoyés : 0 · Échecs : 5")
          .contains("claire.martin@acme.example")
          .contains("Numéro de secours")
          .contains("class=\"msg failed_permanently\"");
      assertThat(count(page, "class=\"primary retry\"")).isEqualTo(5);
      // the error says what happened (the connection to the SMTP server failed)
      String error = failed(s).get(0).get("lastError").asText();
      assertThat(error).isNotBlank();
      assertThat(page).contains(error.substring(0, Math.min(20, error.length())));

      mail = Mail.start(smtpPort);
      Matcher m = RETRY.matcher(page);
      assertThat(m.find()).isTrue();
      String id = m.group(1);
      var retried = c.post("/console/outbox/" + id + "/retry", Map.of());
      assertThat(retried.statusCode()).as(retried.body()).isEqualTo(302);
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> mail.getReceivedMessages().length == 1);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> c.get("/console/outbox?state=SENT").body().contains("id=\"msg-" + id + "\""));
      assertThat(c.get("/console/outbox").body())
          .contains("En attente : 0 · Envoyés : 1 · Échecs : 4");
      // a message that is not failed cannot be retried; the others stay failed
      assertThat(c.post("/console/outbox/" + id + "/retry", Map.of()).statusCode()).isEqualTo(409);
      assertThat(failed(s)).hasSize(4);
      assertThat(mail.getReceivedMessages()).hasSize(1);
      assertThat(s.http().get("/api/v1/audit").statusCode()).isNotEqualTo(500);
    }
  }

  private static java.util.List<JsonNode> failed(ServerFixture s) throws Exception {
    JsonNode l =
        Json.mapper()
            .readTree(s.http().get("/api/v1/notifications?state=FAILED_PERMANENTLY").body());
    java.util.List<JsonNode> out = new java.util.ArrayList<>();
    l.get("notifications").forEach(out::add);
    return out;
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
    return n;
  }
}
