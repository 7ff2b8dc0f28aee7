package dev.vigie.server.cli;

import dev.vigie.cluster.KafkaDev;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigie kafka-dev}: a single-node Kafka (KRaft) from the jars Vigie ships. */
@Command(
    name = "kafka-dev",
    mixinStandardHelpOptions = true,
    description = "Run a single-node Kafka (KRaft) on 127.0.0.1 for development, demos and tests.")
public final class KafkaDevCommand implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "N", description = "broker port (default 9092)")
  int port = 9092;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "log directory, kept between runs (default ./data/kafka-dev)")
  Path data = Path.of("data", "kafka-dev");

  private final PrintStream out;
  private final PrintStream err;

  public KafkaDevCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      err.println("vigie kafka-dev: --port: between 0 and 65535, not " + port);
      return 2;
    }
    dev.vigie.server.cluster.ClusterNode.quietKafkaLogs();
    KafkaDev node;
    try {
      node = KafkaDev.start(port, data);
    } catch (RuntimeException | java.io.IOException e) {
      err.println("vigie kafka-dev: cannot start Kafka: " + e.getMessage());
      return 1;
    }
    out.printf("kafka-dev ready on %s (data %s)%n", node.bootstrap(), data.toAbsolutePath());
    out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(node::close));
    node.awaitShutdown();
    return 0;
  }
}
