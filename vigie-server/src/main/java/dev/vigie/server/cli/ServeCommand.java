package dev.vigie.server.cli;

import dev.vigie.server.VigieServer;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.ServeConfig;
import dev.vigie.server.demo.DemoFeeder;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
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

  @Option(
      names = "--demo",
      description =
          "demo: dry-run, its own H2 in a temporary folder, bundled lab captures replayed in a loop")
  boolean demo;

  private final PrintStream out;
  private final PrintStream err;

  public ServeCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    ServeConfig cfg;
    Map<String, String> env = new HashMap<>(System.getenv());
    String demoToken = null;
    try {
      if (demo) {
        Path tmp = Files.createTempDirectory("vigie-demo");
        Path demoCfg = tmp.resolve("vigie-demo.yaml");
        try (InputStream in = ServeCommand.class.getResourceAsStream("/demo/vigie-demo.yaml")) {
          Files.copy(in, demoCfg);
        }
        if (!env.containsKey("VIGIE_API_TOKEN")) {
          demoToken = "demo-" + Long.toHexString(new SecureRandom().nextLong());
          env.put("VIGIE_API_TOKEN", demoToken);
        }
        cfg = ServeConfig.load(config != null ? config : demoCfg, env);
        cfg = cfg.withOverrides(http, hepPort, data != null ? data : tmp.resolve("data"), true);
      } else {
        cfg = config == null ? ServeConfig.defaults() : ServeConfig.load(config, env);
        cfg = cfg.withOverrides(http, hepPort, data, dryRun);
      }
      dev.vigie.server.log.LogSettings.configure(cfg.root().path("logging"));
    } catch (ConfigException e) {
      err.println("vigie serve: " + e.getMessage());
      return 2;
    }
    VigieServer server;
    try {
      server = VigieServer.start(cfg, env, InstantSource.system());
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
    DemoFeeder feeder = null;
    if (demo) {
      feeder = DemoFeeder.start(server.hepPort());
      out.printf(
          "  demo             bundled lab captures replayed into HEP port %d in a loop%n"
              + "  API token        %s%n  status page      http://%s:%d/status%n",
          server.hepPort(),
          demoToken != null ? demoToken : "(VIGIE_API_TOKEN)",
          cfg.httpHost(),
          server.httpPort());
    }
    out.flush();
    CountDownLatch stop = new CountDownLatch(1);
    DemoFeeder f = feeder;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              if (f != null) f.close();
              server.close();
              stop.countDown();
            }));
    stop.await();
    return 0;
  }
}
