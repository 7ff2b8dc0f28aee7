package dev.vigie.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.ServerFixture;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 3CX "active socket": a real TCP client writes CDR lines as 3CX does (a header row, then one
 * CDR per line) into a running serve; premium destinations raise TOLL_FRAUD on the machine the
 * configuration maps the client's address to; garbage is counted and never fatal.
 */
@Timeout(60)
class CdrListenerTest {
  private static final DateTimeFormatter T =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final String HEADER =
      "historyid,callid,duration,time-start,time-answered,time-end,reason-terminated,from-no,"
          + "to-no,from-dn,to-dn,dial-no\n";

  @TempDir Path dir;

  private static String line(int i, Instant start, String dialled) {
    return "%d,call-%d,00:10:00,%s,%s,%s,TerminatedBySrc,Ext.1002,%s,1002,,%s\n"
        .formatted(
            1000 + i,
            i,
            T.format(start),
            T.format(start.plusSeconds(1)),
            T.format(start.plusSeconds(600)),
            dialled,
            dialled);
  }

  @Test
  void premiumBurstOverTheSocketIsTollFraudAndGarbageIsCounted() throws Exception {
    int port = Live.freePort();
    String yaml =
        Live.inventoryYaml()
            + "\ntimezone: UTC\nserver:\n  cdrPort: "
            + port
            + "\n  cdr:\n    maxLineChars: 1024\n    machines: {\"127.0.0.1\": pbx-acme}\n";
    try (ServerFixture f = ServerFixture.start(dir, yaml)) {
      assertThat(f.server().cdrPort()).isEqualTo(port);
      var http = f.http();
      // a connection of pure garbage: closed by the peer, counted, the listener stays up
      try (Socket g = new Socket("127.0.0.1", port)) {
        OutputStream o = g.getOutputStream();
        o.write(new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, '\n', '"', 'x', '\n'});
        o.write("x".repeat(5000).getBytes(StandardCharsets.US_ASCII)); // no newline, too long
        o.flush();
      }
      assertThat(Live.await(5000, () -> Live.metric(http, "vigie_cdr_bad_lines_total") >= 3))
          .as("garbage lines counted")
          .isTrue();
      assertThat(Live.metric(http, "vigie_cdr_lines_too_long_total")).isEqualTo(1);

      Instant now = Instant.now().minusSeconds(2);
      try (Socket s = new Socket("127.0.0.1", port)) {
        OutputStream o = s.getOutputStream();
        StringBuilder lines = new StringBuilder(HEADER);
        lines.append(line(0, now, "0142000000")); // national: not counted
        lines.append("this is not a CDR\n"); // bad row amid good ones
        for (int i = 1; i <= 6; i++)
          lines.append(line(i, now.plusMillis(100 * i), "0088213400" + i));
        o.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        o.flush();
        boolean raised =
            Live.await(
                5000,
                () ->
                    Live.alerts(http).stream()
                        .anyMatch(a -> a.path("kind").asText().equals("TOLL_FRAUD")));
        assertThat(raised).as("TOLL_FRAUD within 5 s of the CDRs").isTrue();
      }
      List<JsonNode> toll =
          Live.alerts(http).stream()
              .filter(a -> a.path("kind").asText().equals("TOLL_FRAUD"))
              .toList();
      assertThat(toll)
          .singleElement()
          .satisfies(a -> {
            assertThat(a.path("machine").asText()).isEqualTo("pbx-acme");
            assertThat(a.path("evidence").path("extension").asText()).isEqualTo("1002");
          });
      assertThat(Live.metric(http, "vigie_cdr_received_total")).isEqualTo(7);
      assertThat(Live.metric(http, "vigie_cdr_bad_lines_total")).isGreaterThanOrEqualTo(4);
      assertThat(Live.metric(http, "vigie_cdr_connections_total")).isEqualTo(2);
      assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    }
  }
}
