package dev.vigie.server.incident;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The provider's seed report (src/test/resources/seed/incident-report-IG-2024-09-23-001.txt, the
 * text of its PDF) read into what an operator types into the API: start and end, service, impact,
 * cause, the timeline rows (date, time, description) and the post-incident analysis paragraphs.
 */
record SeedReport(
    String address,
    String number,
    LocalDate startDay,
    LocalTime start,
    LocalDate endDay,
    LocalTime end,
    String service,
    String clientImpact,
    String cause,
    List<Row> rows,
    List<String> findings) {

  static final String RESOURCE = "/seed/incident-report-IG-2024-09-23-001.txt";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH'h'mm");

  /** One row of "Déroulement", as printed: {@code 23/09/2024}, {@code 07h40}, description. */
  record Row(String date, String time, String description) {
    LocalDate day() {
      return LocalDate.parse(date, DAY);
    }

    LocalTime localTime() {
      return LocalTime.parse(time, TIME);
    }
  }

  static SeedReport load() throws IOException {
    String text;
    try (InputStream in = SeedReport.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the test resources");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    var lines = text.lines().map(String::strip).toList();
    var span =
        find(text, "Début de l'incident : (\\S+) à (\\S+) Fin de l'incident : (\\S+) à (\\S+)");
    var rows = new ArrayList<Row>();
    var rowPattern = Pattern.compile("^(\\d{2}/\\d{2}/\\d{4})\\t(\\d{2}h\\d{2})\\t(.+)$");
    for (var line : text.lines().toList()) {
      var m = rowPattern.matcher(line);
      if (m.matches()) {
        rows.add(new Row(m.group(1), m.group(2), m.group(3).strip()));
      }
    }
    var findings = new ArrayList<String>();
    int analysis = lines.indexOf("Analyse Post-Incident");
    for (var line : lines.subList(analysis + 1, lines.size())) {
      if (!line.isEmpty()) {
        findings.add(line);
      }
    }
    return new SeedReport(
        lines.get(0),
        find(text, "Rapport - Incident Général (IG-\\S+)").group(1),
        LocalDate.parse(span.group(1), DAY),
        LocalTime.parse(span.group(2), TIME),
        LocalDate.parse(span.group(3), DAY),
        LocalTime.parse(span.group(4), TIME),
        find(text, "Service\\(s\\) impacté\\(s\\): (.+)").group(1).strip(),
        find(text, "Impact Client: (.+)").group(1).strip(),
        find(text, "<u>Cause</u>: (.+)").group(1).strip(),
        List.copyOf(rows),
        List.copyOf(findings));
  }

  private static Matcher find(String text, String regex) {
    var m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("the seed report has no line matching " + regex);
    }
    return m;
  }
}
