package dev.vigie.server.cli;

import dev.vigie.server.config.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code backup} and {@code restore} share: the zip, the data directory, one-line errors. */
abstract class DataDirCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "the backup zip")
  Path file;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (optional)")
  Path config;

  @Option(names = "--data", paramLabel = "DIR", description = "data directory (default ./data)")
  Path data;

  private final PrintStream out;
  private final PrintStream err;
  private final String name;

  DataDirCommand(String name, PrintStream out, PrintStream err) {
    this.name = name;
    this.out = out;
    this.err = err;
  }

  /** Does the work on the H2 data directory; returns the line to print. */
  abstract String act(Path dir) throws IOException;

  @Override
  public Integer call() {
    try {
      out.println("vigie " + name + ": " + act(DataArchive.h2DataDir(config, data)));
      return 0;
    } catch (ConfigException e) {
      err.println("vigie " + name + ": " + AnalyzeCommand.oneLine(e.getMessage()));
      return 2;
    } catch (IOException e) {
      err.println("vigie " + name + ": " + file + ": " + AnalyzeCommand.oneLine(String.valueOf(e)));
      return 1;
    }
  }
}
