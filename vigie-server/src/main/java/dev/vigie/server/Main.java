package dev.vigie.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code vigie} command. */
@Command(
    name = "vigie",
    mixinStandardHelpOptions = true,
    version = "vigie 0.1.0",
    description = "Guard, incidents and status for a hosted VoIP platform.",
    subcommands = {
      dev.vigie.server.cli.ServeCommand.class,
      dev.vigie.server.cli.AnalyzeCommand.class,
      dev.vigie.server.cli.ReplayCommand.class,
      dev.vigie.server.cli.CatalogCommand.class,
      dev.vigie.server.cli.ScoreCommand.class,
      dev.vigie.server.cli.KafkaDevCommand.class,
      dev.vigie.server.cli.DoctorCommand.class,
      dev.vigie.server.cli.BackupCommand.class,
      dev.vigie.server.cli.RestoreCommand.class
    })
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (used by tests). */
  public static int run(String... args) {
    return run(System.out, System.err, args);
  }

  /** Runs with the given output streams (tests capture them). */
  public static int run(java.io.PrintStream out, java.io.PrintStream err, String... args) {
    var analyze = dev.vigie.server.cli.AnalyzeCommand.plain(args, out, err);
    if (analyze != null) { // the common offline case, without picocli's start-up cost
      try {
        return analyze.call();
      } catch (RuntimeException ex) {
        err.println(
            "vigie: "
                + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
        return 1;
      }
    }
    CommandLine cl = new CommandLine(new Main(), new Factory(out, err));
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("vigie: " + ex.getMessage());
      ex.getCommandLine().usage(err);
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      if (ex instanceof dev.vigie.server.config.ConfigException) {
        err.println("vigie: " + ex.getMessage());
        return 2; // every configuration error exits 2
      }
      err.println(
          "vigie: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
      return 1;
    });
    return cl.execute(args);
  }

  /** Creates commands with the streams to write to. */
  private record Factory(java.io.PrintStream out, java.io.PrintStream err)
      implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        return cls.getConstructor(java.io.PrintStream.class, java.io.PrintStream.class)
            .newInstance(out, err);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(cls);
      }
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
