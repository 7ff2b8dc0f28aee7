package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.ServerFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Live refreshes morph the panels instead of replacing them (issue 13, "safe controls"): in
 * Chromium, an operator opens an alert's evidence and focuses the approve button of a pending
 * isolation; a second attack (a SIPp flood from another source, replayed as HEP) brings a new alert
 * and a new isolation request through the live events; the very same elements (marked with a
 * JavaScript property before) are still in the page, the evidence still open, the button still
 * focused. Then a threshold save asks first, naming the one threshold changed.
 */
class ConsoleMorphBrowserTest {
  @TempDir Path dir;
  private ServerFixture server;
  private Chromium chrome;
  private ChromeDriver driver;
  private WebDriverWait wait;
  private String base;

  @BeforeEach
  void start() throws Exception {
    String yaml = read("/console/lab-with-catalog.yaml") + "\n" + read("/console/browser.yaml");
    server = ServerFixture.start(dir, yaml);
    base = "http://127.0.0.1:" + server.server().httpPort();
    chrome = new Chromium(dir.resolve("chrome-profile"), "fr-FR");
    driver = chrome.driver;
    chrome.viewport(1360, 900);
    wait = new WebDriverWait(driver, Duration.ofSeconds(40));
  }

  @AfterEach
  void stop() {
    if (chrome != null) chrome.close();
    if (server != null) server.close();
  }

  @Test
  void aLiveRefreshKeepsTheOpenEvidenceAndTheFocusedButton() throws Exception {
    driver.get(base + "/console");
    wait.until(ExpectedConditions.urlContains("/login"));
    String password = Files.readString(dir.resolve("data/admin-password.txt")).strip();
    driver.findElement(By.id("name")).sendKeys("admin");
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("signin")).click();
    wait.until(ExpectedConditions.urlToBe(base + "/console"));
    wait.until(ExpectedConditions.attributeToBe(By.id("live-dot"), "class", "dot on"));

    Replay.hep(server, "svwar.sip.pcap", 400);
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("#alerts tr.alert-row[data-kind='ENUMERATION'] details")));
    wait.until(
        ExpectedConditions.elementToBeClickable(
            By.cssSelector("#isolations tr.iso.pending button.approve")));
    // the operator opens the evidence and puts the focus on "approve"; each element is marked
    js(
        "var d = document.querySelector(\"#alerts tr.alert-row[data-kind='ENUMERATION'] details\");"
            + " d.vigieMark = 'evidence'; d.open = true;"
            + " var b = document.querySelector('#isolations tr.iso.pending button.approve');"
            + " b.vigieMark = 'approve'; b.focus();"
            + " window.vigieSwaps = {};"
            + " document.body.addEventListener('htmx:afterSwap', function (e) {"
            + "   var id = e.detail.target.id; window.vigieSwaps[id] = (window.vigieSwaps[id] || 0) + 1;"
            + " });");
    assertThat(js("return document.activeElement.vigieMark;")).isEqualTo("approve");
    int before = driver.findElements(By.cssSelector("#alerts tr.alert-row")).size();

    // new traffic: a flood from 127.0.0.99, a new alert and a new isolation request arrive live
    Replay.hep(server, "flood.sip.pcap", 400);
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#alerts tr.alert-row[data-kind='FLOOD']")));
    wait.until(
        ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#isolations tr.iso"), 1));
    wait.until(d -> ((Number) js("return window.vigieSwaps.traffic || 0;")).longValue() > 0);
    assertThat(((Number) js("return window.vigieSwaps.alerts || 0;")).longValue())
        .as("the alerts panel was refreshed")
        .isPositive();
    assertThat(((Number) js("return window.vigieSwaps.isolations || 0;")).longValue())
        .as("the isolations panel was refreshed")
        .isPositive();
    assertThat(driver.findElements(By.cssSelector("#alerts tr.alert-row")).size())
        .isGreaterThan(before);

    // the same elements, still open and still focused
    assertThat(
            js(
                "var d = document.querySelector(\"#alerts tr.alert-row[data-kind='ENUMERATION']"
                    + " details\"); return d.vigieMark + ' ' + d.open;"))
        .isEqualTo("evidence true");
    assertThat(js("return document.activeElement && document.activeElement.vigieMark;"))
        .as("focus kept on the very same approve button")
        .isEqualTo("approve");
    assertThat(
            js(
                "return document.querySelector('#isolations tr.iso.pending button.approve')"
                    + ".vigieMark;"))
        .isEqualTo("approve");
    // the new alert's evidence is closed: only what the operator opened stays open
    assertThat(
            js(
                "return document.querySelector(\"#alerts tr.alert-row[data-kind='FLOOD'] details\")"
                    + ".open;"))
        .isEqualTo(false);

    // saving thresholds names what changes, and only that (the form posts every field)
    driver.get(base + "/console/thresholds?machine=pbx-office");
    String oldWarning =
        driver
            .findElement(
                By.cssSelector("#machine-pbx-office input[name='machineCallsPerSecond.warning']"))
            .getAttribute("value");
    String critical =
        driver
            .findElement(
                By.cssSelector("#machine-pbx-office input[name='machineCallsPerSecond.critical']"))
            .getAttribute("value");
    driver.findElement(By.cssSelector("#thresholds-form button[type='submit']")).click();
    var none = wait.until(ExpectedConditions.alertIsPresent());
    assertThat(none.getText())
        .isEqualTo("Aucun seuil de pbx-office n’a changé : rien à enregistrer.");
    none.accept();
    var c =
        driver.findElement(
            By.cssSelector("#machine-pbx-office input[name='machineCallsPerSecond.critical']"));
    c.clear();
    c.sendKeys("77");
    driver.findElement(By.cssSelector("#thresholds-form button[type='submit']")).click();
    var confirm = wait.until(ExpectedConditions.alertIsPresent());
    assertThat(confirm.getText())
        .isEqualTo(
            "Enregistrer les seuils de pbx-office ? Changements :\n– machineCallsPerSecond "
                + oldWarning
                + "/"
                + critical
                + " → "
                + oldWarning
                + "/77");
    confirm.accept();
    try {
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("threshold-done")));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          driver.getCurrentUrl() + "\n" + driver.findElement(By.tagName("main")).getText(), e);
    }
    assertThat(server.http().get("/api/v1/thresholds").body())
        .containsPattern(
            "\"machineCallsPerSecond\":\\{\"warning\":[0-9.]+,\"critical\":77(\\.0)?[,}]");
  }

  private Object js(String script) {
    return chrome.js(script);
  }

  private static String read(String resource) throws Exception {
    return new String(
        ConsoleMorphBrowserTest.class.getResourceAsStream(resource).readAllBytes(),
        StandardCharsets.UTF_8);
  }
}
