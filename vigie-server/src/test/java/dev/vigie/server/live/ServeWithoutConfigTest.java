package dev.vigie.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.Http;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigie serve} with no configuration file, as a separate process in an empty working
 * directory: it starts, prints where it listens (the real ports when asked for port 0), answers
 * {@code /healthz}, keeps its data under {@code ./data}, and stops on SIGTERM.
 */
@Timeout(90)
class ServeWithoutConfigTest {
  @TempDir Path dir;

  @Test
  void startsWithNoConfigurationAndPrintsWhereItListens() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.vigie.server.Main",
                "serve",
                "--http",
                "127.0.0.1:0",
                "--hep-port",
                "0")
            .directory(dir.toFile())
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    try {
      StringBuilder out = new StringBuilder();
      int http = -1;
      int hep = -1;
      BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while (!out.toString().contains("  data ") && (line = r.readLine()) != null) {
        out.append(line).append('\n');
        Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(line);
        if (m.find()) http = Integer.parseInt(m.group(1));
        m = Pattern.compile("HEP\\s+udp\\+tcp 127\\.0\\.0\\.1:(\\d+)").matcher(line);
        if (m.find()) hep = Integer.parseInt(m.group(1));
      }
      assertThat(out.toString())
          .as("stderr: " + Files.readString(dir.resolve("stderr.txt")))
          .contains("Vigie is running")
          .contains(dir.resolve("data").toAbsolutePath().toString());
      assertThat(http).isPositive();
      assertThat(hep).isPositive();
      var health = new Http("http://127.0.0.1:" + http, null).get("/healthz");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("ok");
      assertThat(dir.resolve("data")).isDirectory();
    } finally {
      p.destroy();
      if (!p.waitFor(15, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    assertThat(p.exitValue()).as("stops on SIGTERM").isIn(0, 143);
  }
}
