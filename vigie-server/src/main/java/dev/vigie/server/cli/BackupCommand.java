package dev.vigie.server.cli;

import dev.vigie.server.config.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigie backup FILE}: the H2 data directory into one zip (Vigie stopped). */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = "Back up the H2 database and data files into a zip (stop Vigie first).")
public final class BackupCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "the zip to write")
  Path file;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (optional)")
  Path config;

  @Option(names = "--data", paramLabel = "DIR", description = "data directory (default ./data)")
  Path data;

  private final PrintStream out;
  private final PrintStream err;

  public BackupCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    try {
      Path dir = DataArchive.h2DataDir(config, data);
      int n = DataArchive.backup(dir, file);
      out.println("vigie backup: " + n + " files of " + dir + " written to " + file);
      return 0;
    } catch (ConfigException e) {
      err.println("vigie backup: " + AnalyzeCommand.oneLine(e.getMessage()));
      return 2;
    } catch (IOException e) {
      err.println("vigie backup: " + file + ": " + AnalyzeCommand.oneLine(String.valueOf(e)));
      return 1;
    }
  }
}
