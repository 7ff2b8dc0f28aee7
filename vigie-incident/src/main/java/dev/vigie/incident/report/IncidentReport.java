package dev.vigie.incident.report;

import dev.vigie.incident.Language;
import java.nio.charset.StandardCharsets;

/**
 * The IG incident report: the provider's hand-written report structure and French wording ("Rapport
 * - Incident Général", début and fin, résumé, Déroulement, Analyse Post-Incident), or its English
 * translation, as Markdown, HTML or PDF.
 *
 * <p>Usage from the server: {@code new IncidentReport(config).render(ReportData.load(store, id),
 * ReportFormat.parse(format), Language.parse("lang", lang))}, answered with {@link
 * ReportFormat#contentType()}. Immutable and thread-safe.
 */
public final class IncidentReport {
  private final ReportConfig config;

  public IncidentReport(ReportConfig config) {
    this.config = config;
  }

  /** The report in the given format and language. */
  public byte[] render(ReportData data, ReportFormat format, Language language) {
    return switch (format) {
      case MD -> markdown(data, language).getBytes(StandardCharsets.UTF_8);
      case HTML -> html(data, language).getBytes(StandardCharsets.UTF_8);
      case PDF -> pdf(data, language);
    };
  }

  public String markdown(ReportData data, Language language) {
    return MarkdownReport.render(ReportView.of(data, config, language));
  }

  public String html(ReportData data, Language language) {
    return HtmlReport.render(ReportView.of(data, config, language));
  }

  public byte[] pdf(ReportData data, Language language) {
    var view = ReportView.of(data, config, language);
    return PdfReport.render(HtmlReport.render(view), view.heading());
  }

  /** A file name for downloads: {@code IG-2024-09-23-001-fr.pdf}. */
  public static String fileName(ReportData data, ReportFormat format, Language language) {
    return data.incident().number() + "-" + language.code() + "." + format.extension();
  }
}
