package dev.vigie.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code vigie} command. */
@Command(
    name = "vigie",
    mixinStandardHelpOptions = true,
    version = "vigie 0.1.0",
    description = "Guard, incidents and status for a hosted VoIP platform.")
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (used by tests). */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
