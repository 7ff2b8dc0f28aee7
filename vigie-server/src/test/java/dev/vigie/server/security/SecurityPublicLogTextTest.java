package dev.vigie.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.LogText;
import dev.vigie.server.ServerFixture;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, logs: text from the network never forges a log line nor drives the operator's terminal.
 * {@link LogText} escapes controls, ANSI escapes, separators, bidi overrides and lone surrogates;
 * end to end, a CDR line whose field holds an ANSI escape and a bell reaches the log escaped (a
 * real server, a real TCP connection to its CDR socket, the real log output).
 */
class SecurityPublicLogTextTest {
  @TempDir Path dir;

  @Test
  void controlCharactersAreEscaped() {
    assertThat(LogText.safe("a\nFAKE 12:00 INFO admin signed in"))
        .isEqualTo("a\\nFAKE 12:00 INFO admin signed in");
    assertThat(LogText.safe("\u001b[2J\u0007\r\t")).isEqualTo("\\u001b[2J\\u0007\\r\\t");
    assertThat(LogText.safe("\u202Eevil\u2028\uD800")).isEqualTo("\\u202eevil\\u2028\\ud800");
    assertThat(LogText.safe("déjà 😀 \\n")).isEqualTo("déjà 😀 \\\\n");
    assertThat(LogText.safe(null)).isEqualTo("null");
    String clean = "SIP scan from 198.51.100.7";
    assertThat(LogText.safe(clean)).isEqualTo(clean);
    assertThat(LogText.safe("x".repeat(5000))).hasSizeLessThan(2100).endsWith("(5000 chars)");
  }

  @Test
  void aHostileCdrFieldReachesTheLogEscaped() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String yaml =
        Files.readString(Path.of("../testdata/inventory.yaml"))
            + "\ntimezone: UTC\nserver:\n  cdrPort: "
            + port
            + "\n  cdr:\n    machines: {\"127.0.0.1\": pbx-acme}\n";
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (ServerFixture f = ServerFixture.start(dir, yaml)) {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try (Socket c = new Socket("127.0.0.1", port)) {
        OutputStream o = c.getOutputStream();
        o.write(
            ("historyid,callid,duration,time-start,time-answered,time-end,reason-terminated,"
                    + "from-no,to-no,from-dn,to-dn,dial-no\n"
                    + "1,c1,00:00:10,\u001b[2J\u0007FORGED,x,y,TerminatedBySrc,1,2,1,,2\n")
                .getBytes(StandardCharsets.UTF_8));
        o.flush();
        Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> captured.toString(StandardCharsets.UTF_8).contains("FORGED"));
      }
    } finally {
      System.setErr(err);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    String line = log.lines().filter(l -> l.contains("FORGED")).findFirst().orElseThrow();
    assertThat(line).contains("\\u001b[2J\\u0007FORGED");
    assertThat(log).doesNotContain("\u001b").doesNotContain("\u0007");
  }
}
