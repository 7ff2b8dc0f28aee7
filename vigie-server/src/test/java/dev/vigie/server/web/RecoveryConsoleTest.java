package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.ServerFixture;
import dev.vigie.server.recovery.RecoveryApiTest;
import dev.vigie.server.recovery.SippUas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The guided recovery panel of the incident page in Debian's Chromium at a phone's width (375 px):
 * an operator starts a run, the rows follow the real SIP checks live (server-sent events, no page
 * load) while a half-typed reason keeps its text and focus, the progress is an aria-live region,
 * finishing shows the prefilled public update; nothing scrolls sideways and axe-core finds no
 * serious or critical violation at any step.
 */
class RecoveryConsoleTest {
  static final String SHARED_IP = "127.0.0.73";
  static final String PBX_IP = "127.0.0.74";
  @TempDir Path dir;

  @Test
  void theRecoveryPanelFollowsTheChecksLiveOnAPhone() throws Exception {
    int sharedPort = SippUas.freePort(SHARED_IP);
    int pbxPort = SippUas.freePort(PBX_IP);
    String yaml =
        RecoveryApiTest.yaml(
                sharedPort, pbxPort, "notifications: {backupNumber: \"+33 4 65 71 00 21\"}\n")
            .replace(RecoveryApiTest.SHARED_IP, SHARED_IP)
            .replace(RecoveryApiTest.PBX_IP, PBX_IP)
            // a contact, so that client notifications are on (queued: no SMTP in this test)
            .replace(
                "- {id: acme, name: ACME, services: [voip]}",
                "- {id: acme, name: ACME, services: [voip], contacts: [{name: Camille,"
                    + " email: camille@acme.example, language: fr}]}");
    try (SippUas shared = SippUas.start(SHARED_IP, sharedPort, dir);
        ServerFixture s = ServerFixture.start(dir.resolve("srv"), yaml);
        Chromium chrome = new Chromium(dir.resolve("chrome-profile"), "fr-FR")) {
      String created =
          s.http()
              .post(
                  "/api/v1/incidents",
                  "{\"title\": \"Appels en échec\", \"services\": [\"voip\"], \"startedAt\":"
                      + " \"2026-12-06T06:40:00Z\", \"clientImpact\": \"Appels impossibles\","
                      + " \"severity\": \"MAJOR\"}")
              .body();
      long incident = Long.parseLong(created.replaceAll("(?s).*\"id\"\\s*:\\s*(\\d+).*", "$1"));
      String base = "http://127.0.0.1:" + s.server().httpPort();
      WebDriverWait wait = new WebDriverWait(chrome.driver, Duration.ofSeconds(30));
      chrome.viewport(375, 812);
      signIn(chrome, wait, base, s.dir());

      chrome.driver.get(base + "/console/incidents/" + incident);
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("recovery-start")));
      assertPhoneAndAxe(chrome, "before the run");
      chrome.driver.findElement(By.cssSelector("#recovery-start button")).click();

      // the rows in the catalogue's order; the proxy passes, the PBX's SIP check fails
      wait.until(d ->
          text(d.findElements(By.cssSelector("li[data-key='pbx-acme']")))
              .contains("SIP ne répond pas"));
      WebElement list = chrome.driver.findElement(By.cssSelector("ol.recovery-machines"));
      assertThat(list.findElements(By.cssSelector(":scope > li")))
          .extracting(e -> e.getAttribute("data-key"))
          .containsExactly("proxy-lab", "pbx-acme");
      assertThat(chrome.driver.findElement(By.cssSelector("li[data-key='proxy-lab']")).getText())
          .contains("rétablie")
          .contains("SIP répond");
      WebElement status = chrome.driver.findElement(By.id("recovery-status"));
      assertThat(status.getAttribute("aria-live")).isEqualTo("polite");
      assertThat(status.getText()).contains("Machines rétablies : 1 sur 2 (50 %)");
      assertThat(
              chrome
                  .driver
                  .findElement(By.cssSelector("#recovery-status progress"))
                  .getAttribute("aria-label"))
          .isEqualTo("Avancement de la reprise");
      assertPhoneAndAxe(chrome, "a run in progress");

