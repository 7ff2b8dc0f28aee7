package dev.vigie.server.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigie.cluster.ActAgent;
import dev.vigie.cluster.ActionPublisher;
import dev.vigie.cluster.AlertSubscriber;
import dev.vigie.cluster.AppliedActions;
import dev.vigie.cluster.Checkpoints;
import dev.vigie.cluster.DetectWorker;
import dev.vigie.cluster.IngestPublisher;
import dev.vigie.cluster.KafkaProps;
import dev.vigie.cluster.Stages;
import dev.vigie.cluster.ThresholdFeed;
import dev.vigie.cluster.Topics;
import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.server.Json;
import dev.vigie.server.VigieServer;
import dev.vigie.server.config.CdrConfig;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.IngestConfig;
import dev.vigie.server.config.InventoryFile;
import dev.vigie.server.config.ServeConfig;
import dev.vigie.server.contain.ContainmentModule;
import dev.vigie.server.contain.ContainmentSettings;
import dev.vigie.server.ingest.CdrListener;
import dev.vigie.server.ingest.HepGate;
import dev.vigie.server.ingest.HepListener;
import dev.vigie.server.ingest.IngestQueue;
import dev.vigie.wire.hep.InflateBudget;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vigie serve --role ROLE[,ROLE] --kafka HOST:PORT[,...]}: the roles of this process in a
 * Kafka cluster (docs/scale-out.md). Creates the topics when missing, then starts each role.
 */
