package dev.vigie.server.pressure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Http;
import dev.vigie.server.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** What the REST API says about PLATFORM_PRESSURE episodes and their incidents (tests' reads). */
final class PressureApi {
  private PressureApi() {}

  /** The PLATFORM_PRESSURE alerts of {@code machine}, one per episode id. */
  static List<JsonNode> alerts(Http http, String machine) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a : json(http.get("/api/v1/alerts?limit=5000").body()).path("alerts")) {
      if (a.path("kind").asText().equals("PLATFORM_PRESSURE")
          && a.path("machine").asText().equals(machine)) {
        out.add(a);
      }
    }
    return out;
  }

  /** The open incident of the machine's correlation key, or 0. */
  static long incident(Http http, String machine) {
    for (JsonNode i : json(http.get("/api/v1/incidents?q=" + machine).body()).path("incidents")) {
      if (i.path("correlationKey").asText().equals("machine:" + machine)) {
        return i.path("id").asLong();
      }
    }
    return 0;
  }

  static List<String> rows(Http http, long id) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : json(http.get("/api/v1/incidents/" + id).body()).path("timeline")) {
      out.add(e.path("description").asText());
    }
    return out;
  }

  /** The first timeline row of the incident whose description matches, or null. */
  static JsonNode row(Http http, long id, java.util.function.Predicate<String> description) {
    for (JsonNode e : json(http.get("/api/v1/incidents/" + id).body()).path("timeline")) {
      if (description.test(e.path("description").asText())) return e;
    }
    return null;
  }

  /** The timeline refs of the incident that come from an alert, its "resolved" rows left out. */
  static List<String> alertRefs(Http http, long id) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : json(http.get("/api/v1/incidents/" + id).body()).path("timeline")) {
      String ref = e.path("ref").asText();
      if (ref.startsWith("alert:") && !ref.endsWith(":resolved")) out.add(ref);
    }
    return out;
  }

  static JsonNode json(String s) {
    try {
      return Json.mapper().readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
