package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The console over HTTP on a whole server: auth, CSRF, roles, rate limit, pages and their time. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ConsolePagesTest {
  @TempDir static Path dir;
  private ServerFixture server;
  private String base;
  private String adminPassword;

  @BeforeAll
  void start() throws Exception {
    String yaml =
        new String(
            ConsolePagesTest.class
                .getResourceAsStream("/console/lab-with-catalog.yaml")
                .readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    server = ServerFixture.start(dir, yaml);
    base = "http://127.0.0.1:" + server.server().httpPort();
    adminPassword = Files.readString(dir.resolve("data/admin-password.txt")).strip();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private ConsoleClient admin() {
    ConsoleClient c = new ConsoleClient(base);
    assertThat(c.signIn("admin", adminPassword).statusCode()).isEqualTo(302);
    return c;
  }

  @Test
  void withoutASessionPagesRedirectToSignInAndFragmentsAnswer401() {
    ConsoleClient c = new ConsoleClient(base);
    var page = c.get("/console");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location")).hasValue("/login");
    var fragment =
        c.send(
            HttpRequest.newBuilder(URI.create(base + "/console/fragments/alerts"))
                .header("HX-Request", "true")
                .GET());
    assertThat(fragment.statusCode()).isEqualTo(401);
    assertThat(c.get("/login").body()).contains("Se connecter");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteStrict() {
    ConsoleClient c = new ConsoleClient(base);
    var r = c.signIn("admin", adminPassword);
    assertThat(r.headers().allValues("Set-Cookie"))
        .filteredOn(h -> h.startsWith("vigie_session="))
        .singleElement()
        .satisfies(h ->
            assertThat(h).startsWith("vigie_session=").contains("HttpOnly", "SameSite=Strict"));
    // plain HTTP on loopback: no Secure flag in AUTO mode
    assertThat(r.headers().allValues("Set-Cookie")).noneMatch(h -> h.contains("Secure"));
  }

  @Test
  void everyMainPageRendersUnder200msOnTheServer() {
    ConsoleClient c = admin();
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("/console", "Trafic par machine");
    pages.put("/console/fragments/traffic", "pbx-acme");
    pages.put("/console/fragments/alerts", "Aucune alerte");
    pages.put("/console/fragments/isolations", "isolement");
    pages.put("/console/thresholds", "Doubler les seuils");
    pages.put("/console/incidents", "incidents");
    pages.put("/console/catalog", "<svg class=\"graph\"");
    pages.put("/console/audit", "SIGNED_IN");
    pages.put("/console/known-good", "Adresses connues saines");
    pages.put("/console/admin/users", "admin");
    pages.put("/login", "Identifiant");
    StringBuilder report = new StringBuilder();
    for (var e : pages.entrySet()) {
      c.get(e.getKey()); // warm-up: first render loads classes
      HttpResponse<String> r = c.get(e.getKey());
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(200);
      assertThat(r.body()).as(e.getKey()).contains(e.getValue());
      double ms = ConsoleClient.serverMillis(r);
      report.append(String.format("%s %.1f ms%n", e.getKey(), ms));
      assertThat(ms).as(e.getKey() + " server time").isLessThan(200);
    }
    System.out.print(report);
  }

  @Test
  void formsWithoutTheCsrfTokenAreRefused() {
    ConsoleClient c = admin();
    c.get("/console/thresholds");
    var forged = c.postRaw("/console/thresholds/pbx-acme/raise", Map.of());
    assertThat(forged.statusCode()).isEqualTo(403);
    var wrong = c.postRaw("/console/thresholds/pbx-acme/raise", Map.of("_csrf", "x".repeat(43)));
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(server.http().get("/api/v1/thresholds").body())
        .doesNotContain("\"pbx-acme\":{\"requestsPerSecond\"");
  }

  @Test
  void raiseDoublesEveryThresholdOfTheMachineAndIsAudited() {
    ConsoleClient c = admin();
    String before = c.get("/console/thresholds?machine=pbx-office").body();
    assertThat(before).contains("name=\"requestsPerSecond.warning\" value=\"60\"");
    var r = c.post("/console/thresholds/pbx-office/raise", Map.of());
    assertThat(r.statusCode()).isEqualTo(302);
    String after = c.get(r.headers().firstValue("Location").orElseThrow()).body();
    assertThat(after).contains("Seuils de pbx-office enregistrés");
    String office = after.substring(after.indexOf("id=\"machine-pbx-office\""));
    assertThat(office)
        .contains("name=\"requestsPerSecond.warning\" value=\"120\"")
        .contains("name=\"requestsPerSecond.critical\" value=\"400\"")
        // a percentage is not a volume: left alone
        .contains("name=\"enumerationFailurePercent.warning\" value=\"50\"");
    // toll-fraud limits are per extension, not traffic: a busy day does not double them
    assertThat(office.substring(office.indexOf("data-key=\"callsPerMinute\"")))
        .contains(
            "name=\"callsPerMinute.warning\" value=\""
                + before.split("name=\"callsPerMinute.warning\" value=\"")[1].split("\"")[0]
                + "\"");
    String audit = c.get("/console/audit").body();
    // one audit row for the save, naming what changed (and only that)
    assertThat(audit.split("THRESHOLD_CHANGED", -1)).hasSize(2);
    assertThat(audit)
        .contains("requestsPerSecond 60/200 → 120/400")
        .doesNotContain("callsPerMinute");
    assertThat(server.http().get("/api/v1/thresholds").body()).contains("\"warning\":120.0");
  }

  @Test
  void aRefusedFormSaysWhyInTheUsersLanguageAndLeadsBackToTheForm() throws Exception {
    var created =
        server
            .http()
            .post(
                "/api/v1/incidents",
                "{\"title\": \"Appels en échec\", \"services\": [\"voip\"],"
                    + " \"severity\": \"MAJOR\", \"startedAt\": \"2024-09-23T05:40:00Z\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long id = Json.mapper().readTree(created.body()).get("id").asLong();
    ConsoleClient c = admin();
    c.get("/console/incidents/" + id);
    String form =
        "_csrf="
            + java.net.URLEncoder.encode(c.csrf(), java.nio.charset.StandardCharsets.UTF_8)
            + "&version=999&to=INVESTIGATING";
    var r =
        c.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(base + "/console/incidents/" + id + "/transitions"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Referer", base + "/console/incidents/" + id)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)));
    // refused in place: the incident page again, the reason next to the state change's form
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.body())
        .contains("id=\"move\"")
        .contains("Quelqu’un a modifié l’incident entre-temps")
        .doesNotContain("Exception");
    // a refusal that leaves no form to show (unknown incident) leads back to the form's page
    String stray = "/console/incidents/" + (id + 999) + "/transitions";
    var gone =
        c.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + stray))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Referer", base + "/console/incidents/" + id)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)));
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.body())
        .contains("Revenir au formulaire")
        .contains("href=\"/console/incidents/" + id + "\"");
    // a Referer from elsewhere never becomes the link
    var other =
        c.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + stray))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Referer", "https://evil.example/console/incidents/" + id)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)));
    assertThat(other.body()).contains("href=\"/console\"").doesNotContain("evil.example");
  }

  @Test
  void aViewerReadsButCannotActNorManageUsers() {
    ConsoleClient a = admin();
    a.get("/console/admin/users");
    var created =
        a.post(
            "/console/admin/users",
            Map.of("name", "vera", "password", "vera-password-12", "role", "VIEWER", "lang", "en"));
    assertThat(created.statusCode()).isEqualTo(302);
    ConsoleClient v = new ConsoleClient(base);
    assertThat(v.signIn("vera", "vera-password-12").statusCode()).isEqualTo(302);
    var live = v.get("/console");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).contains("Traffic per machine"); // her language: English
    assertThat(v.get("/console/thresholds").body())
        .doesNotContain("class=\"primary raise\"")
        .contains("requestsPerSecond");
    assertThat(v.post("/console/thresholds/pbx-acme/raise", Map.of()).statusCode()).isEqualTo(403);
    assertThat(v.get("/console/admin/users").statusCode()).isEqualTo(403);
    assertThat(
            v.post(
                    "/console/admin/users",
                    Map.of("name", "x", "password", "y".repeat(12), "role", "ADMIN"))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void theLanguageIsChosenPerUser() {
    ConsoleClient c = admin();
    assertThat(c.get("/console").body()).contains("Vue en direct");
    assertThat(c.post("/console/language", Map.of("lang", "en")).statusCode()).isEqualTo(302);
    assertThat(c.get("/console").body()).contains("Live view");
    c.post("/console/language", Map.of("lang", "fr"));
    assertThat(c.get("/console").body()).contains("Vue en direct");
  }

  @Test
  @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // locks 127.0.0.1 for a minute: runs last
  void signInIsRateLimitedPerUser() {
    ConsoleClient c = new ConsoleClient(base);
    // create a user of its own so other tests keep signing in as admin
    ConsoleClient a = admin();
    a.get("/console/admin/users");
    a.post(
        "/console/admin/users",
        Map.of("name", "rita", "password", "rita-password-12", "role", "OPERATOR", "lang", "fr"));
    List<Integer> codes = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) codes.add(c.signIn("rita", "wrong-password-" + i).statusCode());
    assertThat(codes).containsOnly(401);
    // then growing delays (1 s, 2 s, ...): within 12 quick tries one is refused
    java.net.http.HttpResponse<String> locked = null;
    for (int i = 0; i < 12 && (locked == null || locked.statusCode() != 429); i++) {
      locked = c.signIn("rita", "wrong-again-" + i);
    }
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    assertThat(locked.body()).contains("Trop de tentatives");
  }

  @Test
  void theSignInFormNeedsItsDoubleSubmitToken() {
    ConsoleClient c = new ConsoleClient(base);
    var r =
        c.postRaw("/login", Map.of("name", "admin", "password", adminPassword, "_pre", "forged"));
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void staticFilesAreServedAndPathsCannotEscape() {
    ConsoleClient c = new ConsoleClient(base);
    assertThat(c.get("/static/vendor/htmx.min.js").body()).contains("htmx");
    assertThat(c.get("/static/console.css").headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("text/css");
    assertThat(c.get("/static/..%2F..%2Fconsole%2Fmessages_fr.properties").statusCode())
        .isIn(400, 404);
  }
}
