package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium for browser tests, with the two checks every page must pass: no
 * horizontal scroll at the window's width, and no serious or critical axe-core violation (axe's
 * script is the one bundled in {@code com.deque.html.axe-core:selenium}, injected into the page).
 * Screenshots are written only when asked ({@code -Dvigie.screenshots=true} or {@code
 * VIGIE_SCREENSHOTS=1}) so that test runs leave the tracked {@code docs/screenshots/} alone.
 */
final class Chromium implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static String axeScript;
  final ChromeDriver driver;

  Chromium(Path profile, String lang) throws IOException {
    assertThat(CHROMIUM).as("Debian package chromium is needed").isExecutable();
    assertThat(CHROMEDRIVER).as("Debian package chromium-driver is needed").isExecutable();
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--lang=" + lang,
        "--user-data-dir=" + Files.createDirectories(profile));
    ChromeDriverService svc =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(svc, o);
  }

  /** Sets the layout viewport (not the window, which includes the browser's frame) to w × h. */
  /**
   * Waits with {@code wait} for {@code condition} across the page a form's POST reloads: an element
   * read while the new page replaces it is read again on the next poll, not a failure. Chrome
   * reports that read as a stale element or, when the node goes between two of its own steps, as
   * "Node with given id does not belong to the document". Any other error still fails.
   */
  static <T> T settled(WebDriverWait wait, Function<WebDriver, T> condition) {
    return wait.until(d -> {
      try {
        return condition.apply(d);
      } catch (StaleElementReferenceException e) {
        return null;
      } catch (WebDriverException e) {
        if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
          return null;
        }
        throw e;
      }
    });
  }

  void viewport(int w, int h) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", w, "height", h, "deviceScaleFactor", 1, "mobile", w < 600));
    driver.manage().window().setSize(new Dimension(Math.max(w, 500), h + 100));
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** How many CSS pixels the document is wider than the viewport (0 when nothing scrolls). */
  long horizontalOverflow() {
    return ((Number)
            js(
                "return Math.max(document.documentElement.scrollWidth,"
                    + " document.body.scrollWidth) - window.innerWidth;"))
        .longValue();
  }

  /** The serious and critical axe-core violations of the current page, one line each. */
  @SuppressWarnings("unchecked")
  List<String> seriousViolations() throws IOException {
    js(axe());
    Object result =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "axe.run(document, {resultTypes: ['violations']})"
                    + ".then(function (r) { done(r.violations.map(function (v) {"
                    + " return {id: v.id, impact: v.impact, help: v.help,"
                    + " nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })};"
                    + " })); })"
                    + ".catch(function (e) { done([{id: 'axe-error', impact: 'critical',"
                    + " help: String(e), nodes: []}]); });");
    List<String> out = new ArrayList<>();
    for (Map<String, Object> v : (List<Map<String, Object>>) result) {
      String impact = String.valueOf(v.get("impact"));
      if (impact.equals("serious") || impact.equals("critical"))
        out.add(impact + " " + v.get("id") + ": " + v.get("help") + " at " + v.get("nodes"));
    }
    return out;
  }

  /** Saves a screenshot under docs/screenshots only when screenshots were asked for. */
  void shot(Path repoRoot, String name) throws IOException {
    if (!wanted()) return;
    Path shots = Files.createDirectories(repoRoot.resolve("docs/screenshots"));
    Files.write(shots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  static boolean wanted() {
    return Boolean.getBoolean("vigie.screenshots")
        || "1".equals(System.getenv("VIGIE_SCREENSHOTS"));
  }

  private static synchronized String axe() throws IOException {
    if (axeScript == null) {
      try (InputStream in = Chromium.class.getResourceAsStream("/axe.min.js")) {
        assertThat(in).as("axe.min.js from com.deque.html.axe-core:selenium").isNotNull();
        axeScript = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return axeScript;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
