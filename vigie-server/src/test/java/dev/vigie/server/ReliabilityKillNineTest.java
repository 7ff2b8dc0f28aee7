package dev.vigie.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable on the embedded H2 database: a real {@code vigie serve} child JVM on
 * one data directory is killed with SIGKILL ten times while four writers post over HTTP (incidents,
 * timeline entries, post-incident reviews, isolations, the notification outbox and thresholds),
 * then started once more: every write answered 2xx before a kill is there.
 *
 * <p>Each life is killed right after a varying number of acknowledged writes (15 to 75), or after 3
 * s once at least one write was acknowledged (so a slow, loaded machine still gets its ten kills
 * with writes in every life, only fewer of them); the first life lasts until every kind of write
 * was acknowledged once. A life with no write acknowledged in 60 s fails.
 *
 * <p>{@code -Dvigie.reliability.keep=DIR} keeps the run (data directory, the data directory as each
 * kill left it, the server logs) under {@code DIR} to study a loss; {@code
 * -Dvigie.reliability.h2WriteDelay=500} runs the loop with H2's background write
 * (docs/reliability.md).
 */
class ReliabilityKillNineTest {
  private static final String TOKEN = "reliability-kill-nine-token";
  private static final int KILLS = 10;

  @TempDir Path tmp;

  /** What the API acknowledged (2xx) across every life of the server. */
  static final class Acked {
    final Map<Long, String> incidents = new ConcurrentHashMap<>();
    final Map<Long, Set<String>> entries = new ConcurrentHashMap<>();
    final Map<Long, Integer> reviews = new ConcurrentHashMap<>(); // incident -> last acked seq
    final Set<String> isolations = ConcurrentHashMap.newKeySet();
    final AtomicInteger outbox = new AtomicInteger();
    final AtomicInteger threshold = new AtomicInteger(); // last acked warning level
    final AtomicInteger writes = new AtomicInteger();

    boolean everyKind() {
      return !incidents.isEmpty()
          && !entries.isEmpty()
          && !reviews.isEmpty()
          && !isolations.isEmpty()
          && outbox.get() > 0
          && threshold.get() > 0;
    }
  }

  @Test
  void everyAcknowledgedWriteSurvivesTenKillDashNines() throws Exception {
    Path dir = tmp;
    String keep = System.getProperty("vigie.reliability.keep");
    if (keep != null) {
      dir = Files.createDirectories(Path.of(keep).resolve("run-" + System.currentTimeMillis()));
    }
    Path data = dir.resolve("data");
    Path cfg = dir.resolve("vigie.yaml");
    String base = Files.readString(Path.of("../examples/seed-platform-fixed.yaml"));
    String delay = System.getProperty("vigie.reliability.h2WriteDelay");
    if (delay != null) {
      base +=
          "\ndatabase: {url: \"jdbc:h2:file:"
              + data.toAbsolutePath().resolve("vigie")
              + ";MODE=PostgreSQL;WRITE_DELAY="
              + delay
              + "\"}\n";
    }
    Files.writeString(cfg, base);
    Acked acked = new Acked();
    AtomicLong seq = new AtomicLong();
    long t0 = System.nanoTime();
    for (int round = 0; round < KILLS; round++) {
      Served s = start(cfg, data, "serve-" + round + ".log");
      Http http = new Http("http://127.0.0.1:" + s.port, TOKEN);
      int before = acked.writes.get();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        writers.add(
            Thread.ofPlatform().name("writer-" + w).start(() -> write(http, writer, acked, seq)));
      }
      // kill at a varying point: right after 15 to 75 acknowledged writes of this life, or after
      // 3 s with at least one; the first life also waits until every kind of write was
      // acknowledged once (so the run covers them all however slow the machine); a life that
      // gets there in no less than 60 s fails below
      int target = 15 + (round * 37) % 61;
      long begun = System.nanoTime();
      while (true) {
        int done = acked.writes.get() - before;
        long elapsed = System.nanoTime() - begun;
        boolean covered = round > 0 || acked.everyKind();
        if (covered && (done >= target || (done > 0 && elapsed > TimeUnit.SECONDS.toNanos(3)))
            || elapsed > TimeUnit.SECONDS.toNanos(60)) {
          break;
        }
        Thread.sleep(2);
      }
      s.process.destroyForcibly(); // SIGKILL
      assertThat(s.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      if (keep != null) snapshot(data, dir.resolve("after-kill-" + round));
      for (Thread t : writers) t.join(30_000);
      assertThat(acked.writes.get() - before)
          .as("writes acknowledged in life %d", round)
          .isPositive();
      if (round == 0) {
        assertThat(acked.everyKind())
            .as("every kind of write acknowledged in the first life (60 s)")
            .isTrue();
      }
    }
    Served last = start(cfg, data, "serve-final.log");
    try {
      verify(new Http("http://127.0.0.1:" + last.port, TOKEN), acked);
    } finally {
      last.process.destroyForcibly();
      last.process.waitFor(30, TimeUnit.SECONDS);
    }
    System.out.printf(
        "kill-nine: %d kills, %d acknowledged writes (%d incidents, %d entries, %d reviews,"
            + " %d isolations, %d notices, thresholds up to %d), 0 lost, %d s%n",
        KILLS,
        acked.writes.get(),
        acked.incidents.size(),
        acked.entries.values().stream().mapToInt(Set::size).sum(),
        acked.reviews.size(),
        acked.isolations.size(),
        acked.outbox.get(),
        acked.threshold.get(),
        (System.nanoTime() - t0) / 1_000_000_000);
  }

