package dev.vigie.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.CatalogException;
import dev.vigie.catalog.analysis.CatalogAnalysis;
import dev.vigie.catalog.analysis.TextReport;
import dev.vigie.server.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigie catalog check FILE}: validate a catalogue and print its analysis. */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = "Work with the platform catalogue.",
    subcommands = {CatalogCommand.Check.class})
public final class CatalogCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Validation and analysis: exit 0 when the catalogue is valid (findings or not), 2 otherwise. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Validate a catalogue and print its analysis (SPOFs, shared-provider couplings, backup number).")
  public static final class Check implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "catalogue YAML")
    Path file;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json")
    AnalyzeCommand.Format format;

    @Option(
        names = "--lang",
        defaultValue = "en",
        paramLabel = "en|fr",
        description = "language of the text report")
    String lang;

    private final PrintStream out;
    private final PrintStream err;

    public Check(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() {
      Catalog catalog;
      try {
        catalog = Catalog.load(file);
      } catch (CatalogException e) {
        err.println("vigie catalog check: " + file + ": " + e.errors().size() + " problem(s)");
        e.errors().forEach(x -> err.println("  " + x));
        return 2;
      }
      CatalogAnalysis analysis = CatalogAnalysis.analyse(catalog);
      if (format == AnalyzeCommand.Format.json) {
        try {
          out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(analysis));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      } else {
        out.print(TextReport.render(analysis, lang));
      }
      return 0;
    }
  }
}
