package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.Main;
import dev.vigie.server.ServerFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in Debian's headless Chromium driven by Selenium: sign in, watch an svwar attack
 * (replayed as HEP by {@code vigie replay}) appear live, approve and release the isolation it asks
 * for, raise a threshold, open and resolve an incident and download its PDF. Screenshots of the
 * main pages are taken on every run (size checked) and written to {@code
 * docs/screenshots/console-*.png} only when asked ({@code -Dvigie.screenshots=true} or {@code
 * VIGIE_SCREENSHOTS=1}), so that a test run leaves the tracked files alone.
 */
class ConsoleBrowserTest {
  @TempDir Path dir;
  private ServerFixture server;
  private Chromium chrome;
  private ChromeDriver driver;
  private WebDriverWait wait;
  private String base;
  private Path shots;

  @BeforeEach
  void start() throws Exception {
    String yaml = read("/console/lab-with-catalog.yaml") + "\n" + read("/console/browser.yaml");
    server = ServerFixture.start(dir, yaml);
    base = "http://127.0.0.1:" + server.server().httpPort();
    chrome = new Chromium(dir.resolve("chrome-profile"), "fr-FR");
    driver = chrome.driver;
    driver.manage().window().setSize(new Dimension(1360, 900));
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    shots = Chromium.wanted() ? repoRoot().resolve("docs/screenshots") : null;
    if (shots != null) Files.createDirectories(shots);
  }

  @AfterEach
  void stop() {
    if (chrome != null) chrome.close();
    if (server != null) server.close();
  }

  @Test
  void anOperatorSessionFromSignInToTheIncidentReport() throws Exception {
    // sign in
    driver.get(base + "/console");
    wait.until(ExpectedConditions.urlContains("/login"));
    shot("console-login");
    String password = Files.readString(dir.resolve("data/admin-password.txt")).strip();
    driver.findElement(By.id("name")).sendKeys("admin");
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("signin")).click();
    wait.until(ExpectedConditions.urlToBe(base + "/console"));
    assertThat(driver.findElements(By.cssSelector("#alerts tr.alert-row"))).isEmpty();
    wait.until(ExpectedConditions.attributeToBe(By.id("live-dot"), "class", "dot on"));

