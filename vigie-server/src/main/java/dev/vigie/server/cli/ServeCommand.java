package dev.vigie.server.cli;

import dev.vigie.server.VigieServer;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.ServeConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigie serve}: the live guard, console, API and status page. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Run Vigie: HEP listeners, live detection, containment, API, console, status page.")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (optional)")
  Path config;

  @Option(
      names = "--http",
      paramLabel = "HOST:PORT",
      description = "console and API (default 127.0.0.1:8080)")
  String http;

  @Option(
      names = "--hep-port",
      paramLabel = "N",
      description = "HEP port, UDP and TCP (default 9060)")
  Integer hepPort;

  @Option(names = "--data", paramLabel = "DIR", description = "data directory (default ./data)")
  Path data;

  @Option(names = "--dry-run", description = "decide and audit containment, never act")
  boolean dryRun;

  private final PrintStream out;
  private final PrintStream err;

  public ServeCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    ServeConfig cfg;
    try {
      cfg = config == null ? ServeConfig.defaults() : ServeConfig.load(config, System.getenv());
      cfg = cfg.withOverrides(http, hepPort, data, dryRun);
    } catch (ConfigException e) {
      err.println("vigie serve: " + e.getMessage());
      return 2;
    }
    VigieServer server;
    try {
      server = VigieServer.start(cfg, System.getenv(), InstantSource.system());
    } catch (ConfigException e) {
      err.println("vigie serve: " + e.getMessage());
      return 2;
    } catch (java.net.BindException | io.netty.channel.unix.Errors.NativeIoException e) {
      err.println(
          "vigie serve: cannot listen: "
              + e.getMessage()
              + " (is another Vigie running? use --http / --hep-port)");
      return 2;
    }
    out.printf(
        "Vigie is running%n  console and API  http://%s:%d/%n  HEP              udp+tcp %s:%d%n%s  data             %s%s%n",
        cfg.httpHost(),
        server.httpPort(),
        cfg.hepHost(),
        server.hepPort(),
        server.cdrPort() > 0 ? String.format("  3CX CDR          tcp %d%n", server.cdrPort()) : "",
        cfg.dataDir().toAbsolutePath(),
        cfg.dryRun() ? "\n  mode             dry-run (no containment action is applied)" : "");
    out.flush();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              server.close();
              stop.countDown();
            }));
    stop.await();
    return 0;
  }
}
