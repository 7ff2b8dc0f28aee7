package dev.vigie.incident.report;

import static dev.vigie.incident.TestClock.paris;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.incident.Language;
import dev.vigie.incident.SeedIncident;
import dev.vigie.incident.TestClock;
import dev.vigie.incident.obligation.Impact;
import dev.vigie.incident.obligation.InMemoryObligationStore;
import dev.vigie.incident.obligation.ObligationKind;
import dev.vigie.incident.obligation.ObligationService;
import dev.vigie.incident.obligation.ObligationSettings;
import dev.vigie.incident.timeline.TimelineSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NIS2 drafts of the seed incident in both languages, read back with the real pdftotext: each
 * holds the headings Article 23(4) asks for its kind; and the IG report states the first client
 * communication.
 */
class DraftReportTest {
  @TempDir Path dir;

  /** The headings each kind must hold, in each language (Art. 23(4) a, b, d). */
  private static final Map<ObligationKind, List<String>> FR =
      Map.of(
          ObligationKind.EARLY_WARNING,
          List.of(
              "Alerte précoce NIS2",
              "Identification de l'incident",
              "Cause illicite ou malveillante suspectée",
              "Impact transfrontière",
              "Évaluation de la gravité et de l'impact"),
          ObligationKind.NOTIFICATION,
          List.of(
              "Notification d'incident NIS2",
              "Cause illicite ou malveillante suspectée",
              "Impact transfrontière",
              "Évaluation de la gravité et de l'impact",
              "Indicateurs de compromission",
              "Mesures d'atténuation appliquées et en cours"),
          ObligationKind.FINAL_REPORT,
          List.of(
              "Rapport final NIS2",
              "Description détaillée de l'incident",
              "Évaluation de la gravité et de l'impact",
              "Type de menace ou cause profonde",
              "Mesures d'atténuation appliquées et en cours",
              "Impact transfrontière"));

  private static final Map<ObligationKind, List<String>> EN =
      Map.of(
          ObligationKind.EARLY_WARNING,
          List.of(
              "NIS2 early warning",
              "Incident identification",
              "Suspected unlawful or malicious cause",
              "Cross-border impact",
              "Severity and impact assessment"),
          ObligationKind.NOTIFICATION,
          List.of(
              "NIS2 incident notification",
              "Suspected unlawful or malicious cause",
              "Cross-border impact",
              "Severity and impact assessment",
              "Indicators of compromise",
              "Mitigation measures applied and ongoing"),
          ObligationKind.FINAL_REPORT,
          List.of(
              "NIS2 final report",
              "Detailed description of the incident",
              "Severity and impact assessment",
              "Type of threat or root cause",
              "Mitigation measures applied and ongoing",
              "Cross-border impact"));

  private record Seed(ObligationService service, long id, ReportData data) {}

  private Seed seed(boolean attacked) {
    var clock = new TestClock(paris("2024-09-23T07:40:00"));
    var incidents = SeedIncident.service(clock);
    var data = SeedIncident.enter(incidents, clock);
    long id = data.incident().id();
    incidents.addEntry(
        id,
        paris("2024-09-23T11:00:00"),
        "Courriel aux clients : résolution",
        TimelineSource.NOTIFICATION,
        "noc");
    var service =
        new ObligationService(
            incidents,
            new InMemoryObligationStore(),
            dev.vigie.incident.IncidentCatalog.NONE,
            ObligationSettings.defaults(SeedIncident.CONFIG.zone(), "Opérateur Exemple SAS"),
            clock);
    service.editImpact(
        id,
        new Impact(
            paris("2024-09-23T07:40:00"),
            paris("2024-09-23T11:05:00"),
            null,
            null,
            200L,
            null,
            false,
            List.of()),
        "noc");
    if (attacked) {
      var at = paris("2024-09-23T08:40:00");
      service.onAlert(
          new Alert(
              "a-1",
              1,
              AlertKind.BRUTE_FORCE,
              Severity.CRITICAL,
              "198.51.100.7",
              null,
              at,
              at,
              at,
              "401 x 500",
              Map.of("userAgents", List.of("friendly-scanner", "x</li>\u0000<b>"))),
          data.incident());
    }
    return new Seed(service, id, ReportData.load(incidents.store(), id));
  }

