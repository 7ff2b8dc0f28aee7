package dev.vigie.server.contain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.contain.Netns;
import dev.vigie.server.Http;
import dev.vigie.server.Json;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigie serve} as a separate JVM, killed with SIGKILL while isolations are in force (nft in
 * a namespace the test creates); the nft table is then tampered with (one element deleted, a stray
 * vigie element added) and a block runs out while Vigie is down. The restarted server on the same
 * data directory must reconcile: ledger and nft agree, expiries are kept (remaining time, not
 * restarted), nothing in force is applied twice, the stray element is gone.
 */
class KillNineReconcileTest {
  private static final String TOKEN = "crash-token-0123456789abc";
  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void cleanup() {
    for (int i = open.size() - 1; i >= 0; i--) {
      try {
        open.get(i).close();
      } catch (Exception e) {
        // best effort
      }
    }
  }

  @Test
  void killNineThenRestartReconcilesWithoutRepeating() throws Exception {
    Netns netns = new Netns();
    open.add(netns);
    String ns = netns.add("crash");
    Path cfg =
        Files.writeString(
            dir.resolve("vigie.yaml"),
            """
            server: {hep: {host: 127.0.0.1}}
            containment:
              nftables: {enabled: true, netns: %s}
            """
                .formatted(ns));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Http http = new Http("http://127.0.0.1:" + port, TOKEN);

    Proc first = serve(cfg, port, "serve1");
    String a = isolate(http, "198.51.100.1", "1h");
    String b = isolate(http, "198.51.100.2", "1h");
    String c = isolate(http, "198.51.100.3", "3s");
    Instant expiresA = expires(http, a);
    Instant expiresB = expires(http, b);
    first.kill9();
    assertThat(first.alive()).isFalse();

    // tamper while Vigie is down, and let c run out
    Netns.exec(ns, "nft", "delete", "element", "inet", "vigie", "blocked4", "{ 198.51.100.2 }");
    Netns.exec(
        ns,
        "nft",
        "add",
        "element",
        "inet",
        "vigie",
        "blocked4",
        "{ 198.51.100.99 timeout 1h comment \"vigie:stray\" }");
    Thread.sleep(3500);

    Proc second = serve(cfg, port, "serve2");
    String table = Netns.exec(ns, "nft", "list", "table", "inet", "vigie");
    Instant now = Instant.now();
    assertThat(table).contains("198.51.100.1").contains("198.51.100.2");
    assertThat(table).doesNotContain("198.51.100.99").doesNotContain("198.51.100.3 ");
    // the kernel's remaining times agree with the ledger's unchanged expiries
    assertThat(expires(http, a)).isEqualTo(expiresA);
    assertThat(expires(http, b)).isEqualTo(expiresB);
    assertThat(Duration.between(now.plus(kernelExpires(table, "198.51.100.1")), expiresA).abs())
        .isLessThan(Duration.ofSeconds(2));
    assertThat(Duration.between(now.plus(kernelExpires(table, "198.51.100.2")), expiresB).abs())
        .isLessThan(Duration.ofSeconds(2));
    assertThat(state(http, c)).isEqualTo("EXPIRED");

    Map<String, List<String>> byIsolation = new HashMap<>();
    List<String> strays = new ArrayList<>();
    JsonNode audit =
        Json.mapper().readTree(http.get("/api/v1/audit?limit=200").body()).get("audit");
    for (JsonNode row : audit) {
      String id = row.path("isolationId").asText("");
      byIsolation.computeIfAbsent(id, k -> new ArrayList<>()).add(row.get("reason").asText());
      if ("STRAY_REMOVED".equals(row.get("reason").asText()))
        strays.add(row.get("detail").asText());
    }
    System.out.println("KILL9: audit by isolation " + byIsolation);
    assertThat(byIsolation.get(a)).containsExactlyInAnyOrder("ISOLATE", "IN_FORCE");
    assertThat(byIsolation.get(b)).containsExactlyInAnyOrder("ISOLATE", "REAPPLIED");
    assertThat(byIsolation.get(c)).containsExactlyInAnyOrder("ISOLATE", "EXPIRED");
    assertThat(strays).singleElement().asString().contains("removed 198.51.100.99 (tagged stray)");
    assertThat(second.output()).contains("1 in force, 1 re-applied, 1 expired, 1 stray removed");
  }

  private Proc serve(Path cfg, int port, String name) throws Exception {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "dev.vigie.server.Main",
            "serve",
            "--config",
            cfg.toString(),
            "--http",
            "127.0.0.1:" + port,
            "--hep-port",
            "0",
            "--data",
            dir.resolve("data").toString());
    Path log = dir.resolve(name + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("VIGIE_API_TOKEN", TOKEN);
    Process p = pb.start();
    Proc proc = Proc.adopt(name, p, log);
    open.add(proc);
    Http http = new Http("http://127.0.0.1:" + port, TOKEN);
    long end = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        if (http.get("/healthz").statusCode() == 200) return proc;
      } catch (RuntimeException e) {
        // not listening yet
      }
      if (!p.isAlive() || System.nanoTime() > end) {
        throw new AssertionError(name + " did not start:\n" + proc.output());
      }
      Thread.sleep(200);
    }
  }

  private static String isolate(Http http, String ip, String duration) throws Exception {
    var r =
        http.post(
            "/api/v1/isolations",
            "{\"target\": \"" + ip + "\", \"duration\": \"" + duration + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return Json.mapper().readTree(r.body()).get("isolation").get("id").asText();
  }

  private static JsonNode find(Http http, String id) throws Exception {
    for (JsonNode i :
        Json.mapper().readTree(http.get("/api/v1/isolations").body()).get("isolations")) {
      if (id.equals(i.get("id").asText())) return i;
    }
    throw new AssertionError("no isolation " + id);
  }

  private static Instant expires(Http http, String id) throws Exception {
    return Instant.parse(find(http, id).get("expires").asText());
  }

  private static String state(Http http, String id) throws Exception {
    return find(http, id).get("state").asText();
  }

  /** The {@code expires} of an element in nft's listing ({@code 59m57s120ms}). */
  static Duration kernelExpires(String table, String ip) {
    Matcher m =
        Pattern.compile(
                Pattern.quote(ip) + " timeout \\S+ expires ((\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?)")
            .matcher(table);
    if (!m.find()) throw new AssertionError("no expiring element " + ip + " in\n" + table);
    Duration d = Duration.ZERO;
    Matcher part = Pattern.compile("(\\d+)(ms|h|m|s)").matcher(m.group(1));
    while (part.find()) {
      long n = Long.parseLong(part.group(1));
      d =
          d.plus(
              switch (part.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
              });
    }
    return d;
  }
}
