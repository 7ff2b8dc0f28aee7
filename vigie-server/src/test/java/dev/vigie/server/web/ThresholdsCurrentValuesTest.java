package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigie.server.ServerFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thresholds page shows, beside each machine threshold, the value detection compares with it
 * now (read from the engine's published snapshot), and "Raise ×2" asks first naming every change
 * ("machineCallsPerMinute 20/40 → 40/80"), leaving toll-fraud limits and percentages out.
 */
class ThresholdsCurrentValuesTest {
  @TempDir Path dir;
  private ServerFixture server;
  private ConsoleClient c;

  @BeforeEach
  void start() throws Exception {
    String yaml =
        new String(
            getClass().getResourceAsStream("/console/lab-with-catalog.yaml").readAllBytes(),
            StandardCharsets.UTF_8);
    server = ServerFixture.start(dir, yaml);
    c = new ConsoleClient("http://127.0.0.1:" + server.server().httpPort());
    String password = Files.readString(dir.resolve("data/admin-password.txt")).strip();
    assertThat(c.signIn("admin", password).statusCode()).isEqualTo(302);
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void theCurrentValueOfEachMachineMetricIsShownBesideItsThreshold() throws Exception {
    String idle = c.get("/console/thresholds?machine=pbx-office").body();
    assertThat(current(idle, "machineCallsPerMinute")).as("no traffic yet").isEmpty();
    assertThat(idle).contains("<th class=\"num\">Maintenant</th>");

    // pbx-office places 40 calls (office-burst, replayed as HEP)
    Replay.hep(server, "office-burst.sip.pcap", 1000);

    String[] page = new String[1];
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> {
          page[0] = c.get("/console/thresholds?machine=pbx-office").body();
          String v = current(page[0], "machineCallsPerMinute");
          return !v.isEmpty() && Long.parseLong(v) >= 20;
        });
    String html = page[0];
    long calls = Long.parseLong(current(html, "machineCallsPerMinute"));
    assertThat(calls).as("the 40 calls of the burst, counted over 60 s").isBetween(20L, 40L);
    assertThat(Long.parseLong(current(html, "machineRequestsPerSecond"))).isPositive();
    assertThat(current(html, "machineDistinctDestinations")).isNotEmpty();
    // in the row of its threshold, beside the levels
    assertThat(row(html, "machineCallsPerMinute"))
        .contains("name=\"machineCallsPerMinute.warning\"")
        .contains("data-current=\"" + calls + "\"");
    // per-source and per-extension thresholds have no machine value
    assertThat(current(html, "requestsPerSecond")).isEmpty();
    assertThat(current(html, "callsPerMinute")).isEmpty();
    assertThat(row(html, "requestsPerSecond")).contains("—");
    // another machine has its own values (pbx-acme only sent keepalives: no call)
    assertThat(
            current(c.get("/console/thresholds?machine=pbx-acme").body(), "machineCallsPerMinute"))
        .isIn("", "0");

    // "Raise ×2" names each change, from the effective levels shown in the form
    String confirm = attr(html, "data-confirm");
    String w = input(html, "machineCallsPerMinute.warning");
    String k = input(html, "machineCallsPerMinute.critical");
    assertThat(confirm)
        .startsWith("Doubler les seuils de trafic de pbx-office ? Changements :")
        .contains("– machineCallsPerMinute " + w + "/" + k + " → " + twice(w) + "/" + twice(k))
        .contains("– machineRequestsPerSecond ")
        .doesNotContain("– callsPerMinute ")
        .doesNotContain("Percent ")
        .contains("fraude aux appels");
    // the save form carries the words its confirmation is built from (the changed fields)
    assertThat(attr(html, "data-confirm-changes"))
        .isEqualTo("Enregistrer les seuils de pbx-office ? Changements :{1}");

    // English words too
    c.post("/console/language", java.util.Map.of("lang", "en"));
    String en = c.get("/console/thresholds?machine=pbx-office").body();
    assertThat(en).contains("<th class=\"num\">Now</th>");
    assertThat(attr(en, "data-confirm"))
        .startsWith("Double the traffic thresholds of pbx-office? Changes:")
        .contains("– machineCallsPerMinute ");
  }

  private static String twice(String n) {
    double d = Double.parseDouble(n) * 2;
    return d == Math.rint(d) ? Long.toString((long) d) : String.valueOf(d);
  }

  private static String row(String html, String key) {
    int i = html.indexOf("data-key=\"" + key + "\"");
    assertThat(i).as("row " + key).isPositive();
    return html.substring(i, html.indexOf("</tr>", i));
  }

  private static String current(String html, String key) {
    Matcher m = Pattern.compile("data-current=\"([0-9]*)\"").matcher(row(html, key));
    assertThat(m.find()).as("current cell of " + key).isTrue();
    return m.group(1);
  }

  private static String input(String html, String name) {
    Matcher m =
        Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as(name).isTrue();
    return m.group(1);
  }

  private static String attr(String html, String name) {
    Matcher m = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(html);
    assertThat(m.find()).as(name).isTrue();
    return m.group(1)
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&#10;", "\n");
  }
}
