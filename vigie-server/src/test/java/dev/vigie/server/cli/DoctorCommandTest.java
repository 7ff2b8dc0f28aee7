package dev.vigie.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigie doctor}: one line per check, exit 0/1, against real peers (GreenMail SMTP, the
 * Debian Prometheus server) and real failures (a port held by another program, closed ports, a data
 * directory that is a file, a missing nft).
 */
class DoctorCommandTest {
  @TempDir Path tmp;

  private Path config(String yaml) throws IOException {
    Path f = tmp.resolve("vigie.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void aBadConfigurationIsOneFailLineAndExit1() throws Exception {
    Cli r = Cli.run("doctor", "--config", config("server: {hepPort: 70000}\n").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("FAIL  config").contains("server.hepPort").contains("70000");
    assertThat(r.out().lines()).hasSize(1);
  }

  @Test
  void everyCheckPassesAgainstRealSmtpAndPrometheus() throws Exception {
    GreenMail smtp =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    try {
      // the run's shared Prometheus (one per test JVM, see RealPrometheus)
      String promUrl = dev.vigie.server.pressure.RealPrometheus.shared().url().toString();
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> healthy(promUrl));
      Path data = Files.createDirectories(tmp.resolve("data"));
      Path cfg =
          config(
              "server: {http: '127.0.0.1:0', hepPort: 0}\n"
                  + "notifications:\n  smtp: {host: 127.0.0.1, port: "
                  + smtp.getSmtp().getPort()
                  + ", security: NONE, from: noc@example.net}\n"
                  + "prometheus: {url: '"
                  + promUrl
                  + "'}\n"
                  + "machines:\n  - id: pbx-acme\n    addresses: [10.0.1.15]\n    pressure:\n"
                  + "      writeIops: {query: 'up{machine=\"{machine}\"}', threshold: 4000}\n"
                  + "      cpuSteal: {query: 'vector(3)', threshold: 20}\n");
      Cli r = Cli.run("doctor", "--config", cfg.toString(), "--data", data.toString());
      assertThat(r.exit()).as(r.out()).isZero();
      assertThat(r.out())
          .contains("ok    config")
          .contains("ok    smtp        127.0.0.1:" + smtp.getSmtp().getPort() + " answers EHLO")
          .contains("ok    prometheus  " + promUrl + " healthy; 2 platform metric queries answered")
          .contains("ok    data        " + data.toAbsolutePath() + " writable")
          .contains("ok    clock")
          .contains("skip  nftables")
          .contains("skip  postgresql")
          .doesNotContain("FAIL");
      assertThat(smtp.getReceivedMessages()).isEmpty(); // EHLO only, no mail
    } finally {
      smtp.stop();
    }
  }

  @Test
  void aPlatformMetricQueryPrometheusRefusesIsAFailNamingTheMetric() throws Exception {
    String promUrl = dev.vigie.server.pressure.RealPrometheus.shared().url().toString();
    Path cfg =
        config(
            "server: {http: '127.0.0.1:0', hepPort: 0}\n"
                + "prometheus: {url: '"
                + promUrl
                + "'}\n"
                + "machines:\n  - id: pbx-acme\n    addresses: [10.0.1.15]\n    pressure:\n"
                + "      writeIops: {query: 'rate(', threshold: 4000}\n");
    Cli r =
        Cli.run(
            "doctor",
            "--config",
            cfg.toString(),
            "--data",
            Files.createDirectories(tmp.resolve("d")).toString());
    assertThat(r.exit()).as(r.out()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "FAIL  prometheus  "
                + promUrl
                + " healthy but machines[pbx-acme].pressure.writeIops: query 'rate(' refused");
  }

  private static boolean healthy(String url) {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create(url + "/-/healthy").toURL().openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(1000);
      return c.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void eachProblemIsNamedOnItsLineAndTheExitIs1() throws Exception {
    try (ServerSocket held = new ServerSocket(0)) {
      Path notADir = Files.writeString(tmp.resolve("data-file"), "x");
      int closed = closedPort();
      Path cfg =
          config(
              "server: {http: '127.0.0.1:"
                  + held.getLocalPort()
                  + "', hepPort: 0}\n"
                  + "database: {url: 'jdbc:postgresql://127.0.0.1:"
                  + closed
                  + "/vigie', user: vigie}\n"
                  + "notifications:\n  smtp: {host: 127.0.0.1, port: "
                  + closed
                  + ", from: noc@example.net}\n"
                  + "prometheus: {url: 'http://127.0.0.1:"
                  + closed
                  + "'}\n"
                  + "containment:\n  nftables: {enabled: true, nft: /nonexistent/nft}\n");
      Cli r =
          Cli.run(
              "doctor",
              "--config",
              cfg.toString(),
              "--data",
              notADir.toString(),
              "--timeout",
              "PT2S");
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.out())
          .contains(
              "FAIL  http        127.0.0.1:"
                  + held.getLocalPort()
                  + " is in use by another program")
          .contains("FAIL  postgresql  jdbc:postgresql://127.0.0.1:" + closed + "/vigie")
          .contains("FAIL  smtp        127.0.0.1:" + closed + " unreachable")
          .contains("FAIL  prometheus  http://127.0.0.1:" + closed + " unreachable")
          .contains("FAIL  nftables    /nonexistent/nft not found")
          .contains("FAIL  data        " + notADir.toAbsolutePath() + " is not a directory")
          .contains("ok    clock");
      for (String line : r.out().lines().toList())
        assertThat(line).matches("(ok|skip|FAIL) +[a-z]+ +.+");
    }
  }

  @Test
  void tellsTheUnitHelperWhetherNftablesIsConfigured() throws Exception {
    Cli on =
        Cli.run(
            "doctor",
            "--nftables-enabled",
            "--config",
            config("containment: {nftables: {enabled: true}}\n").toString());
    assertThat(on.out().strip()).isEqualTo("true");
    Cli off = Cli.run("doctor", "--nftables-enabled", "--config", config("{}\n").toString());
    assertThat(off.out().strip()).isEqualTo("false");
  }
}
