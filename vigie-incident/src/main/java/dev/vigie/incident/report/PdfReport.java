package dev.vigie.incident.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.pdfbox.pdmodel.font.PDType1Font;

/**
 * Turns the report's XHTML into PDF with openhtmltopdf (PDFBox underneath).
 *
 * <p>DejaVu Sans (regular and bold, shipped in the jar with its licence) is embedded as a subset,
 * so accents render the same on every reader. The stylesheet gives A4 pages with the company header
 * repeated at the top ({@code position: running}), "Page X / Y" at the bottom ({@code
 * counter(page)}, {@code counter(pages)}), the timeline's header row repeated on each page ({@code
 * -fs-table-paginate}) and rows never split ({@code page-break-inside: avoid}).
 *
 * <p>Each call builds its own renderer: thread-safe, about O(rows) time. Measured on this 2-core
 * machine once warm: 0.3 to 0.5 s (load-dependent) for the seed (2 pages) and about the same for a
 * 131-row timeline (7 pages): the fixed cost is parsing and subsetting the fonts.
 */
final class PdfReport {
  static final String FONT_FAMILY = "DejaVu Sans";

  /**
   * PDFBox warns on every render that it has no system copy of the standard "Symbol" font the
   * renderer registers as a fallback; only the embedded DejaVu fonts are used (pdffonts shows no
   * other), so that logger is kept at SEVERE. Held here: JUL forgets levels of collected loggers.
   */
  private static final Logger PDFBOX_TYPE1 = Logger.getLogger(PDType1Font.class.getName());

  static {
    // openhtmltopdf logs several INFO lines per document; keep its warnings only
    for (var name : XRLog.listRegisteredLoggers()) {
      XRLog.setLevel(name, Level.WARNING);
    }
    PDFBOX_TYPE1.setLevel(Level.SEVERE);
  }

  private PdfReport() {}

  static byte[] render(String xhtml, String title) {
    var out = new ByteArrayOutputStream(64 * 1024);
    var builder = new PdfRendererBuilder();
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
