package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.ServerFixture;
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
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The provider's incident of 23/09/2024 (shared/seed/incident-report-IG-2024-09-23-001.txt) run in
 * the console alone, in Debian's Chromium, at a desktop's width (1360 px) and a phone's (375 px),
 * on the seed-like platform (examples/seed-platform-fixed.yaml): opened (a refused form first, its
 * error next to the field), every field edited with the service picked from the catalogue proposing
 * its client, backdated state changes (07h40 start, contained 08h45, resolved 10h45, one refused
 * time), timeline entries added, edited (history shown) and hidden (undo offered), the report
 * downloaded and read for those times. Each state of the page passes axe-core (no serious or
 * critical violation) and does not scroll sideways. At the desktop width also: the backup number
 * shown from the incident joins it (and is undone), and a form sent after the session expired comes
 * back filled after sign-in. Screenshots only with {@code -Dvigie.screenshots=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentEditorBrowserTest {
  private static final Path FIXED = Path.of("../examples/seed-platform-fixed.yaml");
  @TempDir static Path dir;
  private ServerFixture server;
  private Chromium chrome;
  private WebDriverWait wait;
  private String base;
  private final List<String> problems = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    server = ServerFixture.start(dir, Files.readString(FIXED) + "\ntimezone: Europe/Paris\n");
    base = "http://127.0.0.1:" + server.server().httpPort();
    chrome = new Chromium(dir.resolve("chrome-profile"), "fr-FR");
    wait = new WebDriverWait(chrome.driver, Duration.ofSeconds(30));
    // a live refresh or a page load may replace an element between finding and reading it
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    chrome.viewport(1360, 900);
    signIn();
  }

  @AfterAll
  void stop() {
    if (chrome != null) chrome.close();
    if (server != null) server.close();
  }

  @Test
  void theSeedIncidentFromOpeningToTheReportAtDesktopAndPhoneWidths() throws Exception {
    walk(1360, "desktop");
    walk(375, "phone");
    assertThat(problems).isEmpty();
  }

  private void walk(int width, String name) throws Exception {
    chrome.viewport(width, width < 600 ? 812 : 900);
    // opening: a form without a title is refused in place, what was typed is kept
    get("/console/incidents");
    chrome.js("document.getElementById('open-incident').noValidate = true;");
    setValue("new-startedAt", "2024-09-23T07:40");
    setValue("new-services", "Téléphonie IP 3CX");
    click("#open-incident button[type=submit]");
    WebElement err = wait.until(d -> d.findElement(By.id("err-new-title")));
    assertThat(err.getText()).isEqualTo("Champ obligatoire.");
    assertThat(value("new-startedAt")).isEqualTo("2024-09-23T07:40");
    assertThat(value("new-services")).isEqualTo("Téléphonie IP 3CX");
    check(width, name + "-open-refused");
    chrome.driver.findElement(By.id("new-title")).sendKeys("Panne de la téléphonie IP 3CX");
    click("#open-incident button[type=submit]");
    wait.until(ExpectedConditions.urlMatches("/console/incidents/\\d+$"));
    String page = chrome.driver.getCurrentUrl();
    long id = Long.parseLong(page.substring(page.lastIndexOf('/') + 1));
    assertThat(chrome.driver.findElement(By.tagName("h1")).getText()).contains("IG-2024-09-23-");

    // every field: cause, priority, impact, the service picked from the catalogue proposes Acme
    click("#editor summary");
    chrome.driver.findElement(By.id("ed-otherServices")).clear();
    select("ed-priority", "P1");
    setValue("ed-detectedAt", "2024-09-23T07:40");
    type("ed-cause", "Défaillance sur l'infrastructure virtuelle de notre fournisseur");
    type("ed-clientImpact", "Problème d'acheminement des appels entrants / sortants externes");
    click("#ed-services input[value='voip-acme']");
    assertThat(
            chrome
                .driver
                .findElement(By.cssSelector("#ed-clients input[value='acme']"))
                .isSelected())
        .as("the service proposes its client from the catalogue")
        .isTrue();
    check(width, name + "-editor");
    click("#ed-save");
    wait.until(ExpectedConditions.urlContains("saved=1"));
    String facts = chrome.driver.findElement(By.cssSelector("dl.facts")).getText();
    assertThat(facts)
        .contains("Défaillance sur l'infrastructure virtuelle")
        .contains("Téléphonie IP 3CX – Acme Transports")
        .contains("Acme Transports")
        .doesNotContain("voip-acme");

    // a state change before the start is refused next to its time field, in French
    setValue("move-at", "2024-09-23T07:00");
    click("#move button.to-investigating");
    WebElement moveErr = wait.until(d -> d.findElement(By.id("err-move-at")));
    assertThat(moveErr.getText()).contains("précède").contains("07:40");
    check(width, name + "-move-refused");
    move("2024-09-23T08:00", "investigating");

    if (width > 600) declareBackupNumberFromTheIncident(id);

    // the timeline: entries added at their time, one edited (history kept), one hidden (undo)
    addEntry("2024-09-23T08:10", "Augmentation des valeurs des blocages");
    addEntry("2024-09-23T08:30", "Entrée saisie par erreur");
    String eid = entryId("Augmentation des valeurs des blocages");
    click("#" + eid + " details.edit-entry summary");
    WebElement text = chrome.driver.findElement(By.id(eid + "-description"));
    text.clear();
    text.sendKeys(
        "Augmentation des valeurs des blocages, une amélioration est observée mais le problème"
            + " perdure sur certaines machines");
    click("#edit-" + eid + " button.save-entry");
    wait.until(d -> d.findElement(By.cssSelector("#" + eid + " details.history")));
    click("#" + eid + " details.history summary");
    assertThat(chrome.driver.findElement(By.cssSelector("#" + eid + " details.history")).getText())
        .contains("admin")
        .contains("Augmentation des valeurs des blocages");
    String wrong = entryId("Entrée saisie par erreur");
    click("#" + wrong + " button.hide-entry");
    wait.until(d -> d.findElement(By.cssSelector("#undo button.undo-button")));
    assertThat(chrome.driver.findElements(By.cssSelector("#timeline-live #" + wrong))).isEmpty();
    check(width, name + "-hidden-undo");
    click("#undo button.undo-button");
    wait.until(d -> !d.findElements(By.cssSelector("#timeline-live #" + wrong)).isEmpty());
    click("#" + wrong + " button.hide-entry");
    wait.until(d -> d.findElement(By.cssSelector("#hidden-entries")));
    // the undo offer goes after 10 s
    new WebDriverWait(chrome.driver, Duration.ofSeconds(20))
        .until(d -> d.findElements(By.id("undo")).isEmpty());

    move("2024-09-23T08:45", "mitigated");
    move("2024-09-23T10:45", "resolved");
    // the end as the provider wrote it (after the clients were told)
    click("#editor summary");
    setValue("ed-endedAt", "2024-09-23T11:05");
    click("#ed-save");
    wait.until(ExpectedConditions.urlContains("saved=1"));
    check(width, name + "-resolved");

    // the report, downloaded from the console
    String md = download("/console/incidents/" + id + "/report?format=md&lang=fr");
    assertThat(md)
        .contains("23/09/2024 à 07h40")
        .contains("08h45")
        .contains("10h45")
        .contains("23/09/2024 à 11h05")
        .contains("Défaillance sur l'infrastructure virtuelle de notre fournisseur")
        .contains("Téléphonie IP 3CX – Acme Transports")
        .contains("une amélioration est observée mais le problème perdure")
        .doesNotContain("Entrée saisie par erreur");
    byte[] pdf = downloadBytes("/console/incidents/" + id + "/report?format=pdf&lang=fr");
    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
        .isEqualTo("%PDF-");

    if (width > 600) aDraftSurvivesAnExpiredSession(id);
  }

  /** The backup number shown from the incident: the failover joins it; then undone. */
  private void declareBackupNumberFromTheIncident(long id) throws Exception {
    int open = openIncidents();
    click("#support-toggle");
    String confirm = wait.until(ExpectedConditions.alertIsPresent()).getText();
    assertThat(confirm).contains("+33 6 39 98 00 10").contains("4 clients");
    chrome.driver.switchTo().alert().accept();
    wait.until(d -> d.findElement(By.cssSelector("#undo button.undo-button")));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() ->
            server.http().get("/api/v1/incidents/" + id).body().contains("Bascule vers le numéro"));
    assertThat(openIncidents()).as("no other incident opened").isEqualTo(open);
    check(1360, "desktop-backup-shown");
    click("#undo button.undo-button");
    wait.until(d -> d.findElement(By.id("support-toggle")).getText().contains("Afficher"));
  }

  /** A form sent after the session expired comes back filled after sign-in. */
  private void aDraftSurvivesAnExpiredSession(long id) throws Exception {
    get("/console/incidents/" + id);
    type("entry-description", "Communication à nos clients sur la résolution de l'incident");
    chrome.driver.manage().deleteCookieNamed("vigie_session");
    click("#add-entry button[type=submit]");
    wait.until(ExpectedConditions.urlContains("/login"));
    assertThat(chrome.driver.findElement(By.id("login-error")).getText()).contains("saisie");
    check(1360, "desktop-session-expired");
    fillSignIn();
    wait.until(ExpectedConditions.urlToBe(base + "/console/incidents/" + id));
    wait.until(d -> d.findElement(By.id("draft-restored")));
    assertThat(value("entry-description"))
        .isEqualTo("Communication à nos clients sur la résolution de l'incident");
    check(1360, "desktop-draft-restored");
  }

  // ------------------------------------------------------------------------------------ helpers

  private void move(String at, String to) {
    setValue("move-at", at);
    click("#move button.to-" + to);
    wait.until(d ->
        d.findElements(By.id("err-move-at")).isEmpty()
            && d.findElements(By.cssSelector("#move button.to-" + to)).isEmpty());
  }

  private void addEntry(String at, String description) {
    type("entry-description", description);
    setValue("entry-at", at);
    click("#add-entry button[type=submit]");
    wait.until(d -> !d.findElements(By.xpath(entryXpath(description))).isEmpty());
  }

  private String entryId(String text) {
    return (String)
        chrome.js(
            "return document.evaluate(arguments[0], document, null,"
                + " XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue.id;",
            entryXpath(text));
  }

  private static String entryXpath(String text) {
    return "//div[@id='timeline-live']//li[span[@class='what' and starts-with(., \""
        + text
        + "\")]]";
  }

  private int openIncidents() throws Exception {
    var list =
        dev.vigie.server.Json.mapper()
            .readTree(server.http().get("/api/v1/incidents?status=open").body());
    return list.get("incidents").size();
  }

  /** axe-core and sideways scroll on the page as it is now; a screenshot when asked. */
  private void check(int width, String shot) throws Exception {
    String where = width + " px " + shot;
    long overflow = chrome.horizontalOverflow();
    if (overflow > 0) problems.add(where + ": scrolls sideways by " + overflow + " px");
    for (String v : chrome.seriousViolations()) problems.add(where + ": " + v);
    chrome.shot(repoRoot(), "editor-" + shot);
  }

  private void get(String path) {
    chrome.driver.get(base + path);
    wait.until(d -> "complete".equals(chrome.js("return document.readyState;")));
  }

  private void click(String css) {
    for (int attempt = 0; ; attempt++) {
      try {
        WebElement e = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
        chrome.js("arguments[0].scrollIntoView({block: 'center'});", e);
        try {
          e.click();
        } catch (ElementClickInterceptedException x) {
          chrome.js("arguments[0].click();", e);
        }
        return;
      } catch (org.openqa.selenium.StaleElementReferenceException x) {
        if (attempt >= 3) throw x; // a live refresh replaced it: find it again
      }
    }
  }

  private void setValue(String id, String value) {
    chrome.js(
        "var e = document.getElementById(arguments[0]); e.value = arguments[1];"
            + " e.dispatchEvent(new Event('input', {bubbles: true}));",
        id,
        value);
  }

  private void type(String id, String text) {
    WebElement e = chrome.driver.findElement(By.id(id));
    chrome.js("arguments[0].scrollIntoView({block: 'center'});", e);
    e.clear();
    e.sendKeys(text);
  }

  private void select(String id, String value) {
    new org.openqa.selenium.support.ui.Select(chrome.driver.findElement(By.id(id)))
        .selectByValue(value);
  }

  private String value(String id) {
    return chrome.driver.findElement(By.id(id)).getAttribute("value");
  }

  private String download(String path) {
    return (String)
        chrome.driver.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(function (r) { return r.text(); }).then(done)"
                + ".catch(function (e) { done('failed: ' + e); });",
            path);
  }

  private byte[] downloadBytes(String path) {
    String b64 =
        (String)
            chrome.driver.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0]).then(function (r) { return r.arrayBuffer(); })"
                    + ".then(function (b) { var s = ''; var a = new Uint8Array(b);"
                    + " for (var i = 0; i < a.length; i++) s += String.fromCharCode(a[i]);"
                    + " done(btoa(s)); }).catch(function (e) { done(''); });",
                path);
    return java.util.Base64.getDecoder().decode(b64);
  }

  private void signIn() throws Exception {
    chrome.driver.get(base + "/login");
    fillSignIn();
    wait.until(ExpectedConditions.urlToBe(base + "/console"));
  }

  private void fillSignIn() throws Exception {
    String password = Files.readString(dir.resolve("data/admin-password.txt")).strip();
    chrome.driver.findElement(By.id("name")).clear();
    chrome.driver.findElement(By.id("name")).sendKeys("admin");
    chrome.driver.findElement(By.id("password")).sendKeys(password);
    chrome.driver.findElement(By.id("signin")).click();
  }

  private static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("no repository root");
    return p;
  }
}
