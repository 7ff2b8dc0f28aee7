package dev.vigie.server.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Check every client proxy now" through the API against a real SIPp UAS answering OPTIONS, silent
 * sockets and closed ports: a hundred targets in one call, under ten seconds.
 */
class ProbesApiTest {
  static final String UAS_IP = "127.0.0.52";
  static final int UAS_PORT = 5091;
  @TempDir Path tmp;
  Process sipp;

  @AfterEach
  void stop() throws Exception {
    if (sipp != null) {
      sipp.destroy();
      if (!sipp.waitFor(5, TimeUnit.SECONDS)) sipp.destroyForcibly();
    }
  }

  @Test
  void checkAllProbesAHundredTargetsInUnderTenSeconds() throws Exception {
    Path scenario = Path.of("src/test/resources/sipp/options-200.xml").toAbsolutePath();
    sipp =
        new ProcessBuilder(
                "sipp",
                "-sf",
                scenario.toString(),
                "-i",
                UAS_IP,
                "-p",
                Integer.toString(UAS_PORT),
                "-nostdin")
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("sipp.log").toFile())
            .start();
    StringBuilder yaml = new StringBuilder("probes:\n");
    for (int i = 0; i < 70; i++) {
      yaml.append("  - {id: proxy-")
          .append(i)
          .append(", component: proxy-")
          .append(i % 10)
          .append(", host: ")
          .append(UAS_IP)
          .append(", port: ")
          .append(UAS_PORT)
          .append(", interval: 1h}\n");
    }
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getByName("127.0.0.53"))) {
      for (int i = 0; i < 20; i++) {
        yaml.append("  - {id: silent-")
            .append(i)
            .append(", component: silent, host: 127.0.0.53, port: ")
            .append(silent.getLocalPort())
            .append(", interval: 1h, timeout: 3s}\n");
      }
      for (int i = 0; i < 10; i++) {
        yaml.append("  - {id: closed-")
            .append(i)
            .append(", component: closed, host: 127.0.0.54, port: 5099, interval: 1h}\n");
      }
      try (ServerFixture s = ServerFixture.start(tmp.resolve("srv"), yaml.toString())) {
        Awaitility.await()
            .atMost(10, TimeUnit.SECONDS)
            .until(() -> Files.readString(tmp.resolve("sipp.log")).length() >= 0 && udpAnswers());
        long t0 = System.nanoTime();
        var r = s.http().post("/api/v1/probes/check", "");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode j = Json.mapper().readTree(r.body());
        assertThat(j.get("items")).hasSize(100);
        assertThat(j.get("up").asInt()).isEqualTo(70);
        assertThat(j.get("failed").asInt()).isEqualTo(30);
        assertThat(ms).as("checkAll of 100 targets took %d ms", ms).isLessThan(10_000);
        System.out.printf("checkAll of 100 targets: %d ms over HTTP%n", ms);

        JsonNode view = Json.mapper().readTree(s.http().get("/api/v1/probes").body());
        assertThat(view.get("probes")).hasSize(100);
        assertThat(view.toString()).doesNotContain("password");
        var one = s.http().post("/api/v1/probes/check?component=proxy-3", "");
        assertThat(Json.mapper().readTree(one.body()).get("items")).hasSize(7);
      }
    }
  }

  @Test
  void badProbeConfigurationNamesTheKey() {
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.vigie.server.config.ConfigException.class,
            () ->
                ServerFixture.start(
                    tmp.resolve("bad"),
                    "probes:\n  - {id: p1, host: 127.0.0.1, port: 70000, transport: sctp}\n"));
    assertThat(e.getMessage())
        .contains("probes[0].port")
        .contains("70000")
        .contains("probes[0].transport");
  }

  private static boolean udpAnswers() {
    try (DatagramSocket d = new DatagramSocket()) {
      d.setSoTimeout(300);
      String opt =
          "OPTIONS sip:"
              + UAS_IP
              + ":"
              + UAS_PORT
              + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:"
              + d.getLocalPort()
              + ";branch=z9hG4bKwarm\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\nTo: <sip:"
              + UAS_IP
              + ">\r\nCall-ID: warm@t\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
      byte[] b = opt.getBytes();
      d.send(new java.net.DatagramPacket(b, b.length, InetAddress.getByName(UAS_IP), UAS_PORT));
      d.receive(new java.net.DatagramPacket(new byte[4096], 4096));
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