public final class ClusterNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** The roles a process can take. */
  public enum Role {
    INGEST,
    DETECT,
    RESPOND,
    ACT;

    /** Parses {@code ingest,detect}; throws {@link ConfigException} naming a bad word. */
    public static Set<Role> parse(String text) {
      Set<Role> out = EnumSet.noneOf(Role.class);
      for (String w : text.split(",")) {
        try {
          out.add(Role.valueOf(w.strip().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new ConfigException(
              "--role: '" + w.strip() + "' is not a role (ingest, detect, respond, act)");
        }
      }
      return out;
    }
  }

  /** The cluster options of {@code serve}. */
  public record Options(
      Set<Role> roles, String bootstrap, String topicPrefix, int partitions, boolean ingestTime) {}

  private final List<AutoCloseable> started = new ArrayList<>();
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private VigieServer respond;
  private HepListener hep;
  private CdrListener cdr;
  private DetectWorker detect;
  private ThresholdRegistry detectThresholds;

  private ClusterNode() {}

  public static ClusterNode start(ServeConfig cfg, Options o, Map<String, String> env)
      throws Exception {
    quietKafkaLogs();
    ClusterNode n = new ClusterNode();
    try {
      n.startAll(cfg, o, env);
      return n;
    } catch (Exception | Error e) {
      n.close();
      throw e;
    }
  }

  private void startAll(ServeConfig cfg, Options o, Map<String, String> env) throws Exception {
    Topics topics = new Topics(o.topicPrefix());
    try (Admin admin =
        Admin.create(
            Map.of(
                "bootstrap.servers",
                o.bootstrap(),
                "default.api.timeout.ms",
                "15000",
                "request.timeout.ms",
                "10000"))) {
      int brokers = admin.describeCluster().nodes().get().size();
      topics.create(admin, o.partitions(), (short) Math.min(3, brokers));
    } catch (java.util.concurrent.ExecutionException e) {
      throw new ConfigException(
          "--kafka " + o.bootstrap() + ": Kafka not reachable (" + e.getCause().getMessage() + ")");
    }
    Map<String, Object> root = Json.mapper().convertValue(cfg.root(), MAP);
    Inventory inventory = InventoryFile.fromRoot(root, "configuration");
    String host = InetAddress.getLocalHost().getHostName();
    InstantSource clock = InstantSource.system();
    if (o.roles().contains(Role.RESPOND)) {
      KafkaProducer<byte[], byte[]> p =
          new KafkaProducer<>(KafkaProps.reliableProducer(o.bootstrap(), "respond-" + host));
      started.add(p);
      respond = VigieServer.startRespond(cfg, env, clock, List.of(new ActionPublisher(p, topics)));
      started.add(respond);
      // the thresholds in force to the config topic, at start and after each change; on a thread
      // of its own so that an API call never waits for Kafka (the latest snapshot wins)
      var feed =
          java.util.concurrent.Executors.newSingleThreadExecutor(
              r -> Thread.ofPlatform().name("vigie-thresholds").daemon(true).unstarted(r));
      started.add(feed::shutdownNow);
      VigieServer server = respond;
      Runnable publish =
          () ->
              feed.execute(() -> {
                try {
                  ThresholdFeed.publish(p, topics, server.thresholds());
                } catch (RuntimeException e) {
                  LOG.warn("thresholds not published to Kafka: {}", e.toString());
                }
              });
      respond.onThresholdsChanged(publish);
      publish.run();
      AlertSubscriber sub =
          new AlertSubscriber(
              new KafkaConsumer<>(KafkaProps.consumer(o.bootstrap(), "vigie-respond", host)),
              topics,
              respond::handleAlert,
              Duration.ofMinutes(5));
      thread("vigie-respond", sub);
    }
    if (o.roles().contains(Role.DETECT)) {
      // thresholds changed at run time (respond's API, console) reach this process's engines live
      ThresholdRegistry thresholds =
          new ThresholdRegistry(inventory.thresholds(Thresholds.defaults()));
      ThresholdFeed.Follower follower =
          new ThresholdFeed.Follower(
              new KafkaConsumer<>(KafkaProps.reader(o.bootstrap(), "thresholds-" + host)),
              topics,
              thresholds);
      thread("vigie-thresholds", follower);
      if (!follower.awaitCaughtUp(Duration.ofSeconds(20)))
        LOG.warn("detect: the thresholds topic was not read within 20 s; configured ones apply");
      DetectWorker w =
          new DetectWorker(
              new KafkaConsumer<>(KafkaProps.consumer(o.bootstrap(), "vigie-detect", host)),
              new KafkaProducer<>(KafkaProps.reliableProducer(o.bootstrap(), "detect-" + host)),
              List.of(topics),
              inventory,
              thresholds,
              EngineOptions.defaults().withRandomTableKey(),
              Duration.ofSeconds(1));
      KafkaProducer<byte[], byte[]> cp =
          new KafkaProducer<>(KafkaProps.reliableProducer(o.bootstrap(), "checkpoints-" + host));
      started.add(cp);
      w.withCheckpoints(
          new Checkpoints(
              cp,
              () ->
                  new KafkaConsumer<>(
                      KafkaProps.consumer(o.bootstrap(), "vigie-checkpoints", "ckpt-" + host))),
          Duration.ofSeconds(60));
      thread("vigie-detect", w);
      detect = w;
      detectThresholds = thresholds;
    }
    if (o.roles().contains(Role.ACT)) {
      ContainmentSettings cs;
      try {
        cs = ContainmentSettings.read(root, cfg.dryRun());
      } catch (dev.vigie.contain.config.ConfigException e) {
        throw new ConfigException("configuration: " + e.getMessage());
      }
      Files.createDirectories(cfg.dataDir());
      ActAgent agent =
          new ActAgent(
              new KafkaConsumer<>(
                  KafkaProps.consumer(o.bootstrap(), "vigie-act-" + host, "act-" + host)),
              topics,
              new ActuatorSetAdapter(ContainmentModule.configured(cs, clock)),
              new AppliedActions(cfg.dataDir().resolve("applied-actions")));
      thread("vigie-act", agent);
    }
    if (o.roles().contains(Role.INGEST)) {
      KafkaProducer<byte[], byte[]> p =
          new KafkaProducer<>(
              KafkaProps.ingestProducer(o.bootstrap(), "ingest-" + host, 64L << 20));
      IngestPublisher pub = new IngestPublisher(p, topics, new Stages(inventory), clock);
      started.add(pub);
      Set<Long> ids = new HashSet<>();
      for (Integer i : cfg.hepCaptureIds()) ids.add(i & 0xFFFF_FFFFL);
      IngestConfig ic = IngestConfig.from(cfg);
      InflateBudget budget =
          new InflateBudget(
              ic.maxInflatedBytesPerPacket(), ic.maxInflatedBytesPerSecond(), System::nanoTime);
      KafkaIngest ki =
          new KafkaIngest(pub, clock, cfg.hepAuthKey(), ids, o.ingestTime(), budget, metrics);
      IngestQueue queue =
          new IngestQueue(ic.queueCapacity(), ic.queueBytes(), ki::accept, ki::tick).start();
      started.add(queue);
      HepGate gate = new HepGate(ic.allow(), cfg.hepAuthKey(), metrics);
      hep =
          HepListener.start(
              cfg.hepHost(), cfg.hepPort(), cfg.hepReceiveBufferBytes(), queue, gate, ic);
      started.add(hep);
      // 3CX CDRs to the machine stage, on the same thread as the HEP (the publisher is not shared)
      CdrConfig cdrCfg = CdrConfig.from(cfg, inventory);
      if (cdrCfg.port() > 0) {
        cdr =
            CdrListener.start(
                cdrCfg,
                inventory,
                cfg.zone(),
                (rec, machine) -> queue.submit(() -> ki.acceptCdr(rec, machine), 2000),
                metrics);
        started.add(cdr);
      }
      FunctionCounter.builder("vigie_ingest_dropped_total", queue, IngestQueue::dropped)
          .register(metrics);
      FunctionCounter.builder("vigie_cluster_publish_dropped_total", pub, IngestPublisher::dropped)
          .register(metrics);
    }
    LOG.info("cluster roles {} on {} (topics {}.*)", o.roles(), o.bootstrap(), o.topicPrefix());
  }

  /**
   * Kafka's clients and broker log every configuration at INFO: warnings only, unless the operator
   * set a level ({@code -Dorg.slf4j.simpleLogger.log.org.apache.kafka=info}).
   */
  public static void quietKafkaLogs() {
    for (String logger : List.of("org.apache.kafka", "kafka", "state.change.logger")) {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) System.setProperty(key, "warn");
    }
  }

  private void thread(String name, Runnable r) {
    Thread t = Thread.ofPlatform().name(name).start(r);
    started.add(() -> {
      ((AutoCloseable) r).close();
      t.join(10_000);
    });
  }

  /** The respond role's server (HTTP port, ...), or null. */
  public VigieServer respond() {
    return respond;
  }

  /** The detect role's member, or null. */
  public DetectWorker detect() {
    return detect;
  }

  /**
   * The thresholds the detect role's engines read now (followed from the config topic), or null.
   */
  public Thresholds detectThresholds() {
    return detectThresholds == null ? null : detectThresholds.current();
  }

  /** The ingest role's CDR port ({@code server.cdrPort}), or 0. */
  public int cdrPort() {
    return cdr == null ? 0 : cdr.port();
  }

  /** The ingest role's HEP port, or 0. */
  public int hepPort() {
    return hep == null ? 0 : hep.port();
  }

  @Override
  public void close() {
    VigieServer.stopAll(started, LOG);
  }
}
