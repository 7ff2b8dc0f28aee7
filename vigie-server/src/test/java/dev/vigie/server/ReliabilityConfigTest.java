package dev.vigie.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.cli.Cli;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration is checked before anything is written: {@code vigie serve} with a bad file, an
 * unusable data directory or a port in use exits 2 with one message naming the key, path or port
 * and protocol, and leaves the data directory untouched (no database, no admin password file).
 */
class ReliabilityConfigTest {
  @TempDir Path dir;

  private Cli serve(String yaml) throws IOException {
    return serve(yaml, "127.0.0.1:0", 0);
  }

  private Cli serve(String yaml, String http, int hepPort) throws IOException {
    Path cfg = dir.resolve("vigie.yaml");
    Files.writeString(cfg, yaml);
    return Cli.run(
        "serve",
        "--config",
        cfg.toString(),
        "--data",
        dir.resolve("data").toString(),
        "--http",
        http,
        "--hep-port",
        Integer.toString(hepPort));
  }

  private void nothingWritten() {
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void unknownKeysAreRefusedWithSuggestions() throws IOException {
    Cli r = serve("server:\n  htpp: 127.0.0.1:8081\n  hepPortt: 9061\ndatabse: {}\n");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("server.htpp: unknown key (did you mean server.http?)")
        .contains("server.hepPortt: unknown key (did you mean server.hepPort?)")
        .contains("databse: unknown key (did you mean database?)")
        .doesNotContain("Exception");
    nothingWritten();
  }

  @Test
  void yamlErrorsGiveLineAndColumn() throws IOException {
    Cli r = serve("server:\n  http: 127.0.0.1:8081\n   hepPort: [9060\n");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).containsPattern("vigie.yaml: line \\d+, column \\d+: not valid YAML");
    nothingWritten();
  }

  @Test
  void badValuesOfEverySectionAreReportedBeforeTheDatabaseIsCreated() throws IOException {
    Cli r =
        serve(
            "containment:\n  cap: {window: 0s}\nconsole: {secureCookies: maybe}\n"
                + "failover: {webhook: {url: 'not a url'}}\n");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("containment.cap.window")
        .contains("console.secureCookies")
        .contains("failover.webhook.url");
    nothingWritten();
  }

  @Test
  void aDataDirectoryThatIsAFileIsNamedWithTheReason() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    Cli r = Cli.run("serve", "--data", file.toString(), "--http", "127.0.0.1:0", "--hep-port", "0");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(file.toAbsolutePath().toString()).contains("is not a directory");
    Cli under =
        Cli.run(
            "serve",
            "--data",
            file.resolve("sub").toString(),
            "--http",
            "127.0.0.1:0",
            "--hep-port",
            "0");
    assertThat(under.exit()).isEqualTo(2);
    assertThat(under.err()).contains("cannot be created");
  }

  @Test
  void anHttpPortInUseIsNamedAndNothingIsWritten() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      Cli r = serve("", "127.0.0.1:" + port, 0);
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err())
          .contains("server.http (HTTP): cannot listen on 127.0.0.1:" + port + "/tcp")
          .contains("address already in use");
      nothingWritten();
    }
  }

  @Test
  void aHepPortInUseNamesPortAndProtocol() throws IOException {
    try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Cli r = serve("server: {hep: {host: 127.0.0.1}}\n", "127.0.0.1:0", port);
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err())
          .contains("server.hepPort (HEP): cannot listen on 127.0.0.1:" + port + "/udp")
          .contains("address already in use");
      nothingWritten();
    }
  }

  /** A port taken between the preflight and the real bind is named the same way. */
  @Test
  void aHepPortTakenAfterThePreflightIsStillNamed() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Path cfgFile =
          Files.writeString(dir.resolve("race.yaml"), "server: {hep: {host: 127.0.0.1}}\n");
      dev.vigie.server.config.ServeConfig cfg =
          dev.vigie.server.config.ServeConfig.load(cfgFile, java.util.Map.of())
              .withOverrides("127.0.0.1:0", port, dir.resolve("race-data"), true);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> VigieServer.start(cfg, java.util.Map.of(), java.time.InstantSource.system()))
          .isInstanceOf(dev.vigie.server.config.ConfigException.class)
          .hasMessageContaining("server.hepPort (HEP): cannot listen on 127.0.0.1:" + port);
    }
  }

  /** Every key of the checked sections is documented, and every documented one is known. */
  @Test
  void knownKeysAndDocsAgree() throws IOException {
    String doc = Files.readString(Path.of("../docs/configuration.md"));
    Matcher m = Pattern.compile("^\\| `([a-zA-Z.]+)`", Pattern.MULTILINE).matcher(doc);
    TreeSet<String> documented = new TreeSet<>();
    while (m.find()) documented.add(m.group(1));
    TreeSet<String> known = new TreeSet<>();
    dev.vigie.server.config.KnownKeys.sections()
        .forEach((section, keys) -> {
          for (String k : keys) {
            String path = section.isEmpty() ? k : section + "." + k;
            known.add(path);
            boolean isSection = dev.vigie.server.config.KnownKeys.sections().containsKey(path);
            boolean topLevelOfAnotherStage = section.isEmpty();
            if (!isSection && !topLevelOfAnotherStage) {
              assertThat(documented).as("docs/configuration.md documents %s", path).contains(path);
            }
          }
        });
    for (String d : documented) {
      String section = d.contains(".") ? d.substring(0, d.lastIndexOf('.')) : "";
      if (dev.vigie.server.config.KnownKeys.sections().containsKey(section)) {
        assertThat(known).as("KnownKeys knows the documented %s", d).contains(d);
      }
    }
  }
}
