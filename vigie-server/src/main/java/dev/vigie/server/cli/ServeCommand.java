package dev.vigie.server.cli;

import dev.vigie.server.VigieServer;
import dev.vigie.server.cluster.ClusterNode;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.Preflight;
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

  @Option(
      names = "--role",
      paramLabel = "ROLE[,ROLE]",
      description = "with --kafka: ingest, detect, respond, act (docs/scale-out.md)")
  String role;

  @Option(
      names = "--kafka",
      paramLabel = "HOST:PORT[,...]",
      description = "run the given roles on this Kafka cluster (none: one process, no Kafka)")
  String kafka;

  @Option(
      names = "--topic-prefix",
      paramLabel = "NAME",
      description = "with --kafka: topic namespace (default vigie)")
  String topicPrefix = "vigie";

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description = "with --kafka: partitions of each SIP topic when it is created (default 6)")
  int partitions = 6;

  @Option(
      names = "--event-time",
      paramLabel = "hep|ingest",
      description = "with --kafka: detection clock, the HEP timestamp (default) or arrival time")
  String eventTime = "hep";

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
          byte[] secret = new byte[16];
          new SecureRandom().nextBytes(secret);
          demoToken = "demo-" + java.util.HexFormat.of().formatHex(secret); // 37 characters
          env.put("VIGIE_API_TOKEN", demoToken);
        }
        cfg = ServeConfig.load(config != null ? config : demoCfg, env);
        cfg = cfg.withOverrides(http, hepPort, data != null ? data : tmp.resolve("data"), true);
      } else {
        cfg = config == null ? ServeConfig.defaults() : ServeConfig.load(config, env);
        cfg = cfg.withOverrides(http, hepPort, data, dryRun);
      }
      Preflight.check(cfg); // nothing is written before this passes
      dev.vigie.server.log.LogSettings.configure(cfg.root().path("logging"));
    } catch (ConfigException e) {
      err.println("vigie serve: " + e.getMessage());
      return 2;
    }
    if (kafka != null || role != null) return cluster(cfg, env);
    VigieServer server;
    try {
      server = VigieServer.start(cfg, env, InstantSource.system());
    } catch (ConfigException e) {
      err.println("vigie serve: " + e.getMessage());
      return 2;
    } catch (java.io.UncheckedIOException e) {
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

  /** {@code --role ... --kafka ...}: this process's roles in a Kafka cluster. */
  private int cluster(ServeConfig cfg, Map<String, String> env) throws Exception {
    ClusterNode node;
    try {
      if (kafka == null || role == null)
        throw new ConfigException("--role and --kafka go together (docs/scale-out.md)");
      if (partitions < 1 || partitions > 10_000)
        throw new ConfigException("--partitions: between 1 and 10000, not " + partitions);
      if (!eventTime.equals("hep") && !eventTime.equals("ingest"))
        throw new ConfigException("--event-time: hep or ingest, not '" + eventTime + "'");
      var roles = ClusterNode.Role.parse(role);
      node =
          ClusterNode.start(
              cfg,
              new ClusterNode.Options(
                  roles, kafka, topicPrefix, partitions, eventTime.equals("ingest")),
              env);
      out.printf("Vigie cluster roles %s on Kafka %s (topics %s.*)%n", roles, kafka, topicPrefix);
      if (node.hepPort() > 0) out.printf("  HEP              udp+tcp %d%n", node.hepPort());
      if (node.respond() != null)
        out.printf("  console and API  http://%s:%d/%n", cfg.httpHost(), node.respond().httpPort());
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("vigie serve: " + e.getMessage());
      return 2;
    }
    out.flush();
    CountDownLatch stop = new CountDownLatch(1);
    ClusterNode n = node;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              n.close();
              stop.countDown();
            }));
    stop.await();
    return 0;
  }
}
