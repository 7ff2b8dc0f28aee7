package dev.vigie.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.ServerFixture;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --demo}: the bundled captures load from the jar and raise alerts within a minute.
 */
class DemoFeederTest {
  @TempDir Path tmp;

  @Test
  void bundledScenariosLoad() throws Exception {
    var scenarios = DemoFeeder.load();
    assertThat(scenarios).hasSize(DemoFeeder.SCENARIOS.size());
    scenarios.forEach(s -> assertThat(s).hasSizeGreaterThan(100));
  }

  @Test
  void theDemoShowsAnAlertWithinAMinute() throws Exception {
    String yaml;
    try (InputStream in = DemoFeeder.class.getResourceAsStream("/demo/vigie-demo.yaml")) {
      yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    try (ServerFixture s = ServerFixture.start(tmp, yaml);
        DemoFeeder feeder = DemoFeeder.start(s.hepPort())) {
      Awaitility.await()
          .atMost(60, TimeUnit.SECONDS)
          .pollInterval(1, TimeUnit.SECONDS)
          .until(() -> s.http().get("/api/v1/alerts").body().contains("ENUMERATION"));
      assertThat(s.anonymous().get("/status").statusCode()).isEqualTo(200);
    }
  }
}
