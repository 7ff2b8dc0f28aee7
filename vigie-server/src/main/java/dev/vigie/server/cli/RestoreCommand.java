package dev.vigie.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigie restore FILE}: a {@code vigie backup} zip back into the data directory. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = "Restore a vigie backup zip into the data directory (stop Vigie first).")
public final class RestoreCommand extends DataDirCommand {
  @Option(names = "--force", description = "replace the database already in the data directory")
  boolean force;

  public RestoreCommand(PrintStream out, PrintStream err) {
    super("restore", out, err);
  }

  @Override
  String act(Path dir) throws IOException {
    return DataArchive.restore(file, dir, force) + " files restored into " + dir;
  }
}
