package dev.vigie.incident.report;

import static dev.vigie.incident.TestClock.paris;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.incident.IncidentSeverity;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.Language;
import dev.vigie.incident.NewIncident;
import dev.vigie.incident.Priority;
import dev.vigie.incident.SeedIncident;
import dev.vigie.incident.TestClock;
import dev.vigie.incident.review.CorrectiveAction;
import dev.vigie.incident.review.Review;
import dev.vigie.incident.timeline.TimelineSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 11, any text renders: random strings (XML-forbidden code points, unpaired surrogates,
 * controls, ANSI escapes, markup) in every field of an incident (title, services, impact, cause,
 * timeline, review) never break a report: the PDF renders and the real {@code pdftotext} reads it;
 * the HTML and Markdown hold no character XML forbids.
 */
class SecurityPublicReportTextTest {

  /** The field values of one incident. */
  record Fields(
      String title,
      List<String> services,
      String impact,
      String cause,
      List<String> timeline,
      List<String> findings,
      String rootCause,
      String action) {}

  @Property(tries = 15)
  void everyReportRendersAnyText(@ForAll("fields") Fields f, @ForAll("languages") Language lang)
      throws Exception {
    var clock = new TestClock(paris("2024-09-23T07:52:00"));
    var service = SeedIncident.service(clock);
    var incident =
        service.open(
            new NewIncident(
                f.title(),
                paris("2024-09-23T07:40:00"),
                f.services(),
                f.impact(),
                f.cause(),
                IncidentSeverity.MAJOR,
                Priority.P1,
                paris("2024-09-23T07:40:00"),
                List.of(f.title()),
                null),
            "noc");
    long id = incident.id();
    for (String t : f.timeline()) {
      service.addEntry(id, paris("2024-09-23T07:45:00"), t, TimelineSource.OPERATOR, f.action());
    }
    service.transition(
        id, IncidentStatus.RESOLVED, null, paris("2024-09-23T09:00:00"), "noc", f.cause());
    service.saveReview(
        id,
        new Review(
            f.findings(),
            f.rootCause(),
            List.of(f.impact()),
            List.of(f.cause()),
            List.of(new CorrectiveAction(f.action(), f.action(), null, null)),
            0),
        0);
    var data = ReportData.load(service.store(), id);
    var report = new IncidentReport(SeedIncident.CONFIG);

    String html = report.html(data, lang);
    String md = report.markdown(data, lang);
    assertThat(forbidden(html)).as("HTML").isEmpty();
    assertThat(forbidden(md)).as("Markdown").isEmpty();
    byte[] pdf = report.pdf(data, lang);
    Path dir = Files.createTempDirectory("vigie-report");
    try {
      Path file = Poppler.write(dir, "r.pdf", pdf);
      String text = Poppler.text(file, 0, 0); // fails unless pdftotext reads it
      assertThat(text).contains(incident.number());
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) Files.delete(p);
      }
      Files.delete(dir);
    }
  }

  @Example
  void forbiddenCodePointsAreReplacedNotDropped() {
    assertThat(Escape.html("a\uFFFEb\uFFFFc\u0001d\uD800e\uDC00f😀"))
        .isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf😀");
    assertThat(Escape.xmlSafe("tab\tline\ncr\r")).isEqualTo("tab\tline\ncr\r");
    String clean = "déjà vu";
    assertThat(Escape.xmlSafe(clean)).isSameAs(clean);
    assertThat(Escape.markdown("\u001b[31m")).isEqualTo("\uFFFD\\[31m");
  }

  /** The characters of {@code s} that XML 1.0 forbids (or that cannot be encoded in UTF-8). */
  static String forbidden(String s) {
    var out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)
          || c < 0x20 && c != '\t' && c != '\n' && c != '\r'
          || c == '\uFFFE'
          || c == '\uFFFF') {
        out.append(String.format("U+%04X ", (int) c));
      }
    }
    // and the bytes written are valid UTF-8 that decodes to the same text
    assertThat(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(s);
    return out.toString();
  }

  @Provide
  Arbitrary<Language> languages() {
    return Arbitraries.of(Language.class);
  }

  @Provide
  Arbitrary<Fields> fields() {
    var t = text();
    return Combinators.combine(
            t,
            t.list().ofMinSize(1).ofMaxSize(3),
            t,
            t,
            t.list().ofMaxSize(4),
            t.list().ofMinSize(1).ofMaxSize(3),
            t,
            t)
        .as(Fields::new);
  }

  /** Any text, biased to what breaks XML, PDF fonts and terminals. */
  static Arbitrary<String> text() {
    Arbitrary<String> any = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(60);
    Arbitrary<String> nasty =
        Arbitraries.of(
            "\uFFFE",
            "\uFFFF",
            "\uD800",
            "\uDC00",
            "\u0000\u0001\u0008\u000B\u000C\u001F",
            "\u001b[2J\u001b[31m",
            "<b>]]></b>&amp;&#0;",
            "😀𝄞",
            "\u202Eabc",
            "line\nbreak\r\n");
    return Arbitraries.oneOf(
            any, nasty, Combinators.combine(any, nasty, any).as((a, b, c) -> a + b + c))
        .map(s -> "x" + s + "y");
  }
}