  /** Copies the data directory as the kill left it (kept runs only, to study a loss). */
  private static void snapshot(Path data, Path to) throws java.io.IOException {
    try (var files = Files.walk(data)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(data.relativize(f).toString()));
      }
    }
  }

  private static void verify(Http http, Acked acked) throws Exception {
    int lost = 0;
    List<String> missing = new ArrayList<>();
    for (var e : acked.incidents.entrySet()) {
      var r = http.get("/api/v1/incidents/" + e.getKey());
      if (r.statusCode() != 200) {
        lost++;
        missing.add("incident " + e.getValue() + " (GET answered " + r.statusCode() + ")");
        continue;
      }
      JsonNode incident = Json.mapper().readTree(r.body());
      Set<String> texts = new HashSet<>();
      for (JsonNode t : incident.path("timeline")) texts.add(t.path("description").asText());
      for (String text : acked.entries.getOrDefault(e.getKey(), Set.of())) {
        if (!texts.contains(text)) {
          lost++;
          missing.add("entry " + text);
        }
      }
      Integer review = acked.reviews.get(e.getKey());
      if (review != null) {
        JsonNode rv =
            Json.mapper().readTree(http.get("/api/v1/incidents/" + e.getKey() + "/review").body());
        int stored = rv.path("findings").path(0).asInt(-1);
        if (stored < review) {
          lost++;
          missing.add("review of " + e.getValue() + ": " + stored + " < " + review);
        }
      }
    }
    JsonNode isolations =
        Json.mapper().readTree(http.get("/api/v1/isolations?state=all&limit=5000").body());
    Set<String> ids = new HashSet<>();
    for (JsonNode i : isolations.path("isolations")) ids.add(i.path("id").asText());
    for (String id : acked.isolations) {
      if (!ids.contains(id)) {
        lost++;
        missing.add("isolation " + id);
      }
    }
    JsonNode outbox = Json.mapper().readTree(http.get("/api/v1/notifications?limit=10000").body());
    int notices = outbox.path("notifications").size();
    if (notices < acked.outbox.get()) {
      lost += acked.outbox.get() - notices;
      missing.add("outbox: " + notices + " of " + acked.outbox.get() + " notices");
    }
    JsonNode th = Json.mapper().readTree(http.get("/api/v1/thresholds").body());
    int warning = findWarning(th);
    if (acked.threshold.get() > 0 && warning < acked.threshold.get()) {
      lost++;
      missing.add("threshold " + warning + " < " + acked.threshold.get());
    }
    assertThat(missing).as("%d acknowledged writes lost", lost).isEmpty();
    assertThat(acked.incidents).isNotEmpty();
    assertThat(acked.entries).isNotEmpty();
    assertThat(acked.reviews).isNotEmpty();
    assertThat(acked.isolations).isNotEmpty();
    assertThat(acked.outbox.get()).isPositive();
    assertThat(acked.threshold.get()).isPositive();
  }

  /** The default requestsPerSecond warning level in {@code GET /thresholds}. */
  private static int findWarning(JsonNode th) {
    return th.path("defaults").path("requestsPerSecond").path("warning").asInt(-1);
  }

  /**
   * One writer until a request fails (the kill). Writers 0-1 write incidents, timeline entries,
   * reviews and isolations; writer 2 also changes the default threshold (one writer, so the last
   * acknowledged level is the highest), writer 3 queues backup-number notices.
   */
  private static void write(Http http, int writer, Acked acked, AtomicLong seq) {
    Instant start = Instant.parse("2024-09-23T05:40:00Z");
    long incident = -1;
    int reviewSeq = 0;
    try {
      for (int i = 0; i < 100_000; i++) {
        long n = seq.incrementAndGet();
        int op = i % 6 == 5 ? 1 : i % 6; // two timeline entries in six writes
        if (incident < 0 || op == 0) {
          var r = http.post("/api/v1/incidents", incident("Panne " + n, start.plusSeconds(n)));
          if (r.statusCode() != 201) return;
          JsonNode j = Json.mapper().readTree(r.body());
          incident = j.path("id").asLong();
          acked.incidents.put(incident, j.path("number").asText());
          reviewSeq = 0;
        } else if (op == 1) {
          String text = "Constat " + n;
          var r =
              http.post(
                  "/api/v1/incidents/" + incident + "/timeline",
                  "{\"at\": \"%s\", \"description\": \"%s\", \"source\": \"OPERATOR\"}"
                      .formatted(start.plusSeconds(n), text));
          if (r.statusCode() != 201) return;
          acked.entries.computeIfAbsent(incident, x -> ConcurrentHashMap.newKeySet()).add(text);
        } else if (op == 2) {
          int s = ++reviewSeq;
          var r =
              http.put(
                  "/api/v1/incidents/" + incident + "/review",
                  "{\"findings\": [\"" + s + "\"], \"actions\": []}");
          if (r.statusCode() / 100 != 2) return;
          acked.reviews.put(incident, s);
        } else if (op == 3) {
          String target = "100.64." + (n / 250 % 250) + "." + (n % 250 + 1);
          var r =
              http.post(
                  "/api/v1/isolations",
                  "{\"target\": \"" + target + "\", \"duration\": \"1h\", \"reason\": \"k9\"}");
          if (r.statusCode() != 201) return;
          acked.isolations.add(
              Json.mapper().readTree(r.body()).path("isolation").path("id").asText());
        } else if (writer == 2) {
          int level = (int) (1000 + n);
          var r =
              http.put(
                  "/api/v1/thresholds",
                  "{\"machine\": null, \"thresholds\": {\"requestsPerSecond\":"
                      + " {\"warning\": %d, \"critical\": %d}}}".formatted(level, level * 4));
          if (r.statusCode() != 200) return;
          acked.threshold.set(level);
        } else if (writer == 3) {
          var r = http.post("/api/v1/notifications/backup-announcement", "{\"force\": true}");
          if (r.statusCode() / 100 != 2) return;
          acked.outbox.addAndGet(Json.mapper().readTree(r.body()).path("enqueued").asInt());
        } else {
          continue;
        }
        acked.writes.incrementAndGet();
      }
    } catch (Exception e) {
      // the server was killed mid-request: that write was not acknowledged
    }
  }

  private static String incident(String title, Instant startedAt) {
    return """
    {"title": "%s", "startedAt": "%s", "services": ["Téléphonie IP 3CX"],
     "clientImpact": "Appels externes impossibles", "cause": "inconnue", "severity": "MAJOR"}\
    """
        .formatted(title, startedAt);
  }

  record Served(Process process, int port) {}

  /** Starts {@code vigie serve} on HTTP port 0 and reads the port it printed. */
  private static Served start(Path cfg, Path data, String log) throws Exception {
    ServeProcess p =
        ServeProcess.start(
            cfg, data, data.getParent().resolve(log), Map.of("VIGIE_API_TOKEN", TOKEN));
    return new Served(p.process(), p.port());
  }
}
