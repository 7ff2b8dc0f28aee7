package dev.vigie.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.ServerFixture;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with real peers: Kamailio from {@code lab/kamailio.cfg} mirrors every SIP message as
 * HEP v3 (siptrace) to a running serve; SIPp registers a phone (innocent), then SIPVicious svwar
 * enumerates extensions from 127.0.0.66. The ENUMERATION alert naming 127.0.0.66 must be in {@code
 * GET /api/v1/alerts} within 5 s of svwar's first packet. Kamailio runs on a free port of 127.0.0.1
 * (a copy of the cfg with its listen/alias port rewritten), with its own run directory and ctl
 * socket, so it does not clash with a lab or another test on 5060.
 */
@Timeout(120)
class KamailioEndToEndTest {
  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopProcesses() throws InterruptedException {
    for (Process p : processes.reversed()) {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  private Process start(Path log, String... cmd) throws IOException {
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .directory(dir.toFile())
              .start();
      processes.add(p);
      return p;
    } catch (IOException e) {
      throw new IOException(cmd[0] + " cannot be started (is it installed?): " + e.getMessage(), e);
    }
  }

  private Process kamailio(int sipPort, int hepPort) throws Exception {
    Path repo = Live.repo();
    Path run = Files.createDirectories(dir.resolve("kam-run"));
    String cfg =
        Files.readString(repo.resolve("lab/kamailio.cfg"))
            .replace("127.0.0.1:5060", "127.0.0.1:" + sipPort)
            .replace("[::1]:5060", "[::1]:" + sipPort);
    Path cfgFile = dir.resolve("kamailio.cfg");
    Files.writeString(cfgFile, cfg);
    Process k =
        start(
            dir.resolve("kamailio.log"),
            "kamailio",
            "-f",
            cfgFile.toString(),
            "-DD",
            "-E",
            "-Y",
            run.toString(),
            "-m",
            "64",
            "-M",
            "8",
            "-A",
            "CTL_SOCK=\"unix:" + run.resolve("ctl") + "\"",
            "-A",
            "HEP_DST=\"sip:127.0.0.1:" + hepPort + "\"");
    // ready when it answers an OPTIONS (bounded)
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      s.setSoTimeout(300);
      for (int i = 0; i < 30; i++) {
        if (!k.isAlive()) fail("kamailio exited: " + Files.readString(dir.resolve("kamailio.log")));
        byte[] req = options(sipPort, s.getLocalPort(), i).getBytes(StandardCharsets.US_ASCII);
        s.send(new DatagramPacket(req, req.length, InetAddress.getByName("127.0.0.1"), sipPort));
        try {
          DatagramPacket resp = new DatagramPacket(new byte[4096], 4096);
          s.receive(resp);
          return k;
        } catch (SocketTimeoutException e) {
          // not up yet
        }
      }
    }
    fail(
        "kamailio did not answer on 127.0.0.1:"
            + sipPort
            + ": "
            + Files.readString(dir.resolve("kamailio.log")));
    return k;
  }

  private static String options(int port, int localPort, int seq) {
    return "OPTIONS sip:127.0.0.1:"
        + port
        + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:"
        + localPort
        + ";branch=z9hG4bK-ready-"
        + seq
        + "\r\n"
        + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=r"
        + seq
        + "\r\n"
        + "To: <sip:127.0.0.1>\r\nCall-ID: ready-"
        + seq
        + "@vigie-test\r\nCSeq: "
        + (seq + 1)
        + " OPTIONS\r\nContent-Length: 0\r\n\r\n";
  }

  @Test
  void svwarThroughKamailioIsAnEnumerationAlertWithinFiveSeconds() throws Exception {
    Path repo = Live.repo();
    try (ServerFixture f = ServerFixture.start(dir.resolve("vigie"), Live.inventoryYaml())) {
      int sipPort = Live.freePort();
      kamailio(sipPort, f.hepPort());
      var http = f.http();

      // innocent traffic: phone 127.0.0.2 registers its users (401 then 200) with SIPp
      Process sipp =
          start(
              dir.resolve("sipp.log"),
              "timeout",
              "30",
              "sipp",
              "127.0.0.1:" + sipPort,
              "-sf",
              repo.resolve("lab/sipp/register.xml").toString(),
              "-inf",
              repo.resolve("lab/sipp/users.csv").toString(),
              "-key",
              "ua",
              "Yealink SIP-T46S 66.86.0.15",
              "-i",
              "127.0.0.2",
              "-p",
              "5063",
              "-m",
              "6",
              "-r",
              "3",
              "-nostdin");
      assertThat(sipp.waitFor(40, TimeUnit.SECONDS)).isTrue();
      assertThat(sipp.exitValue())
          .as("sipp: " + Files.readString(dir.resolve("sipp.log")))
          .isZero();
      assertThat(Live.await(5000, () -> Live.metric(http, "vigie_ingest_sip_messages_total") >= 24))
          .as("Kamailio mirrors the registrations as HEP")
          .isTrue();

      // the attack: svwar from 127.0.0.66 (never -A/-R)
      Instant launched = Instant.now();
      Process svwar =
          start(
              dir.resolve("svwar.log"),
              "timeout",
              "30",
              "python3",
              repo.resolve("lab/tools/svbind.py").toString(),
              "127.0.0.66",
              "svwar",
              "-e",
              "100-199,1000-1010",
              "-p",
              Integer.toString(sipPort),
              "127.0.0.1");
      JsonNode alert = null;
      Instant seen = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (alert == null && System.nanoTime() < deadline) {
        for (JsonNode a : Live.alerts(http))
          if (a.path("kind").asText().equals("ENUMERATION")
              && a.path("source").asText().equals("127.0.0.66")) {
            alert = a;
            seen = Instant.now();
          }
        if (alert == null) Thread.sleep(100);
      }
      assertThat(alert).as("ENUMERATION from 127.0.0.66 in GET /alerts").isNotNull();
      Instant first = Instant.parse(alert.path("firstSeen").asText());
      Duration latency = Duration.between(first, seen);
      System.out.printf(
          "svwar -> alert: %d ms after svwar's first packet reached Vigie (%d ms after launch)%n",
          latency.toMillis(), Duration.between(launched, seen).toMillis());
      assertThat(first).isAfterOrEqualTo(launched.minusMillis(100));
      assertThat(latency).isLessThanOrEqualTo(Duration.ofSeconds(5));
      svwar.waitFor(30, TimeUnit.SECONDS);

      Thread.sleep(2000);
      for (JsonNode a : Live.alerts(http)) {
        assertThat(a.path("source").asText())
            .as("no alert names the phone: " + a)
            .isNotIn("127.0.0.2", "127.0.0.1");
      }
    }
  }
}
