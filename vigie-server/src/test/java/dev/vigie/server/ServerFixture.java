package dev.vigie.server;

import dev.vigie.server.config.ServeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

/**
 * A whole {@code vigie serve} started in-process for a test: H2 in a temporary folder, HTTP and HEP
 * on free loopback ports, an admin token. The configuration YAML is the test's (or empty).
 */
public final class ServerFixture implements AutoCloseable {
  public static final String TOKEN = "test-admin-token-0123456789";
  private final VigieServer server;
  private final Path dir;

  private ServerFixture(VigieServer server, Path dir) {
    this.server = server;
    this.dir = dir;
  }

  public static ServerFixture start(Path dir, String yaml) throws Exception {
    return start(dir, yaml, InstantSource.system());
  }

  public static ServerFixture start(Path dir, String yaml, InstantSource clock) throws Exception {
    return start(dir, yaml, clock, Map.of("VIGIE_API_TOKEN", TOKEN));
  }

  /** With the test's own environment ({@code VIGIE_API_TOKEN}, ...). */
  public static ServerFixture start(
      Path dir, String yaml, InstantSource clock, Map<String, String> env) throws Exception {
    Files.createDirectories(dir);
    Path cfgFile = dir.resolve("vigie.yaml");
    Files.writeString(cfgFile, yaml == null ? "" : yaml);
    ServeConfig cfg =
        ServeConfig.load(cfgFile, Map.of())
            .withOverrides("127.0.0.1:0", 0, dir.resolve("data"), false);
    cfg = withHepHost(cfg);
    return new ServerFixture(VigieServer.start(cfg, env, clock), dir);
  }

  /** A YAML file's text with a catalogue/inventory example prepended. */
  public static String fileText(Path p) throws IOException {
    return Files.readString(p);
  }

  private static ServeConfig withHepHost(ServeConfig c) {
    return new ServeConfig(
        c.httpHost(),
        c.httpPort(),
        "127.0.0.1",
        c.hepPort(),
        c.hepAuthKey(),
        c.hepCaptureIds(),
        c.hepReceiveBufferBytes(),
        c.cdrPort(),
        c.dataDir(),
        c.databaseUrl(),
        c.databaseUser(),
        c.databasePassword(),
        c.dryRun(),
        c.zone(),
        c.companyName(),
        c.companyAddress(),
        c.root());
  }

  public Http http() {
    return new Http("http://127.0.0.1:" + server.httpPort(), TOKEN);
  }

  public Http anonymous() {
    return new Http("http://127.0.0.1:" + server.httpPort(), null);
  }

  public int hepPort() {
    return server.hepPort();
  }

  public VigieServer server() {
    return server;
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    server.close();
  }
}
