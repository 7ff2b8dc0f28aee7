package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.Main;
import dev.vigie.server.ServerFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every console page, the sign-in page and the public status page in Debian's Chromium, at a
 * phone's width (375 px) and a desktop's (1360 px): nothing scrolls sideways, the approve button of
 * a pending isolation is on screen at 375 px, and axe-core finds no serious or critical violation.
 * Run with {@code -Dvigie.screenshots=true} to refresh {@code docs/screenshots/phone-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleMobileA11yTest {
  private static final int PHONE = 375;
  private static final int DESKTOP = 1360;

  /**
   * What must never reach a page as it is: ISO durations (PT10M), ISO instants (UTC, not the
   * provider's zone), enum names of severities, statuses and alert kinds, and numbers with more
   * than three decimals.
   */
  static final Pattern RAW =
      Pattern.compile(
          "\\bP(T\\d[\\d.]*[HMS])+\\b|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}|\\b(CRITICAL|WARNING|INFO|TRIAGE|SCAN"
              + "|INVESTIGATING|MITIGATED|RESOLVED|CLOSED|CANCELLED|ENUMERATION|BRUTE_FORCE|FLOOD"
              + "|MACHINE_TRAFFIC|TOLL_FRAUD|SERVICE_DEGRADED|PLATFORM_PRESSURE|PENDING|ACTIVE"
              + "|RELEASED|EXPIRED)\\b|\\b\\d+\\.\\d{4,}\\b");

  @TempDir static Path dir;
  private ServerFixture server;
  private Chromium chrome;
  private WebDriverWait wait;
  private String base;
  private long incidentId;

  @BeforeAll
  void start() throws Exception {
    String yaml = read("/console/lab-with-catalog.yaml") + "\n" + read("/console/browser.yaml");
    server = ServerFixture.start(dir, yaml);
    base = "http://127.0.0.1:" + server.server().httpPort();
    chrome = new Chromium(dir.resolve("chrome-profile"), "fr-FR");
    wait = new WebDriverWait(chrome.driver, Duration.ofSeconds(30));
    // an incident, and an attack that leaves alerts and a pending isolation on the live view
    String created =
        server
            .http()
            .post(
                "/api/v1/incidents",
                "{\"title\": \"Appels sortants en échec\", \"services\": [\"voip\"], \"startedAt\": \"2026-12-06T07:40:00Z\","
                    + " \"clientImpact\": \"Appels externes impossibles\", \"severity\": \"MAJOR\"}")
            .body();
    incidentId = Long.parseLong(created.replaceAll("(?s).*\"id\"\\s*:\\s*(\\d+).*", "$1"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    int rc =
        Main.run(
            ps,
            ps,
            "replay",
            repoRoot().resolve("testdata/captures/svwar.sip.pcap").toString(),
            "--to",
            "127.0.0.1:" + server.hepPort(),
            "--rate",
            "400");
    assertThat(rc).as(out.toString()).isZero();
    chrome.viewport(DESKTOP, 900);
    signIn();
  }

  @AfterAll
  void stop() {
    if (chrome != null) chrome.close();
    if (server != null) server.close();
  }

  @Test
  void everyPageFitsAPhoneAndPassesAxe() throws Exception {
    List<String> problems = new ArrayList<>();
    for (int width : new int[] {PHONE, DESKTOP}) {
      chrome.viewport(width, width == PHONE ? 812 : 900);
      for (String page : pages()) {
        chrome.driver.get(base + page);
        wait.until(d -> "complete".equals(chrome.js("return document.readyState;")));
        String where = width + " px " + page;
        long overflow = chrome.horizontalOverflow();
        if (overflow > 0) problems.add(where + ": scrolls sideways by " + overflow + " px");
        for (String v : chrome.seriousViolations()) problems.add(where + ": " + v);
        if (!page.startsWith("/status")) {
          int h1 = chrome.driver.findElements(By.tagName("h1")).size();
          if (h1 != 1) problems.add(where + ": " + h1 + " h1 elements");
          if (chrome.driver.findElements(By.cssSelector("a.skip[href='#main']")).isEmpty())
            problems.add(where + ": no skip link");
        }
        if (width == PHONE) {
          // words, not raw values: everything in the page (closed panels too) as a person reads it
          String text = (String) chrome.js("return document.body.textContent;");
          Matcher raw = RAW.matcher(text);
          while (raw.find())
            problems.add(
                where + ": raw value '" + raw.group() + "' in …" + around(text, raw.start()) + "…");
        }
        if (width == PHONE) chrome.shot(repoRoot(), "phone" + page.replaceAll("[^a-z0-9]+", "-"));
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theApproveButtonIsOnScreenOnAPhone() {
    chrome.viewport(PHONE, 812);
    chrome.driver.get(base + "/console");
    String approve = "#isolations tr.iso.pending button.approve";
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(approve)));
    // one script reads the box (a live refresh may replace the row between two calls)
    @SuppressWarnings("unchecked")
    List<Number> box =
        (List<Number>)
            chrome.js(
                "var b = document.querySelector(arguments[0]); b.scrollIntoView({block: 'center'});"
                    + " var r = b.getBoundingClientRect(); return [r.left, r.right, r.width];",
                approve);
    assertThat(box.get(0).doubleValue()).isGreaterThanOrEqualTo(0);
    assertThat(box.get(1).doubleValue()).isLessThanOrEqualTo(PHONE);
    assertThat(box.get(2).doubleValue()).as("a thumb-sized button").isGreaterThanOrEqualTo(44);
  }

  @Test
  void isolatingOrReleasingAMachineStatesWhatStops() {
    var r = server.http().post("/api/v1/isolations", "{\"target\": \"proxy-lab\"}");
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    chrome.viewport(DESKTOP, 900);
    chrome.driver.get(base + "/console");
    // read in one script: a live refresh may replace the row between two calls
    String confirm =
        wait.until(d ->
            (String)
                chrome.js(
                    "var b = document.querySelector(arguments[0]);"
                        + " return b ? b.getAttribute('hx-confirm') : null;",
                    "#isolations tr.iso.active button.release[hx-confirm]"));
    // the catalogue's impact of the machine: the critical service and every client behind it
    assertThat(confirm)
        .contains("proxy-lab")
        .contains("Téléphonie")
        .contains("ACME", "Office SARL")
        .doesNotContain(" acme", " office");
    // a source block is lifted without such a question
    assertThat(
            chrome.driver.findElements(
                By.cssSelector("#isolations tr.iso.pending button.approve[hx-confirm]")))
        .isEmpty();
  }

  @Test
  void newAlertsAreAnnouncedToScreenReaders() {
    chrome.viewport(DESKTOP, 900);
    chrome.driver.get(base + "/console");
    WebElement announcer = chrome.driver.findElement(By.id("announcer"));
    assertThat(announcer.getAttribute("aria-live")).isEqualTo("polite");
    assertThat(announcer.getAttribute("data-new-alerts")).contains("{0}").contains("alerte");
  }

  @Test
  void aLiveRefreshKeepsOpenEvidenceAndFocus() {
    chrome.viewport(DESKTOP, 900);
    chrome.driver.get(base + "/console");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#alerts tr.alert-row details")));
    chrome.js(
        "var d = document.querySelector('#alerts tr.alert-row details'); d.open = true;"
            + " d.querySelector('summary').focus(); d.setAttribute('data-old', '1');"
            + " d.vigieOld = 1;");
    chrome.js("htmx.trigger(document.getElementById('alerts'), 'refresh');");
    // the panel was morphed (the attribute the server does not send is gone) ...
    wait.until(d -> d.findElements(By.cssSelector("#alerts details[data-old]")).isEmpty());
    // ... into the same element (morph, not replace)
    assertThat(chrome.js("return document.querySelector('#alerts tr.alert-row details').vigieOld;"))
        .isEqualTo(1L);
    wait.until(d ->
        Boolean.TRUE.equals(
            chrome.js(
                "var d = document.querySelector('#alerts tr.alert-row details');"
                    + " return d.open && document.activeElement.tagName === 'SUMMARY';")));
    // ... and the evidence is still open, the summary still focused
    assertThat(chrome.js("return document.querySelector('#alerts tr.alert-row details').open;"))
        .isEqualTo(true);
  }

  private static String around(String text, int at) {
    return text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 40))
        .replaceAll("\\s+", " ");
  }

  private List<String> pages() {
    return List.of(
        "/console",
        "/console/incidents",
        "/console/incidents/" + incidentId,
        "/console/incidents/" + incidentId + "/comms",
        "/console/outbox",
        "/console/thresholds",
        "/console/catalog",
        "/console/probes",
        "/console/audit",
        "/console/admin/users",
        "/status");
  }

  private void signIn() throws Exception {
    chrome.driver.get(base + "/login");
    assertThat(chrome.seriousViolations()).as("sign-in page, axe").isEmpty();
    String password = Files.readString(dir.resolve("data/admin-password.txt")).strip();
    chrome.driver.findElement(By.id("name")).sendKeys("admin");
    chrome.driver.findElement(By.id("password")).sendKeys(password);
    chrome.driver.findElement(By.id("signin")).click();
    wait.until(ExpectedConditions.urlToBe(base + "/console"));
  }

  private static String read(String resource) throws Exception {
    return new String(
        ConsoleMobileA11yTest.class.getResourceAsStream(resource).readAllBytes(),
        StandardCharsets.UTF_8);
  }

  private static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("no repository root");
    return p;
  }
}
