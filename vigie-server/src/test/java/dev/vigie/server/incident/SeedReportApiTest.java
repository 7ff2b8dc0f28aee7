package dev.vigie.server.incident;

import static dev.vigie.server.incident.ApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The provider's incident of 23/09/2024 re-entered through the REST API the way an operator does
 * (open, eleven timeline rows, transitions, the four analysis paragraphs), then its report fetched
 * as PDF (read back with the real pdftotext), HTML and Markdown (compared with the golden files in
 * vigie-incident/src/test/resources/golden/, the same files as the domain's own test; regenerate
 * after an intended change with {@code -Dgolden.update=true} and review the diff).
 */
class SeedReportApiTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** The incident module's golden files: the API must render exactly what the domain renders. */
  private static final Path GOLDEN = Path.of("../vigie-incident/src/test/resources/golden");

  @TempDir static Path dir;
  static ApiServer s;
  static SeedReport seed;
  static long id;

  static Instant paris(LocalDate day, LocalTime time) {
    return day.atTime(time).atZone(PARIS).toInstant();
  }

  @BeforeAll
  static void enterTheSeedIncident() throws Exception {
    seed = SeedReport.load();
    assertThat(seed.rows()).hasSize(11);
    assertThat(seed.findings()).hasSize(4);
    s =
        ApiServer.h2(
            dir,
            """
            company:
              name: "Opérateur Exemple SAS"
              address: "%s"
            """
                .formatted(seed.address()));
    var start = paris(seed.startDay(), seed.start());
    s.clock.set(start.plusSeconds(12 * 60));
    var body =
        s.alice.post(
            "/api/v1/incidents",
            """
            {"title": "Acheminement des appels externes interrompu", "startedAt": "%s",
             "services": ["%s"], "clientImpact": "%s", "cause": "%s",
             "severity": "CRITICAL", "priority": "P1"}\
            """
                .formatted(start, seed.service(), seed.clientImpact(), seed.cause()));
    assertThat(body.statusCode()).as(body.body()).isEqualTo(201);
    var incident = json(body);
    id = incident.path("id").asLong();
    assertThat(incident.path("number").asText()).isEqualTo(seed.number());
    for (var row : seed.rows()) {
      var at = paris(row.day(), row.localTime());
      s.clock.set(at.plusSeconds(60));
      var r =
          s.alice.post(
              "/api/v1/incidents/" + id + "/timeline",
              "{\"at\": \"%s\", \"description\": \"%s\", \"source\": \"OPERATOR\"}"
                  .formatted(at, row.description()));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
    move("INVESTIGATING", paris(seed.startDay(), LocalTime.of(8, 0)));
    move("MITIGATED", paris(seed.startDay(), LocalTime.of(10, 45)));
    move("RESOLVED", paris(seed.endDay(), seed.end()));
    var findings =
        seed.findings().stream().map(f -> "\"" + f + "\"").collect(Collectors.joining(", "));
    var review =
        s.bob.put(
            "/api/v1/incidents/" + id + "/review",
            "{\"findings\": [" + findings + "], \"actions\": []}");
    assertThat(review.statusCode()).as(review.body()).isEqualTo(200);
  }

  private static void move(String to, Instant at) {
    s.clock.set(at.plusSeconds(60)); // the operator enters it afterwards: never in the future
    var r =
        s.alice.post(
            "/api/v1/incidents/" + id + "/transitions",
            "{\"to\": \"%s\", \"at\": \"%s\"}".formatted(to, at));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void incidentHoldsTheSeedsTimesAndRows() {
    var got = json(s.victor.get("/api/v1/incidents/" + seed.number()));
    assertThat(got.path("startedAt").asText()).isEqualTo("2024-09-23T05:40:00Z");
    assertThat(got.path("endedAt").asText()).isEqualTo("2024-09-23T09:05:00Z");
    assertThat(got.path("status").asText()).isEqualTo("RESOLVED");
    var operatorRows = 0;
    for (var e : got.path("timeline")) {
      if (e.path("source").asText().equals("OPERATOR")) {
        operatorRows++;
      }
    }
    assertThat(operatorRows).isEqualTo(11);
  }

  private static String flat(String text) {
    return text.replaceAll("\\s+", " ");
  }

  @Test
  void pdfHoldsEveryRowInOrderWithDateTimeAndAccents() throws Exception {
    var r = s.victor.getBytes("/api/v1/incidents/" + id + "/report?format=pdf&lang=fr");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/pdf");
    assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
        .contains("IG-2024-09-23-001-fr.pdf");
    assertThat(new String(r.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    var text = flat(Pdftotext.text(dir, r.body()));
    assertThat(text)
        .contains("Opérateur Exemple SAS")
        .contains(seed.address())
        .contains("Rapport - Incident Général " + seed.number())
        .contains("Début de l'incident : 23/09/2024 à 07h40")
        .contains("Fin de l'incident : 23/09/2024 à 11h05")
        .contains("Service(s) impacté(s): " + seed.service())
        .contains("Impact Client: " + seed.clientImpact())
        .contains("Cause: " + seed.cause())
        .contains("Date Heure Description");
    int last = -1;
    for (var row : seed.rows()) {
      var line = row.date() + " " + row.time() + " " + row.description();
      int at = text.indexOf(line);
      assertThat(at).as("row '%s' after the previous one", line).isGreaterThan(last);
      last = at;
    }
    int analysis = text.indexOf("Analyse Post-Incident");
    assertThat(analysis).isGreaterThan(last);
    int previous = analysis;
    for (var finding : seed.findings()) {
      int at = text.indexOf(finding);
      assertThat(at).as(finding).isGreaterThan(previous);
      previous = at;
    }
  }

  @Test
  void englishPdfKeepsTheOperatorsTextAndTranslatesTheFrame() throws Exception {
    var r = s.victor.getBytes("/api/v1/incidents/" + id + "/report?format=pdf&lang=en");
    var text = flat(Pdftotext.text(dir, r.body()));
    assertThat(text)
        .contains("Report - General Incident " + seed.number())
        .contains("23/09/2024 07:40 " + seed.rows().get(0).description())
        .contains("Post-Incident Analysis");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "md, fr, text/markdown",
    "md, en, text/markdown",
    "html, fr, text/html",
    "html, en, text/html"
  })
  void htmlAndMarkdownMatchTheGoldenFiles(String format, String lang, String type)
      throws Exception {
    var r = s.victor.get("/api/v1/incidents/" + id + "/report?format=" + format + "&lang=" + lang);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith(type)
        .containsIgnoringCase("charset=utf-8");
    var file = GOLDEN.resolve(seed.number() + "." + lang + "." + format);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, r.body(), StandardCharsets.UTF_8);
    }
    assertThat(file).as("golden file %s (generate with -Dgolden.update=true)", file).exists();
    assertThat(r.body()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
