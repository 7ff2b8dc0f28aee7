package dev.vigie.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Http;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigie serve} in a JVM of its own, killed with SIGKILL ({@link Process#destroyForcibly})
 * while an operator is writing, then restarted on the same data directory: every write the API
 * acknowledged (2xx) is there, with its text, and IG numbers go on without reuse.
 */
class CrashTest {
  private static final String TOKEN = "crash-test-token-0123456789";
  @TempDir Path dir;

  /** What the API acknowledged: incident id -> number, entries, last acknowledged status. */
  record Acked(
      Map<Long, String> numbers,
      Map<Long, List<String>> entries,
      Map<Long, String> statuses,
      AtomicInteger writes) {}

  @Test
  void everyAcknowledgedWriteSurvivesAKillDashNine() throws Exception {
    var data = dir.resolve("data");
    var acked =
        new Acked(
            new ConcurrentHashMap<>(),
            new ConcurrentHashMap<>(),
            new ConcurrentHashMap<>(),
            new AtomicInteger());
    int firstPort = freePort();
    var first = start(data, firstPort, "serve-first.log");
    var writing = new Http("http://127.0.0.1:" + firstPort, TOKEN);
    var writer = Thread.ofPlatform().name("operator").start(() -> write(writing, acked, 1_000));
    // SIGKILL as soon as 60 writes are acknowledged, while the writer goes on
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (acked.writes().get() < 60 && System.nanoTime() < deadline && writer.isAlive()) {
      Thread.onSpinWait();
    }
    first.destroyForcibly();
    System.out.printf("killed after %d acknowledged writes%n", acked.writes().get());
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    writer.join(30_000);
    assertThat(acked.writes().get())
        .as("writes acknowledged before the kill")
        .isGreaterThanOrEqualTo(60);

    int port = freePort();
    var server = start(data, port, "serve-final.log");
    try {
      var http = new Http("http://127.0.0.1:" + port, TOKEN);
      for (var e : acked.numbers().entrySet()) {
        var r = http.get("/api/v1/incidents/" + e.getKey());
        assertThat(r.statusCode()).as("incident %s after the crash", e.getValue()).isEqualTo(200);
        var incident = ApiServer.json(r);
        assertThat(incident.path("number").asText()).isEqualTo(e.getValue());
        var texts = new ArrayList<String>();
        for (JsonNode t : incident.path("timeline")) {
          texts.add(t.path("description").asText());
        }
        assertThat(texts)
            .as("timeline of %s", e.getValue())
            .containsAll(acked.entries().getOrDefault(e.getKey(), List.of()));
        var status = acked.statuses().get(e.getKey());
        if (status != null) {
          assertThat(incident.path("status").asText()).isEqualTo(status);
        }
      }
      // numbers were never reused: the next one comes after every acknowledged one
      var numbers = new ArrayList<>(acked.numbers().values());
      assertThat(numbers).doesNotHaveDuplicates();
      var next =
          ApiServer.json(
              http.post(
                  "/api/v1/incidents",
                  ApiServer.newIncident("après", Instant.parse("2024-09-23T08:00:00Z"))));
      assertThat(numbers)
          .allSatisfy(n -> assertThat(next.path("number").asText()).isGreaterThan(n));
    } finally {
      server.destroyForcibly();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Creates incidents, adds entries and moves them, recording what the API acknowledged. */
  private static void write(Http http, Acked acked, int maxWrites) {
    var start = Instant.parse("2024-09-23T05:40:00Z");
    try {
      for (int i = 0; i < maxWrites; i++) {
        var created =
            http.post(
                "/api/v1/incidents", ApiServer.newIncident("Panne " + i, start.plusSeconds(i)));
        if (created.statusCode() != 201) {
          return;
        }
        var incident = ApiServer.json(created);
        long id = incident.path("id").asLong();
        acked.numbers().put(id, incident.path("number").asText());
        acked.writes().incrementAndGet();
        for (int k = 0; k < 3; k++) {
          var text = "Constat " + i + "." + k + " : vérifié";
          var r =
              http.post(
                  "/api/v1/incidents/" + id + "/timeline",
                  "{\"at\": \"%s\", \"description\": \"%s\"}"
                      .formatted(start.plusSeconds(i * 10L + k), text));
          if (r.statusCode() != 201) {
            return;
          }
          acked.entries().computeIfAbsent(id, x -> new CopyOnWriteArrayList<>()).add(text);
          acked.writes().incrementAndGet();
        }
        var moved =
            http.post("/api/v1/incidents/" + id + "/transitions", "{\"to\": \"INVESTIGATING\"}");
        if (moved.statusCode() != 200) {
          return;
        }
        acked.statuses().put(id, "INVESTIGATING");
        acked.writes().incrementAndGet();
      }
    } catch (RuntimeException e) {
      // the server was killed mid-request: that write was not acknowledged
    }
  }

  private static Process start(Path data, int port, String log) throws Exception {
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var pb =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.vigie.server.Main",
                "serve",
                "--http",
                "127.0.0.1:" + port,
                "--hep-port",
                "0",
                "--data",
                data.toString())
            .redirectErrorStream(true)
            .redirectOutput(data.getParent().resolve(log).toFile());
    pb.environment().put("VIGIE_API_TOKEN", TOKEN);
    long t0 = System.nanoTime();
    var p = pb.start();
    var health = new Http("http://127.0.0.1:" + port, null);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError(
            "vigie serve exited "
                + p.exitValue()
                + ": "
                + Files.readString(data.getParent().resolve(log)));
      }
      try {
        if (health.get("/healthz").statusCode() == 200) {
          System.out.printf("%s: up in %d ms%n", log, (System.nanoTime() - t0) / 1_000_000);
          return p;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      p.waitFor(100, TimeUnit.MILLISECONDS);
    }
    p.destroyForcibly();
    throw new AssertionError("vigie serve did not answer /healthz within 90 s");
  }

  private static int freePort() throws IOException {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
