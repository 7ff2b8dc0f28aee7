package dev.vigie.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigie.server.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Settings of {@code vigie serve}, immutable and validated at load. Every key, its default and its
 * meaning are in docs/configuration.md. The same YAML file may also hold the inventory ({@code
 * machines}, {@code protected}) and the catalogue, read by their own loaders from {@link #root()}.
 */
public record ServeConfig(
    String httpHost,
    int httpPort,
    String hepHost,
    int hepPort,
    String hepAuthKey,
    List<Integer> hepCaptureIds,
    int hepReceiveBufferBytes,
    int cdrPort,
    Path dataDir,
    String databaseUrl,
    String databaseUser,
    String databasePassword,
    boolean dryRun,
    ZoneId zone,
    String companyName,
    String companyAddress,
    JsonNode root) {

  static final Duration DEFAULT_DB_TIMEOUT = Duration.ofSeconds(3);

  /** Defaults: everything on loopback or standard ports, H2 under ./data. */
  public static ServeConfig defaults() {
    return from(JsonNodeFactory.instance.objectNode(), "defaults", Map.of());
  }

  /**
   * Loads a YAML file.
   *
   * @throws ConfigException naming the file and every bad key, or why the file cannot be read
   */
  public static ServeConfig load(Path file, Map<String, String> env) {
    JsonNode root;
    try {
      root = Json.yaml().readTree(Files.readString(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      var at = e.getLocation();
      throw new ConfigException(
          file
              + (at != null && at.getLineNr() > 0
                  ? ": line " + at.getLineNr() + ", column " + at.getColumnNr()
                  : "")
              + ": not valid YAML: "
              + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + firstLine(e.getMessage()));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = JsonNodeFactory.instance.objectNode();
    }
    if (!root.isObject()) throw new ConfigException(file + ": the top level must be a mapping");
    return from(root, file.toString(), env);
  }

  static ServeConfig from(JsonNode rootNode, String source, Map<String, String> env) {
    Node root = Node.root(rootNode);
    KnownKeys.check(rootNode, root.problems());
    Node server = root.get("server");
    String[] http = hostPort(server, "http", "127.0.0.1:8080");
    Node hep = server.get("hep");
    Node db = root.get("database");
    Node company = root.get("company");
    Path data = Path.of(server.string("dataDir", "data"));
    String dbUrl = db.string("url", null);
    if (dbUrl == null) {
      dbUrl = "jdbc:h2:file:" + data.toAbsolutePath().resolve("vigie") + ";MODE=PostgreSQL";
    } else if (!dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
      root.problem("database.url", "'" + dbUrl + "' is neither jdbc:h2: nor jdbc:postgresql:");
    }
    Duration timeout = db.duration("connectionTimeout", DEFAULT_DB_TIMEOUT);
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
      db.problem("connectionTimeout", "'" + timeout + "' must be between 1ms and 5m");
    }
    List<Integer> captureIds = new ArrayList<>();
    for (String s : hep.strings("allowedCaptureIds")) {
      try {
        captureIds.add(Integer.parseInt(s));
      } catch (NumberFormatException e) {
        hep.problem("allowedCaptureIds", "'" + s + "' is not a capture id (an integer)");
      }
    }
    ServeConfig cfg =
        new ServeConfig(
            http[0],
            Integer.parseInt(http[1]),
            hep.string("host", "127.0.0.1"),
            server.integer("hepPort", 9060, 0, 65535),
            hep.string("authKey", env.get("VIGIE_HEP_AUTH_KEY")),
            List.copyOf(captureIds),
            hep.integer("receiveBufferBytes", 16 * 1024 * 1024, 65536, 1 << 30),
            server.integer("cdrPort", 0, 0, 65535),
            data,
            dbUrl,
            db.string("user", env.getOrDefault("VIGIE_DB_USER", "")),
            db.string("password", env.getOrDefault("VIGIE_DB_PASSWORD", "")),
            server.bool("dryRun", false),
            root.zone("timezone", ZoneId.of("Europe/Paris")),
            company.string("name", "Vigie"),
            company.string("address", ""),
            rootNode);
    if (!root.problems().isEmpty()) throw new ConfigException(source, root.problems());
    return cfg;
  }

  /**
   * {@code database.connectionTimeout}: the longest wait for a database connection (3 s by
   * default), so that during an outage requests fail fast instead of after the pool's 30 s.
   */
  public Duration databaseConnectionTimeout() {
    Node db = Node.root(root).get("database");
    Duration d = db.duration("connectionTimeout", DEFAULT_DB_TIMEOUT);
    return d.isNegative() || d.isZero() ? DEFAULT_DB_TIMEOUT : d;
  }

  /** Copy with command-line overrides applied (null means: keep). */
  public ServeConfig withOverrides(
      String http, Integer hepPortOverride, Path dataOverride, boolean dryRunFlag) {
    String h = httpHost;
    int p = httpPort;
    if (http != null) {
      String[] hp = splitHostPort(http, "--http");
      h = hp[0];
      p = Integer.parseInt(hp[1]);
    }
    Path d = dataOverride != null ? dataOverride : dataDir;
    String url = databaseUrl;
    if (dataOverride != null && url.startsWith("jdbc:h2:file:" + dataDir.toAbsolutePath())) {
      url = "jdbc:h2:file:" + dataOverride.toAbsolutePath().resolve("vigie") + ";MODE=PostgreSQL";
    }
    return new ServeConfig(
        h,
        p,
        hepHost,
        hepPortOverride != null ? hepPortOverride : hepPort,
        hepAuthKey,
        hepCaptureIds,
        hepReceiveBufferBytes,
        cdrPort,
        d,
        url,
        databaseUser,
        databasePassword,
        dryRun || dryRunFlag,
        zone,
        companyName,
        companyAddress,
        root);
  }

  private static String[] hostPort(Node n, String key, String dflt) {
    String v = n.string(key, dflt);
    try {
      return splitHostPort(v, n.path().isEmpty() ? key : n.path() + "." + key);
    } catch (ConfigException e) {
      n.problem(key, "'" + v + "' is not HOST:PORT");
      return splitHostPort(dflt, key);
    }
  }

  /** "host:port", "[v6]:port" or ":port" (all interfaces). */
  public static String[] splitHostPort(String v, String what) {
    int c = v.lastIndexOf(':');
    if (c < 0) throw new ConfigException(what + ": '" + v + "' is not HOST:PORT");
    String host = v.substring(0, c);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    if (host.isEmpty()) host = "0.0.0.0";
    try {
      int port = Integer.parseInt(v.substring(c + 1));
      if (port < 0 || port > 65535) throw new NumberFormatException();
      return new String[] {host, Integer.toString(port)};
    } catch (NumberFormatException e) {
      throw new ConfigException(what + ": '" + v + "' has no valid port (0-65535)");
    }
  }

  private static String firstLine(String s) {
    if (s == null) return "unknown error";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
