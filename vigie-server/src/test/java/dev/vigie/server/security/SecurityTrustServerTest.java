package dev.vigie.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Http;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.Transport;
import dev.vigie.wire.hep.HepEncoder;
import dev.vigie.wire.sip.SipFramer;
import dev.vigie.wire.sip.SipMessage;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known-good addresses through a whole {@code vigie serve}: a phone of acme registers (challenge,
 * digest, 200) as HEP; the address is learned and listed by {@code GET /api/v1/known-good}; an
 * enumeration forged from that address is asked about naming acme and the evidence, never blocked;
 * the address survives a restart (table {@code known_good_address}), and after it the phone's
 * requests count in the service-health signals at once (a PBX that stops answering it is seen).
 */
@Timeout(120)
class SecurityTrustServerTest {
  static final String PBX = "10.0.1.15";
  static final String PHONE = "192.0.2.10";
  static final String YAML =
      """
      machines:
        - {id: pbx-acme, addresses: [10.0.1.15], client: acme, role: pbx}
      """;

  @TempDir Path dir;

  @Test
  void aRegisteredPhonesAddressIsLearnedNeverBlockedAndKeptAcrossARestart() throws Exception {
    try (ServerFixture f = ServerFixture.start(dir, YAML)) {
      Http http = f.http();
      try (DatagramSocket s = new DatagramSocket()) {
        for (int i = 0; i < 3; i++) { // three registrations: challenge, digest, 200
          String cid = "reg-" + i;
          send(s, f, PHONE, PBX, req("REGISTER", "1001", cid, 1, "", ""));
          send(s, f, PBX, PHONE, resp(401, "REGISTER", cid, 1, "nonce" + i));
          send(s, f, PHONE, PBX, req("REGISTER", "1001", cid, 2, "", "nonce" + i));
          send(s, f, PBX, PHONE, resp(200, "REGISTER", cid, 2, null));
        }
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> {
              JsonNode k = knownGood(http);
              assertThat(k.path("address").asText()).isEqualTo(PHONE);
              assertThat(k.path("client").asText()).isEqualTo("acme");
              assertThat(k.path("machine").asText()).isEqualTo("pbx-acme");
              assertThat(k.path("registrations").asLong()).isEqualTo(3);
            });
        // an enumeration forged from the phone's address (nobody ACKs the 404s)
        for (int i = 0; i < 80; i++) {
          String cid = "forged-" + i;
          send(s, f, PHONE, PBX, req("INVITE", Integer.toString(500 + i), cid, 1, "", ""));
          send(s, f, PBX, PHONE, resp(404, "INVITE", cid, 1, null));
          Thread.sleep(15); // about 1.2 s of enumeration, bounded
        }
      }
      JsonNode entry =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(() -> isolationOf(http, PHONE), e -> e != null);
      assertThat(entry.path("reason").asText()).isEqualTo("KNOWN_GOOD");
      assertThat(entry.path("state").asText()).isEqualTo("PENDING_APPROVAL");
      assertThat(entry.path("detail").asText())
          .contains("successful registrations of acme's phones from this address in 7 days");
      var active = Json.mapper().readTree(http.get("/api/v1/isolations?state=ACTIVE").body());
      assertThat(active.get("isolations")).isEmpty();
    }
    try (ServerFixture again = ServerFixture.start(dir, YAML)) {
      JsonNode k = knownGood(again.http());
      assertThat(k.path("address").asText()).as("persisted").isEqualTo(PHONE);
      assertThat(k.path("registrations").asLong()).isEqualTo(3);
      // served before the restart, the phone's requests count at once: the PBX challenges it once
      // then answers nothing, and is not answering (taken for a stranger's, nothing was judged)
      try (DatagramSocket s = new DatagramSocket()) {
        send(s, again, PHONE, PBX, req("REGISTER", "1001", "after-0", 1, "", ""));
        send(s, again, PBX, PHONE, resp(401, "REGISTER", "after-0", 1, "n"));
        for (int i = 1; i <= 8; i++) {
          send(s, again, PHONE, PBX, req("REGISTER", "1001", "after-" + i, 1, "", ""));
          Thread.sleep(200);
        }
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> healthAlertOf(again.http(), "pbx-acme"), a -> a != null);
    }
  }

  static JsonNode healthAlertOf(Http http, String machine) throws Exception {
    for (JsonNode a :
        Json.mapper().readTree(http.get("/api/v1/alerts?limit=100").body()).path("alerts")) {
      if ("SERVICE_DEGRADED".equals(a.path("kind").asText())
          && machine.equals(a.path("machine").asText())) return a;
    }
    return null;
  }

  static JsonNode knownGood(Http http) throws Exception {
    var r = http.get("/api/v1/known-good");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode list = Json.mapper().readTree(r.body()).get("knownGood");
    return list.isEmpty() ? Json.mapper().createObjectNode() : list.get(0);
  }

  static JsonNode isolationOf(Http http, String prefix) throws Exception {
    var r = http.get("/api/v1/isolations?state=all");
    for (JsonNode i : Json.mapper().readTree(r.body()).get("isolations")) {
      if (prefix.equals(i.path("target").path("prefix").asText())) return i;
    }
    return null;
  }

  static void send(DatagramSocket s, ServerFixture f, String src, String dst, String sip)
      throws Exception {
    SipMessage m = (SipMessage) SipFramer.frame(sip.getBytes(StandardCharsets.UTF_8));
    long micros = System.currentTimeMillis() * 1000;
    byte[] hep =
        HepEncoder.encode(
            new SipEvent(
                micros,
                IpAddress.parse(src),
                5060,
                IpAddress.parse(dst),
                5060,
                Transport.UDP,
                0,
                m));
    s.send(new DatagramPacket(hep, hep.length, InetAddress.getLoopbackAddress(), f.hepPort()));
  }

  static String req(String method, String user, String cid, int cseq, String toTag, String nonce) {
    return method
        + " sip:"
        + user
        + "@"
        + PBX
        + " SIP/2.0\r\nVia: SIP/2.0/UDP "
        + PHONE
        + ":5060;branch=z9hG4bK"
        + cid
        + cseq
        + "\r\nFrom: <sip:1001@"
        + PBX
        + ">;tag=f"
        + cid
        + "\r\nTo: <sip:"
        + user
        + "@"
        + PBX
        + ">"
        + toTag
        + "\r\nCall-ID: "
        + cid
        + "\r\nCSeq: "
        + cseq
        + " "
        + method
        + "\r\nUser-Agent: friendly-scanner\r\n"
        + (nonce.isEmpty()
            ? ""
            : "Authorization: Digest username=\"1001\", realm=\"acme\", nonce=\""
                + nonce
                + "\", uri=\"sip:"
                + PBX
                + "\", response=\"0123\"\r\n")
        + "Content-Length: 0\r\n\r\n";
  }

  static String resp(int code, String method, String cid, int cseq, String nonce) {
    return "SIP/2.0 "
        + code
        + " X\r\nVia: SIP/2.0/UDP "
        + PHONE
        + ":5060;branch=z9hG4bK"
        + cid
        + cseq
        + "\r\nFrom: <sip:1001@"
        + PBX
        + ">;tag=f"
        + cid
        + "\r\nTo: <sip:x@"
        + PBX
        + ">;tag=t"
        + cid
        + "\r\nCall-ID: "
        + cid
        + "\r\nCSeq: "
        + cseq
        + " "
        + method
        + "\r\n"
        + (nonce == null
            ? ""
            : "WWW-Authenticate: Digest realm=\"acme\", nonce=\"" + nonce + "\"\r\n")
        + "Content-Length: 0\r\n\r\n";
  }
}
