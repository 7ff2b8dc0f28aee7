package dev.vigie.incident.report;

import static dev.vigie.incident.TestClock.paris;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.incident.IncidentSeverity;
import dev.vigie.incident.Language;
import dev.vigie.incident.NewIncident;
import dev.vigie.incident.SeedIncident;
import dev.vigie.incident.TestClock;
import dev.vigie.incident.review.ActionStatus;
import dev.vigie.incident.review.CorrectiveAction;
import dev.vigie.incident.review.Review;
import dev.vigie.incident.timeline.EntryEdit;
import dev.vigie.incident.timeline.TimelineSource;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Escaping, hidden entries, the full review, and the format/language parameters. */
class ReportContentTest {
  private static final String EVIL = "<script>alert('x')</script> & *gras* | [lien](http://x) _i_";
  @TempDir Path dir;

  private ReportData hostile() {
    var clock = new TestClock(paris("2024-09-23T07:40:00"));
    var service = SeedIncident.service(clock);
    var i =
        service.open(
            new NewIncident(
                EVIL,
                paris("2024-09-23T07:40:00"),
                List.of("3CX <prod>"),
                "Appels\nperdus",
                EVIL,
                IncidentSeverity.MAJOR,
                null,
                null,
                List.of("Client & Fils"),
                null),
            "noc");
    service.addEntry(i.id(), paris("2024-09-23T07:45:00"), EVIL, TimelineSource.OPERATOR, "noc");
    service.addEntry(
        i.id(),
        paris("2024-09-23T07:50:00"),
        "# pas un titre\n- pas une liste\n1. pas numéroté",
        TimelineSource.OPERATOR,
        "noc");
    var secret =
        service.addEntry(
            i.id(),
            paris("2024-09-23T07:55:00"),
            "note interne à masquer",
            TimelineSource.OPERATOR,
            "noc");
    service.editEntry(i.id(), secret.id(), EntryEdit.hide(1, "noc"));
    service.saveReview(
        i.id(),
        new Review(
            List.of("Constat"),
            "Hyperviseur saturé",
            List.of("Détection rapide"),
            List.of("Numéro de support unique"),
            List.of(
                new CorrectiveAction(
                    "Numéro de secours",
                    "Équipe voix",
                    LocalDate.of(2024, 10, 31),
                    ActionStatus.DONE)),
            0),
        0);
    return ReportData.load(service.store(), i.id());
  }

  @Test
  void htmlEscapesUserTextAndStaysWellFormedXml() throws Exception {
    var html = new IncidentReport(SeedIncident.CONFIG).html(hostile(), Language.FR);
    assertThat(html)
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; *gras*");
    assertThat(html).contains("Appels<br />perdus").contains("3CX &lt;prod&gt;");
    assertThat(html).doesNotContain("note interne");
    assertThat(html)
        .contains(
            "<h3>Cause racine</h3>",
            "<h3>Ce qui a bien fonctionné</h3>",
            "<h3>Ce qui a moins bien fonctionné</h3>",
            "<h3>Actions correctives</h3>");
    assertThat(html)
        .contains("<td>Numéro de secours</td><td>Équipe voix</td><td>31/10/2024</td><td>Fait</td>");
    assertThat(html).contains("Client(s) affecté(s):</td><td>Client &amp; Fils");
    var xml =
        javax.xml.parsers.DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new org.xml.sax.InputSource(new java.io.StringReader(html)));
    assertThat(xml.getDocumentElement().getAttribute("lang")).isEqualTo("fr");
  }

  @Test
  void markdownEscapesUserText() {
    var md = new IncidentReport(SeedIncident.CONFIG).markdown(hostile(), Language.EN);
    assertThat(md)
        .contains(
            "\\<script\\>alert('x')\\</script\\> & \\*gras\\* \\| \\[lien\\](http://x) \\_i\\_");
    assertThat(md)
        .contains(
            "| 23/09/2024 | 07:50 | \\# pas un titre<br>\\- pas une liste<br>1\\. pas numéroté |");
    assertThat(md).doesNotContain("note interne");
    assertThat(md)
        .contains(
            "### Corrective actions", "| Numéro de secours | Équipe voix | 31/10/2024 | Done |");
    assertThat(md).contains("**Client impact:** Appels<br>perdus");
  }

  @Test
  void markdownKeepsEntitiesLiteral() {
    assertThat(Escape.markdown("AT&T &copy; &#60; & co")).isEqualTo("AT&T \\&copy; \\&#60; & co");
    assertThat(Escape.markdown("12. pas une liste")).isEqualTo("12\\. pas une liste");
    assertThat(Escape.markdown("a - b = c")).isEqualTo("a - b = c");
  }

  @Test
  void pdfOfHostileTextRendersItLiterally() throws Exception {
    var pdf =
        Poppler.write(
            dir, "evil.pdf", new IncidentReport(SeedIncident.CONFIG).pdf(hostile(), Language.FR));
    var text = Poppler.text(pdf, 0, 0).replaceAll("\\s+", " ");
    assertThat(text)
        .contains("<script>alert('x')</script> & *gras*")
        .doesNotContain("note interne");
  }

  @Test
  void ongoingIncidentAndMissingReview() {
    var clock = new TestClock(paris("2024-09-23T07:40:00"));
    var service = SeedIncident.service(clock);
    var i =
        service.open(
            NewIncident.of(
                "t", paris("2024-09-23T07:40:00"), null, null, null, IncidentSeverity.LOW),
            "noc");
    var data = ReportData.load(service.store(), i.id());
    var report = new IncidentReport(SeedIncident.CONFIG);
    assertThat(report.markdown(data, Language.FR))
        .contains(
            "Fin de l'incident : en cours", "_Aucune entrée._", "_Analyse en cours de rédaction._");
    assertThat(report.markdown(data, Language.EN))
        .contains("Incident end: ongoing", "_No entries._", "_Analysis in progress._");
    assertThat(IncidentReport.fileName(data, ReportFormat.PDF, Language.EN))
        .isEqualTo("IG-2024-09-23-001-en.pdf");
  }

  @ParameterizedTest
  @CsvSource({"pdf, PDF", "HTML, HTML", "md, MD", "markdown, MD", "'', PDF"})
  void formatParses(String value, ReportFormat expected) {
    assertThat(ReportFormat.parse(value)).isEqualTo(expected);
  }

  @Test
  void badParametersNameTheValue() {
    assertThatThrownBy(() -> ReportFormat.parse("docx"))
        .hasMessage("format 'docx' is not one of pdf|html|md");
    assertThatThrownBy(() -> Language.parse("lang", "de"))
        .hasMessage("lang 'de' is not one of FR|EN");
    assertThatThrownBy(() -> new ReportConfig(" ", List.of(), null))
        .hasMessage("report.companyName is missing or blank");
    assertThatThrownBy(() -> new ReportConfig("X", List.of("a", " "), null))
        .hasMessage("report.address[1] is blank");
  }
}
