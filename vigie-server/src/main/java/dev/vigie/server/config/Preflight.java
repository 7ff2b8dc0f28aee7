package dev.vigie.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.CatalogException;
import dev.vigie.server.Json;
import dev.vigie.server.contain.ContainmentSettings;
import dev.vigie.server.failover.FailoverWebhook;
import dev.vigie.server.notify.NotificationSettings;
import dev.vigie.server.probe.ProbeConfig;
import dev.vigie.server.web.ConsoleConfig;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code vigie serve} can check before it writes anything (database, admin password
 * file, status-link secret): every section of the configuration through its own reader, the data
 * directory (exists or can be created, is a writable directory) and the ports (HTTP over TCP, HEP
 * over UDP and TCP, CDR over TCP) free on their addresses. All problems are reported at once, each
 * naming the key, path or port, the protocol and the reason. Port checks are advisory (another
 * process may take a port between the check and the bind; that bind failure is reported the same
 * way).
 */
public final class Preflight {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private Preflight() {}

  /**
   * @throws ConfigException with every problem found
   */
  public static void check(ServeConfig cfg) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> root = Json.mapper().convertValue(cfg.root(), MAP);
    readers(cfg, root, problems);
    dataDir(cfg.dataDir(), problems);
    tcp("server.http (HTTP)", cfg.httpHost(), cfg.httpPort(), problems);
    udp("server.hepPort (HEP)", cfg.hepHost(), cfg.hepPort(), problems);
    tcp("server.hepPort (HEP)", cfg.hepHost(), cfg.hepPort(), problems);
    if (cfg.cdrPort() > 0) {
      String host = Node.root(cfg.root()).get("server").get("cdr").string("host", cfg.hepHost());
      tcp("server.cdrPort (3CX CDR)", host, cfg.cdrPort(), problems);
    }
    if (!problems.isEmpty()) throw new ConfigException("configuration", problems);
  }

  /** The readers the server runs at start, run once here so that no bad value waits for them. */
  private static void readers(ServeConfig cfg, Map<String, Object> root, List<String> problems) {
    collect(problems, () -> CdrConfig.from(cfg, InventoryFile.fromRoot(root, "inventory")));
    collect(problems, () -> IngestConfig.from(cfg));
    collect(
        problems,
        () -> {
          try {
            ContainmentSettings.read(root, cfg.dryRun());
          } catch (dev.vigie.contain.config.ConfigException e) {
            throw new ConfigException(e.getMessage());
          }
        });
    collect(problems, () -> ProbeConfig.read(cfg.root()));
    collect(problems, () -> dev.vigie.server.pressure.PressureSettings.read(cfg.root()));
    collect(problems, () -> ConsoleConfig.from(cfg.root()));
    collect(problems, () -> dev.vigie.server.recovery.RecoverySettings.from(cfg.root()));
    collect(problems, () -> FailoverWebhook.from(cfg));
    if (cfg.root().has("notifications")) collect(problems, () -> NotificationSettings.from(cfg));
    collect(problems, () -> dev.vigie.server.paging.PagingConfig.from(cfg));
    collect(
        problems,
        () -> {
          for (String k : List.of("providers", "services", "numbers", "clients")) {
            if (cfg.root().has(k)) {
              try {
                Catalog.parse(Json.yaml().writeValueAsString(cfg.root()));
              } catch (CatalogException e) {
                throw new ConfigException("catalogue", e.messages());
              } catch (JsonProcessingException e) {
                throw new ConfigException("catalogue: " + e.getOriginalMessage());
              }
              return;
            }
          }
        });
  }

  private static void collect(List<String> problems, Runnable reader) {
    try {
      reader.run();
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
  }

  /** The data directory exists as a writable directory, or its nearest existing parent is one. */
  static void dataDir(Path dir, List<String> problems) {
    Path abs = dir.toAbsolutePath();
    String key = "server.dataDir (--data) " + abs;
    if (Files.exists(abs)) {
      if (!Files.isDirectory(abs)) {
        problems.add(key + ": is not a directory");
      } else if (!writable(abs)) {
        problems.add(key + ": is not writable by this user");
      }
      return;
    }
    Path p = abs.getParent();
    while (p != null && !Files.exists(p)) p = p.getParent();
    if (p == null || !Files.isDirectory(p)) {
      problems.add(key + ": cannot be created (no existing parent directory)");
    } else if (!writable(p)) {
      problems.add(key + ": cannot be created: " + p + " is not writable by this user");
    }
  }

  private static boolean writable(Path dir) {
    if (!Files.isWritable(dir)) return false;
    try {
      Files.delete(Files.createTempFile(dir, ".vigie-preflight", ".tmp"));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void tcp(String what, String host, int port, List<String> problems) {
    if (port == 0) return;
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      problems.add(what + ": cannot listen on " + host + ":" + port + "/tcp: " + reason(e));
    }
  }

  static void udp(String what, String host, int port, List<String> problems) {
    if (port == 0) return;
    try (DatagramSocket s = new DatagramSocket(null)) {
      s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      problems.add(what + ": cannot listen on " + host + ":" + port + "/udp: " + reason(e));
    }
  }

  private static String reason(IOException e) {
    String m = e.getMessage();
    if (m == null) return e.getClass().getSimpleName();
    if (m.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
      return "address already in use (another Vigie or program holds it; change the port)";
    }
    if (m.toLowerCase(java.util.Locale.ROOT).contains("permission")) {
      return "permission denied (ports below 1024 need privileges)";
    }
    return m;
  }
}
