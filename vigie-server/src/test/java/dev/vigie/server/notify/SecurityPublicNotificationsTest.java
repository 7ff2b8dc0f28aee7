package dev.vigie.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.hep.HepEncoder;
import dev.vigie.wire.hep.HepPacket;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: incidents Vigie opens by itself send no client mail and stay off the status page until
 * an operator publishes them; then exactly the affected client's contacts get mail, naming neither
 * the attacker nor the machine. A whole server on the seed platform, real detection from HEP (a
 * scanner's OPTIONS to acme's 3CX), an Alertmanager webhook on acme's service, a real SMTP server
 * (GreenMail).
 */
class SecurityPublicNotificationsTest {
  static final String ATTACKER = "198.51.100.77";
  static final String PBX = "10.0.1.15"; // pbx-acme
  @TempDir Path tmp;
  private final int smtpPort = Mail.freePort();
  private GreenMail mail;

  @AfterEach
  void stop() {
    if (mail != null) mail.stop();
  }

  @Test
  void anAutomaticIncidentWaitsForAnOperatorThenOnlyItsClientsHear() throws Exception {
    mail = Mail.start(smtpPort);
    try (ServerFixture s = ServerFixture.start(tmp, Mail.config(smtpPort))) {
      scan(s.hepPort());
      AtomicReference<JsonNode> found = new AtomicReference<>();
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> {
            JsonNode list = Json.mapper().readTree(s.http().get("/api/v1/incidents").body());
            for (JsonNode i : list.path("incidents")) {
              if (i.path("title").asText().contains(ATTACKER)) found.set(i);
            }
            return found.get() != null;
          });
      JsonNode incident = found.get();
      long id = incident.get("id").asLong();
      String number = incident.get("number").asText();

      // many notification ticks (200 ms each) later: nothing sent, nothing public
      Thread.sleep(2000);
      assertThat(mail.getReceivedMessages()).as("no mail before publication").isEmpty();
      assertThat(pending(s)).isZero();
      assertThat(s.anonymous().get("/status").body()).doesNotContain(number);
      assertThat(s.anonymous().get("/status.json").body()).doesNotContain(number);
      JsonNode pub = Json.mapper().readTree(s.http().get(publication(id)).body());
      assertThat(pub.get("published").asBoolean()).isFalse();
      assertThat(pub.get("openedByVigie").asBoolean()).isTrue();
      var update =
          s.http()
              .post(
                  "/api/v1/notifications/incidents/" + id + "/update",
                  "{\"text\": \"Analyse en cours\"}");
      assertThat(update.statusCode()).isEqualTo(409);
      assertThat(update.body()).contains("not published").contains("/publish");
      assertThat(mail.getReceivedMessages()).isEmpty();

      var published =
          s.http()
              .post(
                  "/api/v1/incidents/" + id + "/publish",
                  "{\"title\": \"Tentatives d'intrusion bloquées\"}");
      assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
      assertThat(Json.mapper().readTree(published.body()).get("published").asBoolean()).isTrue();
      String page = s.anonymous().get("/status").body();
      assertThat(page).contains(number).contains("Tentatives d&#39;intrusion bloquées");
      assertThat(page).doesNotContain(ATTACKER).doesNotContain("friendly-scanner");

      // Alertmanager opens an incident on acme's service, its summary naming the machine
      var am = s.http().post("/api/v1/alertmanager", alertmanager());
      assertThat(am.statusCode()).as(am.body()).isEqualTo(200);
      long amId = Json.mapper().readTree(am.body()).findValue("incidentId").asLong();
      Thread.sleep(2000);
      assertThat(mail.getReceivedMessages())
          .as("neither the detection incident (no client) nor the Alertmanager one (unpublished)")
          .isEmpty();
      var pub2 = s.http().post("/api/v1/incidents/" + amId + "/publish", "{}");
      assertThat(pub2.statusCode()).as(pub2.body()).isEqualTo(200);

      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> mail.getReceivedMessages().length >= 2);
      Thread.sleep(1000); // a few more ticks: nothing else goes out
      MimeMessage[] msgs = mail.getReceivedMessages();
      assertThat(List.of(msgs).stream().map(Mail::to))
          .containsExactlyInAnyOrder("claire.martin@acme.example", "john.smith@acme.example");
      for (MimeMessage m : msgs) {
        String text = MimeUtility.decodeText(Mail.raw(m)) + " " + m.getSubject();
        // the generic title in the contact's own language (no French title in an English frame)
        boolean english = Mail.to(m).equals("john.smith@acme.example");
        assertThat(text)
            .contains(english ? "Service disruption" : "Perturbation de nos services")
            .doesNotContain(english ? "Perturbation de nos services" : "Service disruption")
            .doesNotContain("pbx-acme")
            .doesNotContain(PBX)
            .doesNotContain(ATTACKER)
            .doesNotContain("Saturation");
      }
    }
  }

  /** An Alertmanager v4 payload: acme's service, a summary naming a machine and its address. */
  private static String alertmanager() {
    String now = java.time.Instant.now().minusSeconds(60).toString();
    return """
    {"receiver": "vigie", "status": "firing", "alerts": [
      {"status": "firing",
       "labels": {"alertname": "PbxSaturated", "instance": "pbx-acme", "service": "voip-acme"},
       "annotations": {"summary": "Saturation de pbx-acme (10.0.1.15)"},
       "startsAt": "%s", "endsAt": "0001-01-01T00:00:00Z",
       "generatorURL": "http://prometheus.local/graph", "fingerprint": "f1"}],
     "groupLabels": {"alertname": "PbxSaturated"},
     "commonLabels": {"alertname": "PbxSaturated", "instance": "pbx-acme", "service": "voip-acme"},
     "commonAnnotations": {"summary": "Saturation de pbx-acme (10.0.1.15)"},
     "externalURL": "http://alertmanager.local:9093", "version": "4",
     "groupKey": "{}:{alertname=\\"PbxSaturated\\"}", "truncatedAlerts": 0}
    """
        .formatted(now);
  }

  private static String publication(long id) {
    return "/api/v1/incidents/" + id + "/publication";
  }

  private static int pending(ServerFixture s) throws Exception {
    return Json.mapper()
        .readTree(s.http().get("/api/v1/notifications").body())
        .get("notifications")
        .size();
  }

  /** A scanner's OPTIONS to acme's 3CX, three over a second, as HEP v3 over UDP. */
  private static void scan(int hepPort) throws Exception {
    try (DatagramSocket out = new DatagramSocket()) {
      for (int i = 0; i < 3; i++) {
        if (i > 0) Thread.sleep(600); // a signature alone is reported after a second of activity
        byte[] sip =
            ("OPTIONS sip:10"
                    + i
                    + "@"
                    + PBX
                    + " SIP/2.0\r\nVia: SIP/2.0/UDP "
                    + ATTACKER
                    + ":5070;branch=z9hG4bK"
                    + i
                    + "\r\nFrom: \"sipvicious\"<sip:100@"
                    + ATTACKER
                    + ">;tag="
                    + i
                    + "\r\nTo: <sip:10"
                    + i
                    + "@"
                    + PBX
                    + ">\r\nCall-ID: scan-"
                    + i
                    + "\r\nCSeq: 1 OPTIONS\r\nUser-Agent: friendly-scanner\r\nMax-Forwards: 70\r\n"
                    + "Content-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] hep =
            HepEncoder.encode(
                HepPacket.sip(
                    IpAddress.parse(ATTACKER),
                    5070,
                    IpAddress.parse(PBX),
                    5060,
                    17,
                    System.currentTimeMillis() * 1000,
                    1,
                    sip));
        out.send(new DatagramPacket(hep, hep.length, InetAddress.getLoopbackAddress(), hepPort));
      }
    }
  }
}
