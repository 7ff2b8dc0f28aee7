package dev.vigie.server.incident;

import static dev.vigie.server.incident.ApiServer.T0;
import static dev.vigie.server.incident.ApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.incident.IncidentStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /incidents/{id}/transitions} for every pair of statuses: a legal move answers 200 and
 * writes its timeline entry with the new version; an illegal one answers 409 naming both statuses
 * and writes nothing. One server for the class, one incident per case.
 */
class TransitionApiTest {
  @TempDir static Path dir;
  static ApiServer s;

  @BeforeAll
  static void start() {
    s = ApiServer.h2(dir, "");
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static Stream<Arguments> everyMove() {
    var out = new ArrayList<Arguments>();
    for (var from : IncidentStatus.values()) {
      for (var to : IncidentStatus.values()) {
        out.add(Arguments.of(from, to));
      }
    }
    return out.stream();
  }

  /** A path from TRIAGE to each status (the first legal move leading there). */
  private static List<IncidentStatus> pathTo(IncidentStatus s) {
    return switch (s) {
      case TRIAGE -> List.of();
      case INVESTIGATING, MITIGATED, RESOLVED, CANCELLED -> List.of(s);
      case CLOSED -> List.of(IncidentStatus.RESOLVED, IncidentStatus.CLOSED);
    };
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyMove")
  void everyLegalTransitionIsRecordedAndEveryIllegalOneRefused(
      IncidentStatus from, IncidentStatus to) {
    var id = s.create("Panne", T0).path("id").asLong();
    var url = "/api/v1/incidents/" + id + "/transitions";
    for (var step : pathTo(from)) {
      assertThat(s.alice.post(url, "{\"to\": \"" + step + "\"}").statusCode()).isEqualTo(200);
    }
    var before = json(s.victor.get("/api/v1/incidents/" + id));
    s.clock.set(T0.plusSeconds(4000));
    var r = s.bob.post(url, "{\"to\": \"" + to + "\", \"note\": \"vu par bob\"}");
    var after = json(s.victor.get("/api/v1/incidents/" + id));
    if (from.canMoveTo(to)) {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(json(r).path("status").asText()).isEqualTo(to.name());
      assertThat(after.path("version").asLong()).isEqualTo(before.path("version").asLong() + 1);
      var last = after.path("timeline").get(after.path("timeline").size() - 1);
      assertThat(last.path("ref").asText()).isEqualTo("lifecycle");
      assertThat(last.path("refState").asText()).isEqualTo(to.name());
      assertThat(last.path("source").asText()).isEqualTo("SYSTEM");
      assertThat(last.path("author").asText()).isEqualTo("bob");
      assertThat(last.path("at").asText()).isEqualTo("2024-09-23T06:46:40Z");
      assertThat(last.path("description").asText()).startsWith("Statut : ").endsWith("vu par bob");
      assertThat(after.path("timeline")).hasSize(before.path("timeline").size() + 1);
    } else {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
      assertThat(json(r).path("error").asText()).contains("cannot go from " + from + " to " + to);
      assertThat(after).isEqualTo(before);
    }
  }

  @Test
  void unknownTargetStatusIsABadRequest() {
    var id = s.create("Panne", T0).path("id").asLong();
    var r = s.alice.post("/api/v1/incidents/" + id + "/transitions", "{\"to\": \"DONE\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("error").asText()).contains("to 'DONE' is not one of");
    var missing = s.alice.post("/api/v1/incidents/" + id + "/transitions", "{}");
    assertThat(json(missing).path("error").asText()).contains("to is missing");
  }
}