      // the operator types a reason; the PBX comes back meanwhile: the row changes live, the text
      // and the focus stay, the page was not reloaded
      chrome.js("window.vigieMark = 42;");
      WebElement reason =
          chrome.driver.findElement(By.cssSelector("li[data-key='pbx-acme'] input[name='reason']"));
      reason.sendKeys("en attente du fournisseur");
      try (SippUas pbx = SippUas.start(PBX_IP, pbxPort, dir)) {
        wait.until(d ->
            text(d.findElements(By.cssSelector("li[data-key='pbx-acme']"))).contains("rétablie"));
      }
      assertThat(chrome.js("return window.vigieMark;")).isEqualTo(42L);
      WebElement after =
          chrome.driver.findElement(By.cssSelector("li[data-key='pbx-acme'] input[name='reason']"));
      assertThat(after.getAttribute("value")).isEqualTo("en attente du fournisseur");
      assertThat(chrome.js("return document.activeElement.name;")).isEqualTo("reason");
      assertThat(chrome.driver.findElement(By.id("recovery-status")).getText())
          .contains("Machines rétablies : 2 sur 2 (100 %)")
          .contains("Toutes les machines sont vérifiées.");

      // finishing proposes the public update, prefilled from public facts
      chrome.js("window.confirm = function () { return true; };");
      chrome.driver.findElement(By.id("recovery-finish")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("recovery-proposal")));
      String update =
          chrome
              .driver
              .findElement(By.cssSelector("#recovery-update textarea"))
              .getAttribute("value");
      assertThat(update)
          .startsWith("Le service Téléphonie fonctionne à nouveau normalement depuis ");
      assertThat(update).doesNotContain("pbx-acme");
      assertPhoneAndAxe(chrome, "the finished run");
      chrome.shot(repoRoot(), "phone-recovery");

      // the operator publishes the prefilled update: status page row and client notice, by hand
      chrome.driver.findElement(By.id("recovery-send-update")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("recovery-proposal")));
      // (the form's answer is a page load: wait for the row rather than for the old page)
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(20))
          .until(() ->
              s.http()
                  .get("/api/v1/incidents/" + incident + "/timeline")
                  .body()
                  .contains("Point de situation publié"));
      String timeline = s.http().get("/api/v1/incidents/" + incident + "/timeline").body();
      // one row through the client communication's path: status page and the client's contact
      assertThat(timeline)
          .contains("Point de situation publié (Résolu) : page d'état et 1 destinataire(s)")
          .contains("Le service Téléphonie fonctionne à nouveau");
    }
  }

  private static String text(java.util.List<WebElement> els) {
    return els.isEmpty() ? "" : els.getFirst().getText();
  }

  private static void assertPhoneAndAxe(Chromium chrome, String where) throws Exception {
    assertThat(chrome.horizontalOverflow()).as(where + ": sideways scroll at 375 px").isZero();
    assertThat(chrome.seriousViolations()).as(where + ": axe").isEmpty();
    // words, not raw values (enum names, ISO instants) in the panel
    String text = (String) chrome.js("return document.getElementById('recovery').textContent;");
    assertThat(ConsoleMobileA11yTest.RAW.matcher(text).find())
        .as(where + ": raw value in " + text)
        .isFalse();
    assertThat(text).doesNotContain("PASSED", "WAITING", "NOT_CONFIGURED", "CLIENT_PROXY");
  }

  private static void signIn(Chromium chrome, WebDriverWait wait, String base, Path dir)
      throws Exception {
    chrome.driver.get(base + "/login");
    String password = Files.readString(dir.resolve("data/admin-password.txt")).strip();
    chrome.driver.findElement(By.id("name")).sendKeys("admin");
    chrome.driver.findElement(By.id("password")).sendKeys(password);
    chrome.driver.findElement(By.id("signin")).click();
    wait.until(ExpectedConditions.urlToBe(base + "/console"));
  }

  private static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) p = p.getParent();
    return p;
  }
}
