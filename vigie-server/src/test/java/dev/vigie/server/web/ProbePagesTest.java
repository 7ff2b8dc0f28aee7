package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.ServerFixture;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's "check every client proxy now" button: one click probes every target, audited. */
class ProbePagesTest {
  @TempDir Path dir;

  @Test
  void oneClickProbesEveryTargetAndShowsTheChecklist() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getByName("127.0.0.56"))) {
      String yaml =
          "probes:\n"
              + "  - {id: proxy-acme, component: proxy-acme, host: 127.0.0.56, port: "
              + silent.getLocalPort()
              + ", interval: 1h, timeout: 300ms}\n"
              + "  - {id: proxy-globex, component: proxy-globex, host: 127.0.0.57, port: 5099, interval: 1h, timeout: 300ms}\n";
      try (ServerFixture s = ServerFixture.start(dir, yaml)) {
        String base = "http://127.0.0.1:" + s.server().httpPort();
        String password = Files.readString(dir.resolve("data/admin-password.txt")).strip();
        ConsoleClient c = new ConsoleClient(base);
        assertThat(c.signIn("admin", password).statusCode()).isEqualTo(302);
        var page = c.get("/console/probes");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
            .contains("proxy-acme")
            .contains("Tester tous les proxys clients maintenant");
        var checked = c.post("/console/probes/check", Map.of());
        assertThat(checked.statusCode()).isEqualTo(200);
        assertThat(checked.body())
            .contains("Vérification terminée")
            .contains("proxy-globex")
            .contains("KO");
        assertThat(s.http().get("/api/v1/audit?limit=20").body()).contains("PROBES_CHECKED");
      }
    }
  }
}
