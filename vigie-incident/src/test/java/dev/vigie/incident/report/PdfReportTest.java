package dev.vigie.incident.report;

import static dev.vigie.incident.TestClock.paris;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.incident.Language;
import dev.vigie.incident.SeedIncident;
import dev.vigie.incident.TestClock;
import dev.vigie.incident.timeline.TimelineSource;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PDF, read back with the real pdftotext. */
class PdfReportTest {
  @TempDir Path dir;

  private Path seedPdf(String name, Language lang) throws Exception {
    var clock = new TestClock(paris("2024-09-23T07:40:00"));
    var data = SeedIncident.enter(SeedIncident.service(clock), clock);
    return Poppler.write(dir, name, new IncidentReport(SeedIncident.CONFIG).pdf(data, lang));
  }

  private static String flat(String s) {
    return s.replaceAll("\\s+", " ");
  }

  @Test
  void seedPdfHoldsEveryRowInOrderWithAccentsAndPageNumbers() throws Exception {
    var pdf = seedPdf("seed.pdf", Language.FR);
    var text = flat(Poppler.text(pdf, 0, 0));

    assertThat(text)
        .contains("Rapport - Incident Général IG-2024-09-23-001")
        .contains("Début de l'incident : 23/09/2024 à 07h40")
        .contains("Fin de l'incident : 23/09/2024 à 11h05")
        .contains("Service(s) impacté(s): Téléphonie IP 3CX")
        .contains("Impact Client: Problème d'acheminement des appels entrants / sortants externes")
        .contains("Cause: Défaillance sur l'infrastructure virtuelle de notre fournisseur")
        .contains("1361 Route de Bagnols 30290 Laudun L'Ardoise")
        .contains("Date Heure Description");
    int last = -1;
    for (var row : SeedIncident.ROWS) {
      var line = "23/09/2024 " + row[0].replace(':', 'h') + " " + row[1];
      int at = text.indexOf(line);
      assertThat(at).as("row %s in the PDF text", line).isGreaterThan(last);
      last = at;
    }
    int analysis = text.indexOf("Analyse Post-Incident");
    assertThat(analysis).isGreaterThan(last);
    for (var finding : SeedIncident.FINDINGS) {
      assertThat(text.indexOf(finding)).as(finding).isGreaterThan(analysis);
    }
    int pages = Poppler.pages(pdf);
    assertThat(pages).isEqualTo(2);
    assertThat(text).contains("Page 1 / 2").contains("Page 2 / 2");
    assertThat(Poppler.fonts(pdf)).contains("DejaVuSans").contains("DejaVuSans-Bold");
    assertThat(Poppler.fonts(pdf).lines().filter(l -> l.contains("DejaVu")))
        .allSatisfy(l -> assertThat(l).contains(" yes ")); // embedded (and subset)
  }

  @Test
  void longTimelineBreaksAcrossPagesWithHeaderRepeatedAndNoRowSplit() throws Exception {
    var clock = new TestClock(paris("2024-09-23T07:40:00"));
    var service = SeedIncident.service(clock);
    var data = SeedIncident.enter(service, clock);
    long id = data.incident().id();
    var start = paris("2024-09-23T12:00:00");
    for (int i = 1; i <= 120; i++) {
      service.addEntry(
          id,
          start.plus(Duration.ofMinutes(i)),
          "Ligne n°"
              + i
              + " : vérification des métriques de la machine pbx-"
              + i
              + (i % 7 == 0
                  ? " avec un commentaire plus long qui occupe plusieurs lignes dans"
                      + " la cellule de description pour vérifier la coupure propre du tableau"
                  : ""),
          TimelineSource.OPERATOR,
          "noc");
    }
    data = ReportData.load(service.store(), id);
    var pdf =
        Poppler.write(
            dir, "long.pdf", new IncidentReport(SeedIncident.CONFIG).pdf(data, Language.FR));
    int pages = Poppler.pages(pdf);
    assertThat(pages).isGreaterThanOrEqualTo(4);
    int timelinePages = 0;
    var seen = new java.util.ArrayList<Integer>();
    for (int p = 1; p <= pages; p++) {
      var page = flat(Poppler.text(pdf, p, p));
      assertThat(page).as("page %d", p).contains("Page " + p + " / " + pages);
      assertThat(page).as("page %d header", p).contains("1361 Route de Bagnols");
      var m = java.util.regex.Pattern.compile("Ligne n°(\\d+) : vérification").matcher(page);
      boolean any = false;
      while (m.find()) {
        seen.add(Integer.parseInt(m.group(1)));
        any = true;
      }
      if (any) {
        timelinePages++;
        assertThat(page)
            .as("page %d repeats the table header", p)
            .contains("Date Heure Description");
      }
    }
    assertThat(timelinePages).isGreaterThanOrEqualTo(3);
    // every row exactly once, in order: a row split across pages would lose or repeat its text
    assertThat(seen).hasSize(120);
    assertThat(seen).isSorted();
    var all = flat(Poppler.text(pdf, 0, 0));
    for (int i = 7; i <= 120; i += 7) {
      assertThat(all)
          .contains(
              "pbx-"
                  + i
                  + " avec un commentaire plus long qui occupe plusieurs lignes dans la"
                  + " cellule de description pour vérifier la coupure propre du tableau");
    }
  }

  @Test
  void englishPdfUsesTheTranslation() throws Exception {
    var pdf = seedPdf("en.pdf", Language.EN);
    var text = flat(Poppler.text(pdf, 0, 0));
    assertThat(text)
        .contains("Report - General Incident IG-2024-09-23-001")
        .contains("Incident start: 23/09/2024 at 07:40")
        .contains("Date Time Description")
        .contains("23/09/2024 07:40 Remontée d'alerte")
        .contains("Post-Incident Analysis");
  }
}
