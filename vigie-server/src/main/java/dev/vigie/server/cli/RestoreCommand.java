package dev.vigie.server.cli;

import dev.vigie.server.config.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigie restore FILE}: a {@code vigie backup} zip back into the data directory. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = "Restore a vigie backup zip into the data directory (stop Vigie first).")
public final class RestoreCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "the backup zip")
  Path file;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (optional)")
  Path config;

  @Option(names = "--data", paramLabel = "DIR", description = "data directory (default ./data)")
  Path data;

  @Option(names = "--force", description = "replace the database already in the data directory")
  boolean force;

  private final PrintStream out;
  private final PrintStream err;

  public RestoreCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    try {
      Path dir = DataArchive.h2DataDir(config, data);
      int n = DataArchive.restore(file, dir, force);
      out.println("vigie restore: " + n + " files restored into " + dir);
      return 0;
    } catch (ConfigException e) {
      err.println("vigie restore: " + AnalyzeCommand.oneLine(e.getMessage()));
      return 2;
    } catch (IOException e) {
      err.println("vigie restore: " + file + ": " + AnalyzeCommand.oneLine(String.valueOf(e)));
      return 1;
    }
  }
}
