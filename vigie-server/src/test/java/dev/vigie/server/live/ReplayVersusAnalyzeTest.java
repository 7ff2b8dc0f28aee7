package dev.vigie.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.cli.Cli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live detection on the system clock gives the same alerts as {@code analyze} on the capture clock:
 * each labelled lab capture is analysed in-process, then replayed with {@code vigie replay} at its
 * own timing into a fresh {@code serve} with the same inventory; the sets of (kind, source,
 * machine) of {@code GET /api/v1/alerts} and of analyze's JSON must be equal. Scenarios run two at
 * a time (each has its own server) to keep the test near a minute.
 */
@Timeout(240)
class ReplayVersusAnalyzeTest {
  static final List<String> SCENARIOS =
      List.of(
          "svmap",
          "svwar",
          "svcrack",
          "flood",
          "toll-fraud",
          "machine-burst",
          "restart-storm",
          "scan-forged-ua",
          "normal");

  @TempDir Path dir;

  /** {@code -Dvigie.scenarios=svcrack,svwar} runs a subset (investigations). */
  static List<String> scenarios() {
    String only = System.getProperty("vigie.scenarios");
    return only == null || only.isBlank() ? SCENARIOS : List.of(only.split(","));
  }

  record Outcome(String name, Set<Live.Key> analyze, Set<Live.Key> live, String replayOut) {}

  @Test
  void everyScenarioGivesTheSameAlertsLiveAsOffline() throws Exception {
    Path repo = Live.repo();
    Path inventory = repo.resolve("testdata/inventory.yaml");
    List<Future<Outcome>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      for (String name : scenarios()) futures.add(pool.submit(() -> run(name, repo, inventory)));
    }
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    for (Future<Outcome> fu : futures) {
      Outcome o = fu.get();
      outcomes.put(o.name(), o);
    }
    SoftAssertions soft = new SoftAssertions();
    for (Outcome o : outcomes.values()) {
      System.out.printf(
          "replay-vs-analyze %-14s analyze=%s live=%s %s (%s)%n",
          o.name(),
          o.analyze(),
          o.live(),
          o.analyze().equals(o.live()) ? "EQUAL" : "DIFFERENT",
          o.replayOut().strip());
      soft.assertThat(o.live())
          .as(o.name() + " (" + o.replayOut().strip() + ")")
          .isEqualTo(o.analyze());
    }
    soft.assertAll();
  }

  private Outcome run(String name, Path repo, Path inventory) throws Exception {
    String capture = repo.resolve("testdata/captures/" + name + ".sip.pcap").toString();
    Cli a = Cli.run("analyze", capture, "--inventory", inventory.toString(), "--format", "json");
    assertThat(a.exit()).as(name + " analyze: " + a.err()).isZero();
    List<JsonNode> offline = new ArrayList<>();
    Json.mapper().readTree(a.out()).path("alerts").forEach(offline::add);
    try (ServerFixture f = ServerFixture.start(dir.resolve(name), Live.inventoryYaml())) {
      Cli r = Cli.run("replay", capture, "--to", "127.0.0.1:" + f.hepPort());
      assertThat(r.exit()).as(name + " replay: " + r.err()).isZero();
      assertThat(Live.await(10_000, () -> f.server().ingest().drained())).isTrue();
      Thread.sleep(3000); // the rules run when a second completes, on the tick
      assertThat(f.server().ingest().dropped()).as(name + " dropped").isZero();
      return new Outcome(name, Live.keys(offline), Live.keys(Live.alerts(f.http())), r.out());
    }
  }
}
