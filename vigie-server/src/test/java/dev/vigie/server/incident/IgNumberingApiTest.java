package dev.vigie.server.incident;

import static dev.vigie.server.incident.ApiServer.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IG numbers assigned through the API: per-day sequences, zone boundaries, concurrency. */
class IgNumberingApiTest {
  @TempDir Path dir;

  /** Creates {@code n} incidents at once through the API and returns their numbers. */
  static List<String> createConcurrently(ApiServer s, int n, Instant startedAt) throws Exception {
    var pool = Executors.newFixedThreadPool(n);
    try {
      var go = new CountDownLatch(1);
      var calls = new ArrayList<Callable<String>>();
      for (int i = 0; i < n; i++) {
        var op = i % 2 == 0 ? s.alice : s.bob;
        var title = "Panne " + i;
        calls.add(() -> {
          go.await();
          var r = op.post("/api/v1/incidents", ApiServer.newIncident(title, startedAt));
          assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
          return ApiServer.json(r).path("number").asText();
        });
      }
      var futures = calls.stream().map(pool::submit).toList();
      go.countDown();
      var numbers = new ArrayList<String>();
      for (var f : futures) {
        numbers.add(f.get(60, TimeUnit.SECONDS));
      }
      return numbers;
    } finally {
      pool.shutdownNow();
    }
  }

  static List<String> expected(String day, int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> "IG-%s-%03d".formatted(day, i)).toList();
  }

  @Test
  void twentyParallelCreationsGetTwentyDistinctConsecutiveNumbers() throws Exception {
    try (var s = ApiServer.h2(dir, "")) {
      var numbers = createConcurrently(s, 20, T0);
      assertThat(numbers).doesNotHaveDuplicates();
      assertThat(numbers.stream().sorted().toList()).isEqualTo(expected("2024-09-23", 20));
      // the sequence goes on after them, and a different day starts again at 001
      assertThat(s.create("suite", T0.plusSeconds(60)).path("number").asText())
          .isEqualTo("IG-2024-09-23-021");
      assertThat(s.create("lendemain", T0.plusSeconds(86_400)).path("number").asText())
          .isEqualTo("IG-2024-09-24-001");
    }
  }

  @Test
  void numbersAreNeverReusedAcrossARestart() {
    try (var s = ApiServer.h2(dir, "")) {
      s.create("a", T0);
      s.create("b", T0);
    }
    try (var s = ApiServer.h2(dir, "")) {
      assertThat(s.create("c", T0).path("number").asText()).isEqualTo("IG-2024-09-23-003");
    }
  }

  @ParameterizedTest(name = "{0} in {1} -> {2}")
  @CsvSource({
    // summer (UTC+2): the Paris day starts at 22:00 UTC the day before
    "2024-06-22T21:59:59Z, Europe/Paris, IG-2024-06-22-001",
    "2024-06-22T22:00:00Z, Europe/Paris, IG-2024-06-23-001",
    // winter (UTC+1): at 23:00 UTC
    "2024-12-31T22:59:59Z, Europe/Paris, IG-2024-12-31-001",
    "2024-12-31T23:00:00Z, Europe/Paris, IG-2025-01-01-001",
    // the night of the change to summer time (02:00 -> 03:00 on 31 March 2024)
    "2024-03-30T23:30:00Z, Europe/Paris, IG-2024-03-31-001",
    // the zone is configurable: in UTC, 22:00 UTC is still the same day
    "2024-06-22T22:00:00Z, UTC, IG-2024-06-22-001",
    "2024-06-22T22:00:00Z, America/Montreal, IG-2024-06-22-001",
  })
  void theDayIsTheStartDayInTheConfiguredZone(Instant startedAt, String zone, String number) {
    var yaml = zone.equals("Europe/Paris") ? "" : "timezone: " + zone + "\n";
    try (var s = ApiServer.h2(dir, yaml)) {
      assertThat(s.create("Panne", startedAt).path("number").asText()).isEqualTo(number);
    }
  }

  @Test
  void anIncidentStartedLateInTheEveningCountsInTheSequenceOfItsParisDay() {
    try (var s = ApiServer.h2(dir, "")) {
      // 23 June 2024 00:30 Paris is still 22 June in UTC
      assertThat(s.create("tard", Instant.parse("2024-06-22T22:30:00Z")).path("number").asText())
          .isEqualTo("IG-2024-06-23-001");
      assertThat(s.create("midi", Instant.parse("2024-06-23T10:00:00Z")).path("number").asText())
          .isEqualTo("IG-2024-06-23-002");
      assertThat(s.create("veille", Instant.parse("2024-06-22T21:00:00Z")).path("number").asText())
          .isEqualTo("IG-2024-06-22-001");
    }
  }
}
