package dev.vigie.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ops/: the Prometheus rules pass {@code promtool check rules} and their unit tests ({@code
 * promtool test rules}, Debian's prometheus package), and every Vigie metric the rules and the
 * Grafana dashboard query is one the server registers.
 */
class OpsFilesTest {
  static final Path OPS = DebianPackageTest.ROOT.resolve("ops");
  static final Pattern METRIC = Pattern.compile("\\bvigie_[a-z_]+\\b");

  @Test
  void promtoolChecksAndTestsTheRules() throws Exception {
    Path rules = OPS.resolve("prometheus/vigie-rules.yml");
    var check = DebianPackageTest.run("promtool", "check", "rules", rules.toString());
    assertThat(check.exit()).as(check.out()).isZero();
    assertThat(check.out()).contains("SUCCESS");
    var test =
        DebianPackageTest.run(
            Map.of(),
            Duration.ofMinutes(2),
            "sh",
            "-c",
            "cd " + OPS.resolve("prometheus") + " && promtool test rules vigie-rules.test.yml");
    assertThat(test.exit()).as(test.out()).isZero();
    assertThat(test.out()).contains("SUCCESS");
  }

  @Test
  void theDashboardAndTheRulesQueryMetricsTheServerExports() throws Exception {
    JsonNode dash =
        new ObjectMapper().readTree(OPS.resolve("grafana/vigie-dashboard.json").toFile());
    assertThat(dash.path("uid").asText()).isEqualTo("vigie-overview");
    Set<String> queried = new TreeSet<>();
    for (JsonNode p : dash.path("panels")) {
      assertThat(p.path("targets").size()).as(p.path("title").asText()).isPositive();
      for (JsonNode t : p.path("targets")) collect(t.path("expr").asText(), queried);
    }
    collect(Files.readString(OPS.resolve("prometheus/vigie-rules.yml")), queried);
    for (String m :
        new String[] {
          "vigie_ingest_received_total",
          "vigie_ingest_dropped_total",
          "vigie_detect_lag_seconds",
          "vigie_alerts_total",
          "vigie_containment_decisions_total",
          "vigie_notifications_pending",
          "vigie_probe_state"
        }) {
      assertThat(queried).as("the issue's metrics").contains(m);
    }
    String sources;
    try (Stream<Path> s =
        Files.walk(DebianPackageTest.ROOT.resolve("vigie-server/src/main/java"))) {
      sources =
          s.filter(f -> f.toString().endsWith(".java"))
              .map(f -> {
                try {
                  return Files.readString(f);
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
              .reduce("", String::concat);
    }
    for (String m : queried) {
      String base = m.endsWith("_total") ? m.substring(0, m.length() - "_total".length()) : m;
      assertThat(sources.contains("\"" + m + "\"") || sources.contains("\"" + base + "\""))
          .as(m + " is registered by vigie-server")
          .isTrue();
    }
  }

  private static void collect(String text, Set<String> into) {
    Matcher m = METRIC.matcher(text);
    while (m.find()) into.add(m.group());
  }
}
