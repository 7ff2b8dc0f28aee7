package dev.vigie.server.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigie.contain.Reason;
import dev.vigie.contain.ledger.AuditEntry;
import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.server.ServerFixture;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert and isolation triggers through the server's own alert path ({@code handleAlert}: the
 * alert stored, its incident opened, then paging told on the alert thread): SERVICE_DEGRADED on a
 * machine whose failure takes a critical service down pages; on a machine backed by its twin it
 * does not; an automatic isolation for a scan's alert pages, an operator's does not. Severity
 * triggers are off here, so only these can page.
 */
class PagingTriggersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void criticalServiceDegradationAndAutomaticIsolationsPage() throws Exception {
    var clock = new PagingEndToEndTest.Clock(Instant.parse("2024-09-23T05:40:00Z"));
    int smtp;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      smtp = s.getLocalPort();
    }
    try (Receiver receiver = new Receiver()) {
      String yaml =
          PagingYaml.config(receiver, smtp, "")
              .replace(
                  "    - severity: MAJOR\n",
                  "    - {alert: SERVICE_DEGRADED, criticalServices: true}\n"
                      + "    - isolation: automatic\n");
      try (ServerFixture s = ServerFixture.start(dir, yaml, clock)) {
        Instant t = clock.instant();
        // sbc-1 fails but sbc-2 carries the SIP edge: no critical service down, nobody woken
        s.server().handleAlert(alert("a1", AlertKind.SERVICE_DEGRADED, null, "sbc-1", t));
        // pbx-acme fails: Acme's telephony (critical) is down
        s.server().handleAlert(alert("a2", AlertKind.SERVICE_DEGRADED, null, "pbx-acme", t));
        await().atMost(Duration.ofSeconds(30)).until(() -> pages(s).size() == 1);
        JsonNode p = pages(s).get(0);
        assertThat(p.get("reason").asText()).isEqualTo("SERVICE_DEGRADED");
        assertThat(incidentKey(s, p.get("incidentId").asLong())).contains("pbx-acme");

        // a scan: an operator's isolation does not page, containment's own does
        Alert scan = alert("a3", AlertKind.SCAN, "198.51.100.7", null, t);
        s.server().handleAlert(scan);
        var paging = s.server().paging();
        paging.onContainment(
            new AuditEntry(t, Reason.ISOLATE, "iso-1", "a3", "198.51.100.7", "alice", "manual"));
        paging.onContainment(
            new AuditEntry(t, Reason.ASK_OPERATOR, "iso-1", "a3", "198.51.100.7", "auto", "ask"));
        await()
            .during(Duration.ofMillis(300))
            .atMost(Duration.ofSeconds(5))
            .until(() -> pages(s).size() == 1);
        paging.onContainment(
            new AuditEntry(
                t, Reason.ISOLATE_PROVEN, "iso-1", "a3", "198.51.100.7", "auto", "svwar"));
        await().atMost(Duration.ofSeconds(30)).until(() -> pages(s).size() == 2);
        assertThat(pages(s).get(0).get("reason").asText()).isEqualTo("ISOLATION");
        // the pages went out from the paging thread's work: SMS to Marie for both
        paging.tick();
        assertThat(receiver.to("/sms")).hasSize(2);
      }
    }
  }

  private static Alert alert(String id, AlertKind kind, String source, String machine, Instant t) {
    return new Alert(
        id, 1, kind, Severity.CRITICAL, source, machine, t, t, t, kind + " test", Map.of());
  }

  private static java.util.List<JsonNode> pages(ServerFixture s) throws Exception {
    var list = new java.util.ArrayList<JsonNode>();
    JSON.readTree(s.http().get("/api/v1/pages").body()).get("pages").forEach(list::add);
    return list;
  }

  private static String incidentKey(ServerFixture s, long id) throws Exception {
    return s.http().get("/api/v1/incidents/" + id).body();
  }
}
