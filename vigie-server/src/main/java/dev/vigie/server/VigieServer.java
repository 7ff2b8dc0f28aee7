package dev.vigie.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.CatalogException;
import dev.vigie.detect.Alert;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.Machine;
import dev.vigie.detect.threshold.Level;
import dev.vigie.detect.threshold.Threshold;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.incident.IncidentCatalog;
import dev.vigie.server.api.ApiRoutes;
import dev.vigie.server.api.CatalogApi;
import dev.vigie.server.api.DetectionApi;
import dev.vigie.server.api.IsolationsApi;
import dev.vigie.server.api.ProbesApi;
import dev.vigie.server.api.Role;
import dev.vigie.server.api.TokenStore;
import dev.vigie.server.api.WebApp;
import dev.vigie.server.config.CdrConfig;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.IngestConfig;
import dev.vigie.server.config.InventoryFile;
import dev.vigie.server.config.ServeConfig;
import dev.vigie.server.contain.ContainmentModule;
import dev.vigie.server.contain.ContainmentSettings;
import dev.vigie.server.detection.ThresholdService;
import dev.vigie.server.failover.FailoverModule;
import dev.vigie.server.incident.CatalogIncidents;
import dev.vigie.server.incident.IncidentModule;
import dev.vigie.server.incident.StageTimeline;
import dev.vigie.server.ingest.CdrListener;
import dev.vigie.server.ingest.HepListener;
import dev.vigie.server.ingest.IngestQueue;
import dev.vigie.server.ingest.LiveIngest;
import dev.vigie.server.notify.NotificationApi;
import dev.vigie.server.notify.NotificationModule;
import dev.vigie.server.probe.ProbeModule;
import dev.vigie.server.status.StatusBoard;
import dev.vigie.server.status.StatusLinks;
import dev.vigie.server.status.StatusPages;
import dev.vigie.server.storage.AlertStore;
import dev.vigie.server.storage.AuditLog;
import dev.vigie.server.storage.Database;
import dev.vigie.server.web.ConsoleModule;
import dev.vigie.server.web.ConsoleServices;
import dev.vigie.server.web.TrafficSampler;
import io.javalin.Javalin;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of {@code vigie serve}, wired by hand. Start order: storage and incidents,
 * detection, probes and status page, responders, containment, listeners, console, HTTP; {@link
 * #close()} stops them in reverse.
 */
public final class VigieServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VigieServer.class);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final List<AutoCloseable> started = new ArrayList<>();
  private Database db;
  private DetectionEngine engine;
  private IngestQueue queue;
  private HepListener hep;
  private CdrListener cdr;
  private Javalin http;
  private AlertStore alertStore;
  private IncidentModule incidents;
  private CatalogApi catalogApi;
  private StageTimeline timeline;
  private NotificationModule notifications;
  private ContainmentModule containment;
  private ProbeModule probes;
  private volatile long detectionLagNanos;
  private StatusBoard statusBoard;

  private final ServeConfig cfg;
  private final InstantSource clock;
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private VigieServer(ServeConfig cfg, InstantSource clock) {
    this.cfg = cfg;
    this.clock = clock;
  }

  /** Starts everything; on failure, what was started is stopped again and the error rethrown. */
  public static VigieServer start(ServeConfig cfg, Map<String, String> env, InstantSource clock)
      throws Exception {
    VigieServer s = new VigieServer(cfg, clock);
    try {
      s.startAll(env);
      return s;
    } catch (Exception | Error e) {
      s.close();
      throw e;
    }
  }

  /**
   * The start order. Each step may use what the steps before it built; what is started is added to
   * {@link #started} so that {@link #close()} stops it in reverse.
   */
  private void startAll(Map<String, String> env) throws Exception {
    // storage, and the catalogue (same file): who depends on what, who is affected
    Files.createDirectories(cfg.dataDir());
    db = Database.open(cfg.databaseUrl(), cfg.databaseUser(), cfg.databasePassword());
    started.add(db);
    TokenStore tokens = new TokenStore(db.jdbi());
    String seed = env.get("VIGIE_API_TOKEN");
    if (seed != null && !seed.isBlank())
      tokens.put(seed, "VIGIE_API_TOKEN", Role.ADMIN, clock.instant());
    AuditLog audit = new AuditLog(db.jdbi());
    alertStore = new AlertStore(db.jdbi());
    Catalog catalog = loadCatalog();
    catalogApi = new CatalogApi(catalog);
    IncidentCatalog incidentCatalog = CatalogIncidents.of(catalog);
    incidents = IncidentModule.create(db, cfg, clock, incidentCatalog);
    timeline = new StageTimeline(incidents.service(), incidentCatalog);

    // detection
    Map<String, Object> root = Json.mapper().convertValue(cfg.root(), MAP);
    Inventory inventory = InventoryFile.fromRoot(root, "configuration");
    ThresholdService thresholds = startDetection(inventory);

    // probes of trunks and client proxies (scheduled once the listeners are up)
    probes = new ProbeModule(cfg.root(), clock);
    probes.addListener(new dev.vigie.server.probe.ProbeMetrics(probes.targets(), metrics));
    started.add(probes);

    // the status page: services from the catalogue, states from operators and probes
    statusBoard = new StatusBoard(catalog, clock);
    probes.addListener(statusBoard);
    StatusLinks links = StatusLinks.open(cfg.dataDir());
    StatusPages statusPages =
        new StatusPages(
            statusBoard, catalog, links, incidents::publicIncidents, cfg.companyName(), cfg.zone());

    List<ApiRoutes> respondApis = startResponders(catalog, links);
    startContainment(root); // before any listener can raise an alert
    startListeners(inventory);
    registerMetrics(inventory);

    // console (web): closed before the HTTP server stops, see below
    ConsoleModule console =
        ConsoleModule.start(cfg, db.jdbi(), consoleServices(thresholds, audit), env);

    // HTTP
    List<ApiRoutes> apis = new ArrayList<>();
    apis.add(new DetectionApi(alertStore, thresholds));
    apis.add(catalogApi);
    apis.add(new ProbesApi(probes));
    apis.add(incidents.routes());
    apis.add(statusPages);
    apis.add(new IsolationsApi(containment));
    apis.addAll(respondApis);
    http = WebApp.create(tokens, metrics, db::healthy, apis, List.of(console.routes()));
    http.start(cfg.httpHost(), cfg.httpPort());
    started.add(http::stop);
    started.add(console); // its live-event streams end while HTTP still runs
    probes.start();
    if (notifications != null) notifications.start();
    audit.record(
        clock.instant(),
        "system",
        "STARTED",
        null,
        null,
        "http " + cfg.httpHost() + ":" + httpPort() + ", hep " + hepPort());
  }

  /** The detection engine, its alert thread and the threshold service (stored overrides loaded). */
  private ThresholdService startDetection(Inventory inventory) {
    ThresholdRegistry registry = new ThresholdRegistry(inventory.thresholds(Thresholds.defaults()));
    ExecutorService alertBus =
        Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("vigie-alerts").daemon(true).unstarted(r));
    started.add(() -> {
      alertBus.shutdown();
      alertBus.awaitTermination(5, TimeUnit.SECONDS);
    });
    engine =
        new DetectionEngine(
            inventory, registry, a -> alertBus.execute(() -> onAlert(a)), EngineOptions.defaults());
    ThresholdService thresholds =
        new ThresholdService(registry, inventory, db.jdbi(), clock, this::onThresholdChange);
    thresholds.loadStored();
    return thresholds;
  }

  /**
   * Respond: client notifications (outbox, worker) and failover on probe/operator changes, each
   * when configured. Returns their API routes.
   */
  private List<ApiRoutes> startResponders(Catalog catalog, StatusLinks links) {
    List<ApiRoutes> apis = new ArrayList<>();
    notifications =
        NotificationModule.create(db, cfg, catalog, links, incidents.service(), clock, metrics);
    if (notifications != null) {
      started.add(notifications);
      apis.add(new NotificationApi(notifications));
    }
    FailoverModule failover =
        FailoverModule.create(
            cfg, catalog, statusBoard, incidents.service(), notifications, clock, metrics);
    if (failover != null) {
      probes.addListener(failover);
      started.add(failover);
      apis.add(failover.routes());
    }
    return apis;
  }

  /** Actuators and containment: the ledger is reconciled before any listener can raise an alert. */
  private void startContainment(Map<String, Object> root) {
    try {
      containment =
          new ContainmentModule(
              ContainmentSettings.read(root, cfg.dryRun()), db.jdbi(), metrics, clock);
    } catch (dev.vigie.contain.config.ConfigException e) {
      throw new ConfigException("configuration: " + e.getMessage());
    }
    containment.onAudit(timeline::onContainment);
    started.add(containment.start());
  }

  /**
   * The ingest queue (the detection thread), the HEP listener and, when {@code server.cdrPort} is
   * set, the 3CX CDR active socket, whose records reach the engine on that same thread.
   */
  private void startListeners(Inventory inventory) throws Exception {
    LiveIngest live = new LiveIngest(engine, clock, cfg.hepAuthKey(), captureIds(), metrics);
    queue =
        new IngestQueue(
                IngestConfig.from(cfg).queueCapacity(),
                d -> {
                  // detection lag: from the packet's arrival to its turn on the detection thread
                  detectionLagNanos = System.nanoTime() - d.receivedNanos();
                  live.accept(d);
                },
                live::tick)
            .start();
    started.add(queue);
    hep = HepListener.start(cfg.hepHost(), cfg.hepPort(), cfg.hepReceiveBufferBytes(), queue);
    started.add(hep);
    CdrConfig cdrCfg = CdrConfig.from(cfg, inventory);
    if (cdrCfg.port() > 0) {
      cdr =
          CdrListener.start(
              cdrCfg,
              inventory,
              cfg.zone(),
              (rec, machine) -> queue.submit(() -> live.onCdr(rec, machine), 2000),
              metrics);
      started.add(cdr);
    }
  }

  /**
   * What the console shows and drives: users, sessions, live view, incidents, isolations (a null
   * service shows a "not configured" panel).
   */
  private ConsoleServices consoleServices(ThresholdService thresholds, AuditLog audit) {
    return new ConsoleServices(
        alertStore,
        thresholds,
        containment.service(),
        containment::extend,
        incidents.service(),
        incidents.report(),
        catalogApi.analysis(),
        new TrafficSampler(engine::machineMessages),
        audit,
        clock,
        cfg.zone(),
        probes);
  }

  /** The catalogue sections of the configuration, or null when there are none. */
  private Catalog loadCatalog() {
    JsonNode root = cfg.root();
    boolean any = false;
    for (String k : List.of("providers", "services", "numbers", "clients")) any |= root.has(k);
    if (!any) return null;
    try {
      return Catalog.parse(Json.yaml().writeValueAsString(root));
    } catch (CatalogException e) {
      throw new ConfigException("catalogue", e.messages());
    } catch (JsonProcessingException e) {
      throw new ConfigException("catalogue: " + e.getOriginalMessage());
    }
  }

  private void onAlert(Alert a) {
    try {
      alertStore.save(a, clock.instant());
      timeline.onAlert(a);
      incidents.onAlert(a);
      metrics
          .counter("vigie_alerts_total", "kind", a.kind().name(), "severity", a.severity().name())
          .increment();
      LOG.warn(
          "alert {} {} {} {}",
          a.severity(),
          a.kind(),
          a.source() != null ? a.source() : a.machine(),
          a.summary());
    } catch (RuntimeException e) {
      LOG.error("alert {} could not be stored", a.id(), e);
    }
    containment.onAlert(a); // never throws
  }

  private void onThresholdChange(
      Instant at, String machine, Threshold t, Level before, Level after, String actor) {
    LOG.info(
        "threshold {} of {} changed by {}: {} -> {}",
        t.key(),
        machine == null ? "default" : machine,
        actor,
        before,
        after);
    timeline.onThresholdChange(at, machine, t.key(), before.toString(), after.toString(), actor);
  }

  private Set<Long> captureIds() {
    Set<Long> ids = new HashSet<>();
    for (Integer i : cfg.hepCaptureIds()) ids.add(i & 0xFFFF_FFFFL);
    return ids;
  }

  private void registerMetrics(Inventory inventory) {
    Gauge.builder("vigie_ingest_queue_depth", queue, IngestQueue::depth).register(metrics);
    FunctionCounter.builder("vigie_ingest_received_total", queue, IngestQueue::received)
        .register(metrics);
    FunctionCounter.builder("vigie_ingest_dropped_total", queue, IngestQueue::dropped)
        .register(metrics);
    FunctionCounter.builder("vigie_hep_framing_errors_total", hep, HepListener::framingErrors)
        .register(metrics);
    Gauge.builder("vigie_detect_tracked_sources", engine, DetectionEngine::trackedSources)
        .register(metrics);
    Gauge.builder("vigie_detect_lag_seconds", this, s -> s.detectionLagNanos / 1e9)
        .description("time the last packet waited between arrival and detection")
        .register(metrics);
    for (Machine m : inventory.machines()) {
      for (int dir = 0; dir < 2; dir++) {
        int d = dir;
        FunctionCounter.builder(
                "vigie_machine_messages_total", engine, e -> machineCount(m.id(), d))
            .tag("machine", m.id())
            .tag("direction", d == 0 ? "in" : "out")
            .register(metrics);
      }
    }
  }

  private double machineCount(String id, int dir) {
    long[] c = engine.machineMessages().get(id);
    return c == null ? 0 : c[dir];
  }

  public int httpPort() {
    return http.port();
  }

  public int hepPort() {
    return hep.port();
  }

  /** The CDR listener's port, or 0 when it is off. */
  public int cdrPort() {
    return cdr == null ? 0 : cdr.port();
  }

  public IngestQueue ingest() {
    return queue;
  }

  /** Containment: the service, its ledger and audit trail. */
  public ContainmentModule containment() {
    return containment;
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        LOG.warn("stopping {}: {}", started.get(i), e.toString());
      }
    }
    started.clear();
  }
}