    // an attack replayed while the page stays open: the alert appears without a reload
    js("window.vigieMarker = 42;");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Integer> replay =
        CompletableFuture.supplyAsync(() ->
            Main.run(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                "replay",
                repoRoot().resolve("testdata/captures/svwar.sip.pcap").toString(),
                "--to",
                "127.0.0.1:" + server.hepPort(),
                "--rate",
                "200"));
    assertThat(replay.get(60, java.util.concurrent.TimeUnit.SECONDS)).as(out.toString()).isZero();
    WebElement alert =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#alerts tr.alert-row[data-kind='ENUMERATION']")));
    assertThat(js("return window.vigieMarker;")).as("no reload: live update").isEqualTo(42L);
    assertThat(alert.getText()).contains("127.0.0.66").contains("Énumération");
    String shown = alert.findElement(By.cssSelector("td.nowrap")).getText();
    Instant at =
        LocalDateTime.parse(shown, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
            .atZone(ZoneId.of("Europe/Paris"))
            .toInstant();
    assertThat(Duration.between(at, Instant.now()).abs())
        .as("time in the provider's zone")
        .isLessThan(Duration.ofMinutes(2));

    // the isolation request arrives live too: approve, then release
    wait.until(
        ExpectedConditions.elementToBeClickable(
            By.cssSelector("#isolations tr.iso.pending button.approve")));
    // let the traffic sparklines show the burst before the screenshot
    wait.until(d -> !d.findElements(By.cssSelector("#traffic svg.spark path")).isEmpty());
    shot("console-live");
    click("#isolations tr.iso.pending button.approve");
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#isolations tr.iso.active")));
    // (the action's notice may already have been replaced by a live refresh: read the row)
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    String activeRow =
        wait.until(d -> d.findElement(By.cssSelector("#isolations tr.iso.active")).getText());
    assertThat(activeRow).contains("127.0.0.66").contains("dry-run");
    // the operator who just put it in force may undo it for 10 s (a release without the question)
    String undo =
        String.valueOf(
            js(
                "var b = document.querySelector('#isolations tr.iso.active button.undo-button');"
                    + " return b ? b.getAttribute('data-expires') + ' ' + b.getAttribute('hx-post')"
                    + " : 'none';"));
    assertThat(undo).matches("([1-9]|10) /console/isolations/.+/release");
    click("#isolations tr.iso.active button.release");
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#isolations tr.iso"), 0));
    assertThat(server.http().get("/api/v1/isolations?state=RELEASED").body())
        .contains("127.0.0.66")
        .contains("\"endedBy\":\"admin\"");

    // raise the thresholds of a machine in one click
    driver.get(base + "/console/thresholds");
    driver.findElement(By.cssSelector("nav.side a[data-machine='pbx-office']")).click();
    driver.findElement(By.cssSelector("button.raise[data-machine='pbx-office']")).click();
    // the console states what doubling does and asks first
    var confirm = wait.until(ExpectedConditions.alertIsPresent());
    assertThat(confirm.getText()).contains("pbx-office").contains("fraude");
    confirm.accept();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("threshold-done")));
    WebElement rps =
        driver.findElement(
            By.cssSelector("#machine-pbx-office input[name='requestsPerSecond.warning']"));
    assertThat(rps.getAttribute("value")).isEqualTo("120");
    shot("console-thresholds");

    // open an incident, add an entry, resolve it, download its PDF
    driver.get(base + "/console/incidents");
    driver
        .findElement(By.cssSelector("#open-incident input[name='title']"))
        .sendKeys("Appels sortants en échec");
    driver.findElement(By.cssSelector("#open-incident [name='services']")).sendKeys("voip");
    driver
        .findElement(By.cssSelector("#open-incident [name='clientImpact']"))
        .sendKeys("Appels externes impossibles");
    driver.findElement(By.cssSelector("#open-incident button[type='submit']")).click();
    wait.until(ExpectedConditions.urlMatches(".*/console/incidents/\\d+$"));
    String incidentUrl = driver.getCurrentUrl();
    driver
        .findElement(By.cssSelector("#add-entry [name='description']"))
        .sendKeys("Opérateur A contacté");
    driver.findElement(By.cssSelector("#add-entry button[type='submit']")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("ol.timeline"), "Opérateur A contacté"));
    driver.findElement(By.cssSelector("button.to-resolved")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Résolu"));
    shot("console-incident");
    String pdfHref = driver.findElement(By.id("report-pdf-fr")).getAttribute("href");
    String cookie = driver.manage().getCookieNamed(ConsoleAuth.COOKIE).getValue();
    HttpResponse<byte[]> pdf =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(pdfHref))
                    .header("Cookie", ConsoleAuth.COOKIE + "=" + cookie)
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(pdf.headers().firstValue("Content-Disposition")).get().asString().contains(".pdf");
    assertThat(incidentUrl).isNotBlank();

    // the other main pages
    driver.get(base + "/console/incidents");
    assertThat(driver.findElements(By.cssSelector("table.incidents tbody tr"))).isNotEmpty();
    shot("console-incidents");
    driver.get(base + "/console/catalog");
    assertThat(driver.findElements(By.cssSelector("svg.graph rect"))).hasSizeGreaterThan(5);
    shot("console-catalog");
    driver.get(base + "/console/admin/users");
    shot("console-users");
    driver.get(base + "/console/audit");
    assertThat(driver.getPageSource()).contains("THRESHOLD_CHANGED", "SIGNED_IN");
    shot("console-audit");

    // the public status page: the backup number banner once the main numbers are declared down
    driver.get(base + "/status");
    assertThat(driver.findElements(By.cssSelector("section.banner"))).isEmpty();
    assertThat(server.http().put("/api/v1/status/support-line", "{\"down\": true}").statusCode())
        .isEqualTo(200);
    driver.get(base + "/status");
    String banner = driver.findElement(By.cssSelector("section.banner")).getText();
    assertThat(banner).contains("numéro de secours").contains("+33 4 65 71 00 21");
    shot("status-backup-banner");
  }

  /** Clicks, retrying when a live refresh replaced the element between finding and clicking. */
  private void click(String css) {
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> {
          d.findElement(By.cssSelector(css)).click();
          return true;
        });
  }

  private Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private void shot(String name) throws Exception {
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    assertThat(png.length).as(name + " under 300 KB").isLessThan(300 * 1024);
    if (shots != null) Files.write(shots.resolve(name + ".png"), png);
  }

  private static String read(String resource) throws Exception {
    return new String(
        ConsoleBrowserTest.class.getResourceAsStream(resource).readAllBytes(),
        StandardCharsets.UTF_8);
  }

  private static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) p = p.getParent();
    if (p == null)
      throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    return p;
  }
}
