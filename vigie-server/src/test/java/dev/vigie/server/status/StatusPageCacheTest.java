package dev.vigie.server.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.storage.Database;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public status pages cost one read of their facts per change, not one per request, and say so
 * over real HTTP: {@code vigie_status_page_builds_total} on {@code /metrics} stays put across
 * repeated and concurrent GETs of every page, moves by one after a publication (which shows at the
 * very next GET, with a new strong {@code ETag}); {@code If-None-Match} answers 304 while nothing
 * changed; {@code Cache-Control: public, no-cache} on public pages by default ({@code public,
 * max-age} from {@code statusPage.maxAge} when set) only. What the server cannot see (a write by
 * another process sharing the database) shows once {@code statusPage.cacheFor} has passed, and the
 * history bars roll over at midnight in the provider's zone; when the database fails a read, the
 * last pages are still served and the read is tried again once a second. The server's clock is the
 * test's (no sleep).
 */
class StatusPageCacheTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path tmp;

  @Test
  void repeatedGetsReadOnceAPublicationShowsAtTheNextGetWithANewEtag() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
    String yaml =
        Files.readString(StatusPageTest.FIXED) + "\nstatusPage:\n  maxAge: 30s\n  cacheFor: 5s\n";
    try (ServerFixture s = ServerFixture.start(tmp, yaml, (InstantSource) now::get)) {
      HttpResponse<String> first = get(s, "/status", null);
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=30");
      String etag = first.headers().firstValue("ETag").orElseThrow();
      assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
      double builds = builds(s);

      // every public page, both languages, many times: no new read
      for (int k = 0; k < 10; k++) {
        for (String p :
            List.of(
                "/status",
                "/status?lang=en",
                "/status.json",
                "/status.json?lang=en",
                "/status/feed.atom",
                "/status/feed.atom?lang=en")) {
          HttpResponse<String> r = get(s, p, null);
          assertThat(r.statusCode()).as(p).isEqualTo(200);
          assertThat(r.headers().firstValue("ETag")).as(p).isPresent();
        }
      }
      assertThat(get(s, "/status", null).headers().firstValue("ETag")).hasValue(etag);
      assertThat(builds(s)).isEqualTo(builds);

      // the client holds the page: 304, same tag, no body (also in a list, or weak)
      HttpResponse<String> same = get(s, "/status", etag);
      assertThat(same.statusCode()).isEqualTo(304);
      assertThat(same.body()).isEmpty();
      assertThat(same.headers().firstValue("ETag")).hasValue(etag);
      assertThat(same.headers().firstValue("Cache-Control")).hasValue("public, max-age=30");
      assertThat(get(s, "/status", "\"other\", W/" + etag).statusCode()).isEqualTo(304);
      assertThat(get(s, "/status", "\"other\"").statusCode()).isEqualTo(200);
      assertThat(first.headers().firstValue("Vary")).hasValue("Accept-Encoding");

      // gzip: gzipped once per build, its own strong tag, the same page once inflated
      HttpResponse<byte[]> gz = gzipped(s, "/status", null);
      assertThat(gz.statusCode()).isEqualTo(200);
      assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
      String gzTag = gz.headers().firstValue("ETag").orElseThrow();
      assertThat(gzTag).isNotEqualTo(etag).endsWith("-gz\"");
      try (var in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(first.body());
      }
      assertThat(gzipped(s, "/status", gzTag).statusCode()).isEqualTo(304);
      assertThat(gzipped(s, "/status", etag).statusCode()).isEqualTo(200);
      assertThat(builds(s)).isEqualTo(builds);

      // an incident opened by hand is public at once; then its public title
      var created =
          s.http()
              .post(
                  "/api/v1/incidents",
                  "{\"title\": \"Routage interne\", \"startedAt\": \"2026-12-06T09:40:00Z\","
                      + " \"services\": [\"sip-edge\"], \"severity\": \"CRITICAL\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String number = Json.mapper().readTree(created.body()).get("number").asText();
      long id = Json.mapper().readTree(created.body()).get("id").asLong();
      HttpResponse<String> opened = get(s, "/status", etag);
      assertThat(opened.statusCode()).isEqualTo(200);
      assertThat(opened.body()).contains(number);
      String etag2 = opened.headers().firstValue("ETag").orElseThrow();
      assertThat(etag2).isNotEqualTo(etag);

      var pub =
          s.http()
              .post(
                  "/api/v1/incidents/" + id + "/publish",
                  "{\"title\": \"Appels entrants perturbés\"}");
      assertThat(pub.statusCode()).as(pub.body()).isEqualTo(200);
      double before = builds(s);
      HttpResponse<String> published = get(s, "/status", etag2);
      assertThat(published.statusCode()).isEqualTo(200);
      assertThat(published.body()).contains("Appels entrants perturbés");
      assertThat(get(s, "/status.json", null).body()).contains("Appels entrants perturbés");
      assertThat(get(s, "/status/feed.atom", null).body()).contains("Appels entrants perturbés");
      String etag3 = published.headers().firstValue("ETag").orElseThrow();
      assertThat(etag3).isNotEqualTo(etag2);
      assertThat(get(s, "/status", etag3).statusCode()).isEqualTo(304);
      assertThat(builds(s)).isEqualTo(before + 1); // one read for every page and language

      // a client's page is cached too, and follows the operator's declaration at once
      String link =
          Json.mapper()
              .readTree(s.http().get("/api/v1/status/links").body())
              .properties()
              .iterator()
              .next()
              .getValue()
              .asText();
      HttpResponse<String> client = get(s, link, null);
      assertThat(client.statusCode()).isEqualTo(200);
      assertThat(client.headers().firstValue("Cache-Control")).hasValue("public, max-age=30");
      assertThat(get(s, link, client.headers().firstValue("ETag").orElseThrow()).statusCode())
          .isEqualTo(304);
      assertThat(s.http().put("/api/v1/status/support-line", "{\"down\": true}").statusCode())
          .isEqualTo(200);
      assertThat(get(s, "/status", null).body()).contains("+33 6 39 98 00 10");

      // private answers are never public: the console stays no-store, the API is not public
      HttpResponse<String> console = get(s, "/console", null);
      assertThat(console.headers().firstValue("Cache-Control")).hasValue("no-store");
      HttpResponse<String> api = s.http().get("/api/v1/status/links");
      assertThat(api.headers().firstValue("Cache-Control").orElse("")).doesNotContain("public");
      assertThat(api.headers().firstValue("ETag")).isEmpty();
    }
  }

  @Test
  void badSettingsAreRefusedNamingTheirKey() throws Exception {
    var root =
        Json.mapper().readTree("{\"statusPage\": {\"maxAge\": \"2h\", \"cacheFor\": \"soon\"}}");
    assertThatThrownBy(() -> StatusPageSettings.from(root))
        .hasMessageContaining("statusPage.maxAge")
        .hasMessageContaining("statusPage.cacheFor");
    var ok = StatusPageSettings.from(Json.mapper().readTree("{\"statusPage\": {\"maxAge\": 0}}"));
    assertThat(ok.maxAge()).isZero();
    assertThat(ok.cacheFor()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void concurrentGetsBuildThePageOnce() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
    try (ServerFixture s =
        ServerFixture.start(
            tmp, Files.readString(StatusPageTest.FIXED), (InstantSource) now::get)) {
      // a change just before (its answer builds no page): the first of the 800 GETs builds
      var created =
          s.http()
              .post(
                  "/api/v1/incidents",
                  "{\"title\": \"Appels sortants en échec\", \"startedAt\":"
                      + " \"2026-12-06T09:40:00Z\", \"services\": [\"sip-edge\"],"
                      + " \"severity\": \"CRITICAL\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String number = Json.mapper().readTree(created.body()).get("number").asText();
      double before = builds(s);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Integer>> runs = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int t = 0; t < 8; t++) {
        runs.add(
            pool.submit(() -> {
              int ok = 0;
              for (int i = 0; i < 100; i++) {
                HttpResponse<String> r = get(s, i % 2 == 0 ? "/status" : "/status.json", null);
                if (r.statusCode() == 200 && r.body().contains(number)) ok++;
              }
              return ok;
            }));
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      int ok = 0;
      for (Future<Integer> f : runs) ok += f.get();
      assertThat(ok).isEqualTo(800);
      assertThat(builds(s) - before).as("builds for 800 GETs in %d ms", ms).isBetween(1.0, 3.0);
      // by default browsers keep the page but ask again at every use: nothing public waits in a
      // browser's cache once it changed (the backup number when the main numbers go down)
      assertThat(get(s, "/status", null).headers().firstValue("Cache-Control"))
          .hasValue("public, no-cache");
    }
  }

  @Test
  void whatTheServerCannotSeeShowsAfterCacheForAndTheBarsRollOverAtMidnight() throws Exception {
    // 23:59:50 in Paris
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T22:59:50Z"));
    String url =
        "jdbc:h2:mem:statuscache-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
    String yaml =
        Files.readString(StatusPageTest.FIXED)
            + "\ndatabase:\n  url: \""
            + url
            + "\"\nstatusPage:\n  cacheFor: 5s\n";
    try (ServerFixture s = ServerFixture.start(tmp, yaml, (InstantSource) now::get);
        Database other = Database.open(url, "", "")) {
      var created =
          s.http()
              .post(
                  "/api/v1/incidents",
                  "{\"title\": \"Coupure\", \"startedAt\": \"2026-12-06T20:00:00Z\","
                      + " \"services\": [\"sip-edge\"], \"severity\": \"CRITICAL\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      long id = Json.mapper().readTree(created.body()).get("id").asLong();
      assertThat(
              s.http()
                  .post("/api/v1/incidents/" + id + "/publish", "{\"title\": \"Avant\"}")
                  .statusCode())
          .isEqualTo(200);
      JsonNode j = json(get(s, "/status.json", null));
      assertThat(j.toString()).contains("Avant");
      assertThat(lastDay(j)).isEqualTo("2026-12-06");
      double builds = builds(s);

      // another process sharing the database (a standby respond) writes the public title
      other
          .jdbi()
          .useHandle(h ->
              h.execute(
                  "UPDATE incident_publication SET public_title = 'Après' WHERE incident_id = ?",
                  id));
      now.set(now.get().plusSeconds(4));
      assertThat(get(s, "/status.json", null).body()).contains("Avant").doesNotContain("Après");
      assertThat(builds(s)).isEqualTo(builds);
      now.set(now.get().plusSeconds(2)); // cacheFor (5 s) after the build: converged
      j = json(get(s, "/status.json", null));
      assertThat(j.toString()).contains("Après").doesNotContain("Avant");
      assertThat(builds(s)).isEqualTo(builds + 1);
      assertThat(lastDay(j)).isEqualTo("2026-12-06");

      // 00:00:01 in Paris, one second after the last build: today's bar is the 7th
      now.set(Instant.parse("2026-12-06T23:00:01Z"));
      j = json(get(s, "/status.json", null));
      assertThat(lastDay(j)).isEqualTo("2026-12-07");
      assertThat(builds(s)).isEqualTo(builds + 2);

      // the database loses a table: the last page is still served, the read retried once a second
      other.jdbi().useHandle(h -> h.execute("ALTER TABLE public_update RENAME TO public_update_x"));
      now.set(now.get().plusSeconds(6));
      j = json(get(s, "/status.json", null));
      assertThat(j.toString()).contains("Après");
      assertThat(lastDay(j)).isEqualTo("2026-12-07");
      assertThat(metric(s, "vigie_status_page_build_failures_total")).isEqualTo(1.0);
      assertThat(get(s, "/status", null).statusCode()).isEqualTo(200);
      assertThat(metric(s, "vigie_status_page_build_failures_total")).isEqualTo(1.0);
      other.jdbi().useHandle(h -> h.execute("ALTER TABLE public_update_x RENAME TO public_update"));
      now.set(now.get().plusSeconds(2));
      assertThat(get(s, "/status.json", null).statusCode()).isEqualTo(200);
      assertThat(builds(s)).isEqualTo(builds + 3);
    }
  }

  private static String lastDay(JsonNode status) {
    JsonNode h = status.get("components").get(0).get("history");
    return h.get(h.size() - 1).get("date").asText();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body());
  }

  /** An anonymous GET, with {@code If-None-Match} when given; redirects are not followed. */
  private static HttpResponse<String> get(ServerFixture s, String path, String ifNoneMatch)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(s.anonymous().base() + path))
            .timeout(Duration.ofSeconds(30))
            .GET();
    if (ifNoneMatch != null) b.header("If-None-Match", ifNoneMatch);
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** An anonymous GET accepting gzip, with {@code If-None-Match} when given. */
  private static HttpResponse<byte[]> gzipped(ServerFixture s, String path, String ifNoneMatch)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(s.anonymous().base() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept-Encoding", "br;q=1.0, gzip;q=0.8")
            .GET();
    if (ifNoneMatch != null) b.header("If-None-Match", ifNoneMatch);
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** {@code vigie_status_page_builds_total} as {@code /metrics} exports it. */
  private static double builds(ServerFixture s) {
    return metric(s, "vigie_status_page_builds_total");
  }

  /** A counter without labels as {@code /metrics} exports it. */
  private static double metric(ServerFixture s, String name) {
    String text = s.http().get("/metrics").body();
    Matcher m = Pattern.compile("^" + name + " ([0-9.eE+]+)$", Pattern.MULTILINE).matcher(text);
    assertThat(m.find()).as(name + " in /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }
}
