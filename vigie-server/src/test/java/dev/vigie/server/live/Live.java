package dev.vigie.server.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Http;
import dev.vigie.server.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers shared by the live-ingest tests: the lab's files, the API's alerts, /metrics values. */
public final class Live {
  private Live() {}

  /** The repository root (tests run in vigie-server/). */
  public static Path repo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("testdata/captures"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("testdata/captures not found above the cwd");
    return p;
  }

  public static String inventoryYaml() {
    try {
      return Files.readString(repo().resolve("testdata/inventory.yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One alert as the test compares it: kind, source, machine. */
  record Key(String kind, String source, String machine) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      return toString().compareTo(o.toString());
    }

    static Key of(JsonNode a) {
      return new Key(a.path("kind").asText(), text(a.path("source")), text(a.path("machine")));
    }

    private static String text(JsonNode n) {
      return n.isNull() || n.isMissingNode() ? null : n.asText();
    }
  }

  public static List<JsonNode> alerts(Http http) {
    var r = http.get("/api/v1/alerts?limit=5000");
    if (r.statusCode() != 200)
      throw new IllegalStateException("GET /alerts: " + r.statusCode() + " " + r.body());
    List<JsonNode> out = new ArrayList<>();
    try {
      Json.mapper().readTree(r.body()).path("alerts").forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static Set<Key> keys(Iterable<JsonNode> alerts) {
    Set<Key> s = new TreeSet<>();
    for (JsonNode a : alerts) s.add(Key.of(a));
    return s;
  }

  /** The sum of a Prometheus metric's samples (all label sets), 0 when absent. */
  static double metric(Http http, String name) {
    String body = http.get("/metrics").body();
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$")
            .matcher(body);
    double sum = 0;
    while (m.find()) sum += Double.parseDouble(m.group(2));
    return sum;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits (bounded) until the condition holds; false on timeout. */
  static boolean await(long timeoutMillis, java.util.function.BooleanSupplier cond)
      throws InterruptedException {
    long end = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (System.nanoTime() < end) {
      if (cond.getAsBoolean()) return true;
      Thread.sleep(50);
    }
    return cond.getAsBoolean();
  }
}
