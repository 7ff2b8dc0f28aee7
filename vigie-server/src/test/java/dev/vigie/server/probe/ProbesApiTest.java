package dev.vigie.server.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.recovery.SippUas;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
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
  SippUas sipp;

  @AfterEach
  void stop() throws Exception {
    if (sipp != null) sipp.close();
  }

  @Test
  void checkAllProbesAHundredTargetsInUnderTenSeconds() throws Exception {
    sipp = SippUas.start(UAS_IP, UAS_PORT, tmp); // answers OPTIONS before the server starts
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
}