  private DraftReport.Input input(Seed s, ObligationKind kind, Language lang) {
    var store = s.service().incidents().store();
    return new DraftReport.Input(
        store.get(s.id()),
        store.timeline(s.id()),
        store.review(s.id()).orElse(null),
        s.service().obligations(s.id(), lang),
        kind);
  }

  private static String flat(String s) {
    return s.replaceAll("\\s+", " ");
  }

  @Test
  void everyDraftHoldsItsRequiredHeadingsInBothLanguages() throws Exception {
    var s = seed(false);
    var drafts = new DraftReport(SeedIncident.CONFIG);
    String earlyWarningFr = null;
    for (var lang : List.of(Language.FR, Language.EN)) {
      for (var kind : ObligationKind.values()) {
        var in = input(s, kind, lang);
        var pdf = Poppler.write(dir, kind + "-" + lang + ".pdf", drafts.pdf(in, lang));
        var text = flat(Poppler.text(pdf, 0, 0));
        var expected = (lang == Language.FR ? FR : EN).get(kind);
        assertThat(text).as(kind + " " + lang).contains(expected);
        assertThat(text).contains("IG-2024-09-23-001");
        assertThat(Poppler.fonts(pdf)).contains("DejaVuSans");
        if (lang == Language.FR && kind == ObligationKind.EARLY_WARNING) earlyWarningFr = text;
      }
    }
    assertThat(earlyWarningFr)
        .contains("Échéance : 24/09/2024 07h40")
        .contains("Prise de connaissance : 23/09/2024 07h40")
        .contains("Indisponibilité complète : 23/09/2024 07h40 → 23/09/2024 11h05 (3 h 25 min)")
        .contains(
            "Première communication aux clients : 23/09/2024 11h00 (200 min après la détection)")
        .contains("Rien ne laisse suspecter")
        .contains("Non : les destinataires touchés sont en France.");
  }

  @Test
  void aSecurityAlertMakesTheCauseSuspectedAndGivesIndicators() {
    var s = seed(true);
    var drafts = new DraftReport(SeedIncident.CONFIG);
    var json = drafts.json(input(s, ObligationKind.NOTIFICATION, Language.EN), Language.EN);
    assertThat(json.get("suspectedMalicious")).isEqualTo(true);
    assertThat(json.get("indicatorsOfCompromise"))
        .isEqualTo(
            List.of(
                "ip:198.51.100.7", "user-agent:friendly-scanner", "user-agent:x</li>\u0000<b>"));
    assertThat(json.get("dueAt")).isEqualTo(paris("2024-09-26T07:40:00"));
    var html = drafts.xhtml(input(s, ObligationKind.NOTIFICATION, Language.EN), Language.EN);
    assertThat(html)
        .contains("Yes: a malicious action is suspected")
        .contains("<li>ip:198.51.100.7</li>")
        .contains("<li>user-agent:x&lt;/li&gt;\uFFFD&lt;b&gt;</li>") // escaped, NUL replaced
        .doesNotContain("EARLY_WARNING", "PT3H");
    // and the PDF still renders (XML forbids the NUL the User-Agent carried)
    var pdf = drafts.pdf(input(s, ObligationKind.NOTIFICATION, Language.EN), Language.EN);
    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");
    var timeline = s.service().incidents().store().timeline(s.id());
    assertThat(timeline)
        .anyMatch(e ->
            e.isLifecycle()
                && e.description()
                    .equals("Faits d'impact NIS2 modifiés : suspectedMalicious, indicators"));
  }

  @Test
  void theIgReportStatesTheFirstClientCommunication() throws Exception {
    var s = seed(false);
    var report = new IncidentReport(SeedIncident.CONFIG);
    var fr =
        flat(
            Poppler.text(Poppler.write(dir, "ig-fr.pdf", report.pdf(s.data(), Language.FR)), 0, 0));
    assertThat(fr).contains("11h00 (200 min après la détection)");
    assertThat(report.html(s.data(), Language.FR))
        .contains(
            "<td class=\"label\">Première communication client:</td><td>11h00 (200 min après la"
                + " détection)</td>");
    var en = report.html(s.data(), Language.EN);
    assertThat(en)
        .contains("First client communication:")
        .contains("11:00 (200 min after detection)");
  }
}
