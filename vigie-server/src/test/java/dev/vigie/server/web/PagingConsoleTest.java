package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.paging.PagingYaml;
import dev.vigie.server.paging.Receiver;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The on-call page and the incident's paging panel in the console: who is on call now and next (in
 * the provider's zone), the page and its history in words, acknowledging from the console stops the
 * escalation; then the on-call page, the incident page (its panel) and the link's confirmation page
 * in Debian's Chromium at 375 px and 1360 px: no sideways scroll, one h1, no serious or critical
 * axe-core violation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagingConsoleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LINK =
      Pattern.compile("http://[^\\s\"]+(/page/ack/[A-Za-z0-9_.-]+)");
  @TempDir static Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2024-09-23T05:40:00Z"));
  private Receiver receiver;
  private ServerFixture server;
  private String base;
  private long incidentId;
  private long secondIncident;

  @BeforeAll
  void start() throws Exception {
    receiver = new Receiver();
    int smtp;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      smtp = s.getLocalPort();
    }
    server = ServerFixture.start(dir, PagingYaml.config(receiver, smtp, ""), clock);
    base = "http://127.0.0.1:" + server.server().httpPort();
    incidentId = open("Perte des appels externes");
    server.server().paging().tick();
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
    if (receiver != null) receiver.close();
  }

  @Test
  @Order(1)
  void theOnCallPageSaysWhoAndAcknowledgingThereStopsTheEscalation() throws Exception {
    ConsoleClient c = new ConsoleClient(base);
    String password = Files.readString(dir.resolve("data/admin-password.txt")).strip();
    assertThat(c.signIn("admin", password).statusCode()).isEqualTo(302);
    String page = c.get("/console/oncall").body();
    assertThat(page)
        .contains("<strong id=\"oncall-person\">Marie Martin</strong>")
        .contains("<strong id=\"oncall-next\">Paul Durand</strong>")
        .contains("jusqu'au 2024-09-23 09:00:00") // the handover, in Europe/Paris
        .contains("en attente d'acquittement")
        .contains("Marie Martin appelé(e) par SMS (niveau 1)")
        .contains("Marie Martin appelé(e) par Slack (niveau 1)");
    String panel = c.get("/console/incidents/" + incidentId + "/paging").body();
    assertThat(panel).contains("en attente d'acquittement", "Acquitter");
    long pageId = pageOf(incidentId).get("id").asLong();
    var r =
        c.post(
            "/console/pages/" + pageId + "/acknowledge",
            Map.of("back", "/console/incidents/" + incidentId));
    assertThat(r.statusCode()).isEqualTo(302);
    JsonNode p = pageOf(incidentId);
    assertThat(p.get("state").asText()).isEqualTo("ACKNOWLEDGED");
    assertThat(p.get("acknowledgedBy").asText()).isEqualTo("admin");
    assertThat(p.get("acknowledgedVia").asText()).isEqualTo("CONSOLE");
    int before = receiver.all().size();
    clock.advance(Duration.ofMinutes(20));
    server.server().paging().tick();
    assertThat(receiver.all()).hasSize(before); // no level 2, no level 3
    assertThat(c.get("/console/incidents/" + incidentId + "/paging").body())
        .contains("acquitté par admin depuis la console");
    // a viewer cannot acknowledge; without the CSRF token nobody can
    assertThat(
            new ConsoleClient(base)
                .postRaw("/console/pages/" + pageId + "/acknowledge", Map.of())
                .statusCode())
        .isIn(302, 303, 401, 403);
  }

  @Test
  @Order(2)
  void onCallIncidentAndLinkPagesFitAPhoneAndPassAxe() throws Exception {
    secondIncident = open("Numéros principaux injoignables");
    server.server().paging().tick();
    String sms =
        receiver.to("/sms").stream()
            .map(Receiver.Request::body)
            .filter(b -> b.contains("-002"))
            .findFirst()
            .orElseThrow();
    Matcher m = LINK.matcher(sms);
    assertThat(m.find()).isTrue();
    String linkPath = m.group(1);
    List<String> problems = new ArrayList<>();
    try (Chromium chrome = new Chromium(dir.resolve("chrome-profile"), "fr-FR")) {
      WebDriverWait wait = new WebDriverWait(chrome.driver, Duration.ofSeconds(30));
      chrome.viewport(1360, 900);
      // the link's page first, signed out: what the engineer sees on the phone
      for (int width : new int[] {375, 1360}) {
        chrome.viewport(width, width == 375 ? 812 : 900);
        chrome.driver.get(base + linkPath);
        check(chrome, wait, width + " px link page", problems);
        assertThat(chrome.driver.findElement(By.id("ack")).isDisplayed()).isTrue();
      }
      assertThat(pageOf(secondIncident).get("state").asText()).isEqualTo("OPEN"); // GET: no change
      chrome.driver.get(base + "/login");
      String password = Files.readString(dir.resolve("data/admin-password.txt")).strip();
      chrome.driver.findElement(By.id("name")).sendKeys("admin");
      chrome.driver.findElement(By.id("password")).sendKeys(password);
      chrome.driver.findElement(By.id("signin")).click();
      wait.until(ExpectedConditions.urlToBe(base + "/console"));
      for (int width : new int[] {375, 1360}) {
        chrome.viewport(width, width == 375 ? 812 : 900);
        chrome.driver.get(base + "/console/oncall");
        check(chrome, wait, width + " px /console/oncall", problems);
        chrome.driver.get(base + "/console/incidents/" + secondIncident);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("paging-panel")));
        check(chrome, wait, width + " px incident page", problems);
        if (width == 375) chrome.shot(repoRoot(), "phone-oncall");
      }
      // acknowledge from the incident page's panel, in the browser
      chrome.driver.findElement(By.cssSelector("#paging-panel button.ack")).click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(By.id("paging-panel"), "acquitté"));
      assertThat(pageOf(secondIncident).get("state").asText()).isEqualTo("ACKNOWLEDGED");
    }
    assertThat(problems).isEmpty();
  }

  private static void check(Chromium chrome, WebDriverWait wait, String where, List<String> out)
      throws Exception {
    wait.until(d -> "complete".equals(chrome.js("return document.readyState;")));
    long overflow = chrome.horizontalOverflow();
    if (overflow > 0) out.add(where + ": scrolls sideways by " + overflow + " px");
    for (String v : chrome.seriousViolations()) out.add(where + ": " + v);
    int h1 = chrome.driver.findElements(By.tagName("h1")).size();
    if (h1 != 1) out.add(where + ": " + h1 + " h1 elements");
  }

  private long open(String title) throws Exception {
    var r =
        server
            .http()
            .post(
                "/api/v1/incidents",
                "{\"title\": \""
                    + title
                    + "\", \"severity\": \"MAJOR\", \"startedAt\": \""
                    + clock.instant()
                    + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).get("id").asLong();
  }

  private JsonNode pageOf(long incident) throws Exception {
    for (JsonNode p : JSON.readTree(server.http().get("/api/v1/pages").body()).get("pages")) {
      if (p.get("incidentId").asLong() == incident) return p;
    }
    throw new AssertionError("no page for incident " + incident);
  }

  private static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("no repository root");
    return p;
  }
}
