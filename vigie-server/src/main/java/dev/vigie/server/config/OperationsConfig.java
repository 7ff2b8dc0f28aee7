package dev.vigie.server.config;

import java.util.Map;

/**
 * Where operations endpoints live and what protects them ({@code server.management}, {@code
 * server.metricsToken}).
 *
 * @param managementHost host of the management listener, null when {@code /metrics} stays on the
 *     main HTTP listener (then it needs a bearer token)
 * @param managementPort its port (0: any free port), meaningful only with a host
 * @param metricsToken a bearer token that opens {@code /metrics} only (at least 20 characters),
 *     null when only API tokens open it
 */
public record OperationsConfig(String managementHost, int managementPort, String metricsToken) {
  /** The shortest metrics token accepted (the same rule as API tokens). */
  public static final int MIN_TOKEN = 20;

  /** Whether {@code /metrics} is served on its own listener. */
  public boolean managementListener() {
    return managementHost != null;
  }

  /**
   * Reads {@code server.management} (HOST:PORT, optional) and {@code server.metricsToken} (else the
   * environment's {@code VIGIE_METRICS_TOKEN}).
   *
   * @throws ConfigException naming the key and the bad value
   */
  public static OperationsConfig from(ServeConfig cfg, Map<String, String> env) {
    Node root = Node.root(cfg.root());
    Node server = root.get("server");
    String host = null;
    int port = 0;
    String m = server.string("management", null);
    if (m != null && !m.isBlank()) {
      try {
        String[] hp = ServeConfig.splitHostPort(m.strip(), "server.management");
        host = hp[0];
        port = Integer.parseInt(hp[1]);
      } catch (ConfigException e) {
        server.problem("management", "'" + m + "' is not HOST:PORT (e.g. 127.0.0.1:9464)");
      }
    }
    String token = server.string("metricsToken", env.get("VIGIE_METRICS_TOKEN"));
    if (token != null && token.isBlank()) token = null;
    if (token != null && token.strip().codePointCount(0, token.strip().length()) < MIN_TOKEN) {
      server.problem(
          "metricsToken",
          "tokens need at least "
              + MIN_TOKEN
              + " characters (this one has "
              + token.strip().length()
              + "); generate one with: openssl rand -hex 24");
    }
    if (!root.problems().isEmpty()) throw new ConfigException("configuration", root.problems());
    return new OperationsConfig(host, port, token == null ? null : token.strip());
  }
}
