package dev.vigie.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.inventory.Inventory;
import dev.vigie.server.Http;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.cli.Cli;
import dev.vigie.server.config.CdrConfig;
import dev.vigie.server.config.ServeConfig;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, "HEP is an authenticated input": HEP listens on 127.0.0.1 by default; {@code serve}
 * refuses to listen elsewhere with neither an auth key nor an allow-list (exit 2, one line naming
 * the keys, nothing written); the CDR socket likewise; and with allow-lists configured, a HEP
 * sender or a 3CX connection from another address is refused and counted in /metrics.
 */
@Timeout(120)
class SecurityIngestExposureTest {
  @TempDir Path dir;

  private Cli serve(String yaml) throws Exception {
    Path cfg = dir.resolve("vigie.yaml");
    Files.writeString(cfg, yaml);
    return Cli.run(
        "serve",
        "--config",
        cfg.toString(),
        "--data",
        dir.resolve("data").toString(),
        "--http",
        "127.0.0.1:0",
        "--hep-port",
        "0");
  }

  @Test
  void hepAndCdrListenOnLoopbackByDefault() {
    ServeConfig defaults = ServeConfig.defaults();
    assertThat(defaults.hepHost()).isEqualTo("127.0.0.1");
    assertThat(CdrConfig.from(defaults, Inventory.empty()).host()).isEqualTo("127.0.0.1");
  }

  @Test
  void anExposedHepListenerWithoutAuthIsRefusedBeforeAnythingIsWritten() throws Exception {
    Cli r = serve("server:\n  hep:\n    host: 0.0.0.0\n");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err())
        .contains("HEP would listen on 0.0.0.0 without authentication")
        .contains("server.hep.authKey")
        .contains("VIGIE_HEP_AUTH_KEY")
        .contains("server.hep.allow")
        .doesNotContain("Exception");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void anExposedCdrSocketWithoutAnAllowListIsRefused() throws Exception {
    Cli r = serve("server:\n  cdrPort: " + Live.freePort() + "\n  cdr:\n    host: 0.0.0.0\n");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("server.cdr.allow").doesNotContain("Exception");
    Cli bad = serve("server:\n  hep:\n    host: 0.0.0.0\n    allow: [10.0.0.0/33]\n");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("server.hep.allow").contains("10.0.0.0/33");
  }

  @Test
  void sendersOutsideTheAllowListsAreRefusedAndCounted() throws Exception {
    int cdrPort = Live.freePort();
    String yaml =
        Live.inventoryYaml()
            + "\nserver:\n  cdrPort: "
            + cdrPort
            + "\n  hep:\n    allow: [127.0.0.2/32]\n  cdr:\n    allow: [127.0.0.2]\n";
    try (ServerFixture f = ServerFixture.start(dir, yaml)) {
      Http http = f.http();
      byte[] junk = "HEP3 not even decoded".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
        for (int i = 0; i < 20; i++)
          s.send(
              new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), f.hepPort()));
      }
      assertThat(Live.await(5000, () -> Live.metric(http, "vigie_ingest_rejected_total") == 20))
          .isTrue();
      // rejected before decoding: not even counted as malformed
      assertThat(Live.metric(http, "vigie_ingest_malformed_total")).isZero();
      assertThat(Live.metric(http, "vigie_ingest_received_total")).isZero();
      try (Socket c = new Socket()) {
        c.bind(new InetSocketAddress("127.0.0.1", 0));
        c.connect(new InetSocketAddress("127.0.0.1", cdrPort));
        c.setSoTimeout(10_000);
        InputStream in = c.getInputStream();
        assertThat(in.read()).isEqualTo(-1);
      }
      assertThat(Live.metric(http, "vigie_cdr_connections_not_allowed_total")).isEqualTo(1);
      try (Socket c = new Socket()) {
        c.bind(new InetSocketAddress("127.0.0.2", 0));
        c.connect(new InetSocketAddress("127.0.0.1", cdrPort));
        assertThat(Live.await(5000, () -> Live.metric(http, "vigie_cdr_connections_total") == 1))
            .isTrue();
      }
      // every loss has its counter
      String metrics = http.get("/metrics").body();
      assertThat(metrics)
          .contains("vigie_ingest_kernel_drops_total")
          .contains("vigie_ingest_up 1.0")
          .contains("vigie_detect_failures_total")
          .contains("vigie_ingest_queue_bytes")
          .contains("vigie_hep_tcp_refused_total");
    }
  }
}
