package dev.vigie.incident.report;

import static dev.vigie.incident.TestClock.paris;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.incident.Language;
import dev.vigie.incident.SeedIncident;
import dev.vigie.incident.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seed incident re-entered and rendered must match the golden files under {@code
 * src/test/resources/golden/} byte for byte. After an intended change of the report, regenerate
 * them with {@code -Dgolden.update=true} and review the diff.
 */
class ReportGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"FR, md", "EN, md", "FR, html", "EN, html"})
  void seedReportMatchesGolden(Language lang, String ext) throws IOException {
    var clock = new TestClock(paris("2024-09-23T07:40:00"));
    var data = SeedIncident.enter(SeedIncident.service(clock), clock);
    var report = new IncidentReport(SeedIncident.CONFIG);
    var actual = ext.equals("md") ? report.markdown(data, lang) : report.html(data, lang);
    var file = GOLDEN.resolve("IG-2024-09-23-001." + lang.code() + "." + ext);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(file).as("golden file %s (regenerate with -Dgolden.update=true)", file).exists();
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
