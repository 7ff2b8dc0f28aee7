package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.ServerFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * The client communication flow in Debian's Chromium, as an operator does it: from the incident,
 * draft an update, read the preview (e-mail and status page entry in French and English) and the
 * three recipients, type a machine's name and address (refused next to the field, announced to
 * assistive technology), correct it, publish after the confirmation stating the recipient count;
 * then the outbox and the public status page. Each page at a phone's width (375 px) and a desktop's
 * (1360 px): no sideways scroll, no serious or critical axe-core violation. Screenshots with {@code
 * -Dvigie.screenshots=true} only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommsBrowserTest {
  private static final int PHONE = 375;
  private static final int DESKTOP = 1360;
  @TempDir static Path dir;
  private ServerFixture server;
  private Chromium chrome;
  private WebDriverWait wait;
  private String base;
  private long incidentId;

  @BeforeAll
  void start() throws Exception {
    String yaml =
        read("/console/lab-with-catalog.yaml")
            + "\n"
            + read("/console/browser.yaml")
            + "\nnotifications:\n  statusPageUrl: https://status.example.org/status\n";
    server = ServerFixture.start(dir, yaml);
    base = "http://127.0.0.1:" + server.server().httpPort();
    String created =
        server
            .http()
            .post(
                "/api/v1/incidents",
                "{\"title\": \"Appels sortants en échec\", \"services\": [\"voip\"],"
                    + " \"startedAt\": \"2026-12-06T07:40:00Z\", \"clientImpact\": \"Appels"
                    + " externes impossibles\", \"severity\": \"MAJOR\"}")
            .body();
    incidentId = Long.parseLong(created.replaceAll("(?s).*\"id\"\\s*:\\s*(\\d+).*", "$1"));
    chrome = new Chromium(dir.resolve("chrome-profile"), "fr-FR");
    wait = new WebDriverWait(chrome.driver, Duration.ofSeconds(30));
    chrome.viewport(DESKTOP, 900);
    chrome.driver.get(base + "/login");
    String password = Files.readString(dir.resolve("data/admin-password.txt")).strip();
    chrome.driver.findElement(By.id("name")).sendKeys("admin");
    chrome.driver.findElement(By.id("password")).sendKeys(password);
    chrome.driver.findElement(By.id("signin")).click();
    wait.until(ExpectedConditions.urlToBe(base + "/console"));
  }

  @AfterAll
  void stop() {
    if (chrome != null) chrome.close();
    if (server != null) server.close();
  }

  @Test
  void draftPreviewPublishThenTheOutboxAndTheStatusPageOnAPhoneAndADesktop() throws Exception {
    List<String> problems = new ArrayList<>();
    chrome.viewport(PHONE, 812);
    chrome.driver.get(base + "/console/incidents/" + incidentId);
    click(By.id("comms-link"));
    check("comms list", problems);
    click(By.id("new-draft"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("preview-fr")));
    String draftUrl = chrome.driver.getCurrentUrl();
    for (int width : new int[] {PHONE, DESKTOP}) {
      chrome.viewport(width, width == PHONE ? 812 : 900);
      chrome.driver.get(draftUrl);
      check(width + " px draft", problems);
      chrome.shot(repoRoot(), "comms-draft-" + width);
    }
    // the preview: both e-mails, both status page entries, the three contacts behind "voip"
    assertThat(chrome.driver.findElements(By.cssSelector("tr.recipient"))).hasSize(3);
    assertThat(text("#recipients"))
        .contains("camille@acme.example", "alex@office.example", "noc@provider.example");
    assertThat(text("#preview-fr")).contains("Point de situation").contains("Téléphonie");
    assertThat(text("#preview-en")).contains("Incident update").contains("Téléphonie");
    assertThat(text("#preview-fr .status-entry")).contains("Appels sortants en échec");

    // a machine's name and address: refused next to the field, in words
    chrome.viewport(PHONE, 812);
    WebElement fr = chrome.driver.findElement(By.id("textFr"));
    fr.clear();
    fr.sendKeys("Le serveur proxy-lab (127.0.0.1) redémarre.");
    click(By.id("save-draft"));
    WebElement err =
        Chromium.settled(wait, ExpectedConditions.visibilityOfElementLocated(By.id("textFr-err")));
    assertThat(err.getText()).contains("proxy-lab").contains("127.0.0.1");
    assertThat(chrome.driver.findElement(By.id("textFr")).getAttribute("aria-describedby"))
        .isEqualTo("textFr-err");
    check("375 px refused draft", problems);

    fr = chrome.driver.findElement(By.id("textFr"));
    fr.clear();
    fr.sendKeys("Le service est rétabli progressivement.");
    WebElement en = chrome.driver.findElement(By.id("textEn"));
    en.clear();
    en.sendKeys("The service is coming back.");
    click(By.id("save-draft"));
    Chromium.settled(
        wait, ExpectedConditions.textToBePresentInElementLocated(By.id("preview-fr"), "rétabli"));
    assertThat(text("#preview-en")).contains("The service is coming back.");

    // publish: the console asks first, stating the recipient count
    click(By.id("publish-draft"));
    var alert = wait.until(ExpectedConditions.alertIsPresent());
    assertThat(alert.getText()).contains("3 destinataire(s)");
    alert.accept();
    wait.until(ExpectedConditions.urlContains("/comms?published="));
    assertThat(text("main")).contains("page d'état et 3 destinataire(s)");

    for (String page : List.of("/console/outbox", "/status", "/status?lang=en")) {
      for (int width : new int[] {PHONE, DESKTOP}) {
        chrome.viewport(width, width == PHONE ? 812 : 900);
        chrome.driver.get(base + page);
        check(width + " px " + page, problems);
        if (width == PHONE) chrome.shot(repoRoot(), "phone" + page.replaceAll("[^a-z0-9]+", "-"));
      }
    }
    chrome.driver.get(base + "/console/outbox");
    assertThat(text("#outbox")).contains("alex@office.example").contains("Point de situation");
    chrome.driver.get(base + "/status");
    assertThat(text("main")).contains("Le service est rétabli progressivement.");
    assertThat(chrome.driver.findElements(By.cssSelector("section.hist svg[role=img]")))
        .isNotEmpty();
    chrome.driver.get(base + "/status?lang=en");
    assertThat(text("main"))
        .contains("The service is coming back.")
        .doesNotContain("rétabli progressivement");
    assertThat(problems).isEmpty();
  }

  private void check(String where, List<String> problems) throws Exception {
    wait.until(d -> "complete".equals(chrome.js("return document.readyState;")));
    long overflow = chrome.horizontalOverflow();
    if (overflow > 0) problems.add(where + ": scrolls sideways by " + overflow + " px");
    for (String v : chrome.seriousViolations()) problems.add(where + ": " + v);
  }

  private void click(By by) {
    WebElement e = Chromium.settled(wait, ExpectedConditions.elementToBeClickable(by));
    chrome.js("arguments[0].scrollIntoView({block: 'center'});", e);
    e.click();
  }

  private String text(String css) {
    return chrome.driver.findElement(By.cssSelector(css)).getText();
  }

  private static String read(String resource) throws Exception {
    return new String(
        CommsBrowserTest.class.getResourceAsStream(resource).readAllBytes(),
        StandardCharsets.UTF_8);
  }

  private static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("no repository root");
    return p;
  }
}
