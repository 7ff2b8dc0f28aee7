package dev.vigie.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * {@code vigie kafka-dev}: a single-node Kafka (KRaft, broker and controller in one process) from
 * the Kafka jars on the classpath, for development, demos and tests. Listens on 127.0.0.1 only; one
 * replica of everything; the log directory is formatted on first start and kept.
 */
public final class KafkaDev implements AutoCloseable {
  private final KafkaRaftServer server;
  private final int port;

  private KafkaDev(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Formats {@code dataDir} when new and starts the node on {@code port} (0: a free port chosen
   * here). Throws {@link IllegalStateException} with a readable message when it cannot.
   */
  public static KafkaDev start(int port, Path dataDir) throws IOException {
    int brokerPort = port == 0 ? freePort() : port;
    int controllerPort = freePort();
    Path logs = dataDir.toAbsolutePath().resolve("kraft-logs");
    Files.createDirectories(logs);
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logs.toString());
    p.put("num.partitions", "6");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "6");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    Path config = dataDir.toAbsolutePath().resolve("server.properties");
    try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
      p.store(w, "vigie kafka-dev (rewritten at each start)");
    }
    if (!Files.exists(logs.resolve("meta.properties"))) {
      ByteArrayOutputStream msg = new ByteArrayOutputStream();
      int rc;
      try (PrintStream out = new PrintStream(msg, true, StandardCharsets.UTF_8)) {
        rc =
            StorageTool.execute(
                new String[] {
                  "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()
                },
                out);
      }
      if (rc != 0) {
        throw new IllegalStateException(
            "cannot format " + logs + ": " + msg.toString(StandardCharsets.UTF_8).strip());
      }
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
    server.startup();
    return new KafkaDev(server, brokerPort);
  }

  /** {@code 127.0.0.1:PORT}, for {@code --kafka}. */
  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Blocks until the node stops. */
  public void awaitShutdown() {
    server.awaitShutdown();
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * {@code java -cp ... dev.vigie.cluster.KafkaDev [--port N] [--data DIR]}: runs until killed;
   * prints {@code kafka-dev ready 127.0.0.1:PORT} once it accepts clients.
   */
  public static void main(String[] args) throws Exception {
    int port = 9092;
    Path data = Path.of("data", "kafka-dev");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--data" -> data = Path.of(args[++i]);
        default -> {
          System.err.println("kafka-dev: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    KafkaDev dev = start(port, data);
    Runtime.getRuntime().addShutdownHook(new Thread(dev::close));
    System.out.println("kafka-dev ready " + dev.bootstrap());
    dev.awaitShutdown();
  }
}
