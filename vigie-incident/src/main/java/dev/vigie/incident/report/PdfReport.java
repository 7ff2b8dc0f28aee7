package dev.vigie.incident.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Turns the report's XHTML into PDF with openhtmltopdf (PDFBox underneath).
 *
 * <p>DejaVu Sans (regular and bold, shipped in the jar with its licence) is embedded as a subset,
 * so accents render the same on every reader. The stylesheet gives A4 pages with the company header
 * repeated at the top ({@code position: running}), "Page X / Y" at the bottom ({@code
 * counter(page)}, {@code counter(pages)}), the timeline's header row repeated on each page ({@code
 * -fs-table-paginate}) and rows never split ({@code page-break-inside: avoid}).
 *
 * <p>Each call builds its own renderer: thread-safe, about O(rows) time; a 120-row timeline takes
 * well under a second once warm.
 */
final class PdfReport {
  static final String FONT_FAMILY = "DejaVu Sans";

  private PdfReport() {}

  static byte[] render(String xhtml, String title) {
    var out = new ByteArrayOutputStream(64 * 1024);
    var builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.withHtmlContent(xhtml, null);
    builder.useFont(() -> font("DejaVuSans.ttf"), FONT_FAMILY, 400, FontStyle.NORMAL, true);
    builder.useFont(() -> font("DejaVuSans-Bold.ttf"), FONT_FAMILY, 700, FontStyle.NORMAL, true);
    builder.withProducer("Vigie");
    builder.toStream(out);
    try {
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the PDF of " + title, e);
    }
    return out.toByteArray();
  }

  private static InputStream font(String file) {
    var in = PdfReport.class.getResourceAsStream("fonts/" + file);
    if (in == null) {
      throw new IllegalStateException("font " + file + " is missing from the classpath");
    }
    return in;
  }
}
