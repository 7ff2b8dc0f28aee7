package dev.vigie.incident.report;

import dev.vigie.incident.InvalidIncidentException;
import java.util.Locale;

/** The formats of {@code GET /incidents/{id}/report?format=pdf|html|md}. */
public enum ReportFormat {
  PDF("application/pdf", "pdf"),
  HTML("text/html; charset=UTF-8", "html"),
  MD("text/markdown; charset=UTF-8", "md");

  private final String contentType;
  private final String extension;

  ReportFormat(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  public String contentType() {
    return contentType;
  }

  public String extension() {
    return extension;
  }

  /** Parses {@code pdf|html|md} (also {@code markdown}); null or blank gives PDF. */
  public static ReportFormat parse(String value) {
    if (value == null || value.isBlank()) {
      return PDF;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "pdf" -> PDF;
      case "html", "htm" -> HTML;
      case "md", "markdown" -> MD;
      default ->
          throw new InvalidIncidentException("format '" + value + "' is not one of pdf|html|md");
    };
  }
}
