package dev.vigie.catalog.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.CatalogException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What {@code vigie catalog check FILE [--format text|json] [--lang en|fr]} does, for the CLI to
 * call: load and validate, analyse, print. Exit status 0 when the catalogue is valid (findings or
 * not), 2 when it is not, with every error listed on {@code err} ({@code where: what}, one a line).
 */
public final class CatalogCheck {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CatalogCheck() {}

  public static int run(
      Path file, String format, String language, PrintStream out, PrintStream err) {
    if (!format.equals("text") && !format.equals("json")) {
      err.println("vigie catalog check: unknown format '" + format + "' (expected text or json)");
      return 2;
    }
    Catalog catalog;
    try {
      catalog = Catalog.load(file);
    } catch (CatalogException e) {
      err.println(e.getMessage());
      return 2;
    }
    CatalogAnalysis analysis = CatalogAnalysis.analyse(catalog);
    if (format.equals("json")) {
      out.println(json(analysis));
    } else {
      out.print(TextReport.render(analysis, language));
    }
    return 0;
  }

  /** The analysis as indented JSON (the body of {@code GET /api/v1/catalog/analysis}). */
  public static String json(CatalogAnalysis analysis) {
    try {
      return JSON.writeValueAsString(analysis);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("analysis records always serialise", e);
    }
  }
}
