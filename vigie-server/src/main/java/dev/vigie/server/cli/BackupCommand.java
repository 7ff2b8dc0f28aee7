package dev.vigie.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code vigie backup FILE}: the H2 data directory into one zip (Vigie stopped). */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = "Back up the H2 database and data files into a zip (stop Vigie first).")
public final class BackupCommand extends DataDirCommand {
  public BackupCommand(PrintStream out, PrintStream err) {
    super("backup", out, err);
  }

  @Override
  String act(Path dir) throws IOException {
    return DataArchive.backup(dir, file) + " files of " + dir + " written to " + file;
  }
}
