package dev.vigie.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.CatalogException;
import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.AlertListener;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.Severity;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.Machine;
import dev.vigie.detect.pressure.PressureEpisodes;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.incident.IncidentCatalog;
import dev.vigie.server.api.ApiRoutes;
import dev.vigie.server.api.CatalogApi;
import dev.vigie.server.api.DetectionApi;
import dev.vigie.server.api.IsolationsApi;
import dev.vigie.server.api.KnownGoodApi;
import dev.vigie.server.api.ProbesApi;
import dev.vigie.server.api.RecoveryApi;
import dev.vigie.server.api.TokenStore;
import dev.vigie.server.api.WebApp;
import dev.vigie.server.comms.CommsService;
import dev.vigie.server.comms.Drafts;
import dev.vigie.server.config.CdrConfig;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.IngestConfig;
import dev.vigie.server.config.InventoryFile;
import dev.vigie.server.config.OperationsConfig;
import dev.vigie.server.config.ServeConfig;
import dev.vigie.server.contain.ContainmentModule;
import dev.vigie.server.contain.ContainmentSettings;
import dev.vigie.server.contain.KnownGoodStore;
import dev.vigie.server.detection.BaselineCheckpoints;
import dev.vigie.server.detection.ThresholdService;
import dev.vigie.server.failover.FailoverModule;
import dev.vigie.server.incident.CatalogIncidents;
import dev.vigie.server.incident.IncidentModule;
import dev.vigie.server.incident.StageTimeline;
import dev.vigie.server.ingest.CdrListener;
import dev.vigie.server.ingest.HepGate;
import dev.vigie.server.ingest.HepListener;
import dev.vigie.server.ingest.IngestQueue;
import dev.vigie.server.ingest.LiveIngest;
import dev.vigie.server.notify.NotificationApi;
import dev.vigie.server.notify.NotificationModule;
import dev.vigie.server.obligation.ObligationReminders;
import dev.vigie.server.pressure.PlatformPressureCheck;
import dev.vigie.server.pressure.PressureLease;
import dev.vigie.server.pressure.PressurePoller;
import dev.vigie.server.pressure.PressureSettings;
import dev.vigie.server.pressure.PrometheusClient;
import dev.vigie.server.probe.ProbeModule;
import dev.vigie.server.recovery.PlatformMetrics;
import dev.vigie.server.recovery.PlatformMetricsCheck;
import dev.vigie.server.recovery.RecoveryChecks;
import dev.vigie.server.recovery.RecoveryService;
import dev.vigie.server.recovery.RecoverySettings;
import dev.vigie.server.recovery.RecoveryStore;
import dev.vigie.server.recovery.RegistrationWatch;
import dev.vigie.server.reliability.Health;
import dev.vigie.server.reliability.Spool;
import dev.vigie.server.status.IncidentDeclarations;
import dev.vigie.server.status.StatusBoard;
import dev.vigie.server.status.StatusHistory;
import dev.vigie.server.status.StatusLinks;
import dev.vigie.server.status.StatusPageSettings;
import dev.vigie.server.status.StatusPages;
import dev.vigie.server.storage.AlertStore;
import dev.vigie.server.storage.AuditLog;
import dev.vigie.server.storage.DataDirectory;
import dev.vigie.server.storage.Database;
import dev.vigie.server.web.CommsPages;
import dev.vigie.server.web.ConsoleModule;
import dev.vigie.server.web.ConsoleServices;
import dev.vigie.server.web.RecoveryPages;
import dev.vigie.server.web.TrafficSampler;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.hep.InflateBudget;
import io.javalin.Javalin;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
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
  private BaselineCheckpoints baselines; // null until the listeners start (none in a respond role)
  private IngestConfig ingestCfg;
  private IngestQueue queue;
  private HepListener hep;
  private CdrListener cdr;
  private Javalin http;
  private Javalin management;
  private AlertStore alertStore;
  private IncidentModule incidents;
  private CatalogApi catalogApi;
  private StageTimeline timeline;
  private NotificationModule notifications;
  private dev.vigie.server.paging.PagingModule paging;
  private IncidentCatalog incidentCatalog;
  private CommsService comms;
  private ObligationReminders reminders;
  private ContainmentModule containment;
  private ProbeModule probes;
  private volatile long detectionLagNanos;
  private StatusBoard statusBoard;
  private IncidentDeclarations declarations;
  private Catalog catalogModel;
  private RecoveryService recovery;
  private Health health;
  private Spool<Alert> alertSpool;
  private ExecutorService alertBus;
  private ExecutorService containBus;
  private PressurePoller pressure;
  private static final int ALERT_SPOOL_MAX = 100_000;

  private final ServeConfig cfg;
  private final InstantSource clock;
  // the respond role of a Kafka cluster: these actuators (the actions topic), no listeners
  private List<dev.vigie.contain.actuator.Actuator> respondActuators;
  // thresholds in force, and who else is told of a change (the respond role: the config topic)
  private ThresholdRegistry thresholdRegistry;
  private final List<Runnable> thresholdListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private VigieServer(ServeConfig cfg, InstantSource clock) {
    this.cfg = cfg;
    this.clock = clock;
  }

  /** Starts everything; on failure, what was started is stopped again and the error rethrown. */
  public static VigieServer start(ServeConfig cfg, Map<String, String> env, InstantSource clock)
      throws Exception {
    return started(new VigieServer(cfg, clock), env);
  }

  /**
   * The {@code respond} role of a Kafka cluster: everything but the listeners (alerts come from
   * Kafka through {@link #handleAlert}), containment acting through {@code actuators} (the actions
   * topic).
   */
  public static VigieServer startRespond(
      ServeConfig cfg,
      Map<String, String> env,
      InstantSource clock,
      List<dev.vigie.contain.actuator.Actuator> actuators)
      throws Exception {
    VigieServer s = new VigieServer(cfg, clock);
    s.respondActuators = List.copyOf(actuators);
    return started(s, env);
  }

  /** Starts {@code s}; on failure, what was started is stopped again and the error rethrown. */
  private static VigieServer started(VigieServer s, Map<String, String> env) throws Exception {
    try {
      s.startAll(env);
      return s;
    } catch (Exception | Error e) {
      s.close();
      throw e;
    }
  }

  /** The thresholds in force: the configuration's, with the stored overrides on top. */
  public Thresholds thresholds() {
    return thresholdRegistry.current();
  }

  /** {@code listener} runs after each threshold change made through the API or the console. */
  public void onThresholdsChanged(Runnable listener) {
    thresholdListeners.add(listener);
  }

  /** An alert from another process (the alerts topic): stored, incidents, containment. */
  public void handleAlert(Alert a) {
    onAlert(a);
  }

  /**
   * The start order. Each step may use what the steps before it built; what is started is added to
   * {@link #started} so that {@link #close()} stops it in reverse.
   */
  private void startAll(Map<String, String> env) throws Exception {
    // ingest settings first: an exposed, unauthenticated HEP listener is refused before any write
    ingestCfg = IngestConfig.from(cfg);
    // storage, and the catalogue (same file): who depends on what, who is affected
    OperationsConfig ops = OperationsConfig.from(cfg, env);
    String seed = env.get(TokenStore.ENV_NAME);
    if (seed != null && !seed.isBlank()) checkToken(seed);
    DataDirectory.prepare(cfg.dataDir());
    db =
        Database.open(
            cfg.databaseUrl(),
            cfg.databaseUser(),
            cfg.databasePassword(),
            cfg.databaseConnectionTimeout());
    started.add(db);
    DataDirectory.tighten(cfg.dataDir());
    health =
        new Health()
            .check("database", db::problem)
            .check(
                "ingest",
                () ->
                    queue == null || (queue.healthy() && (hep == null || hep.listening()))
                        ? null
                        : "live ingest stopped processing or a HEP socket is closed")
            .start(2000);
    started.add(health);
    alertSpool =
        new Spool<>(
            cfg.dataDir().resolve("spool").resolve("alerts.jsonl"),
            Alert.class,
            Json.mapper(),
            ALERT_SPOOL_MAX);
    TokenStore tokens = new TokenStore(db.jdbi());
    if (seed != null && !seed.isBlank()) {
      int revoked = tokens.replaceEnvToken(seed, clock.instant());
      if (revoked > 0) LOG.info("VIGIE_API_TOKEN: the previous environment token is revoked");
    }
    AuditLog audit = new AuditLog(db.jdbi());
    alertStore = new AlertStore(db.jdbi());
    Catalog catalog = loadCatalog();
    catalogModel = catalog;
    catalogApi = new CatalogApi(catalog);
    incidentCatalog = CatalogIncidents.of(catalog);
    incidents = IncidentModule.create(db, cfg, clock, incidentCatalog);
    timeline = new StageTimeline(incidents.service(), incidentCatalog);

    // detection
    PressureSettings pressureSettings = PressureSettings.read(cfg.root());
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
    // the history logs the board's changes: built before the pages, whose cache it must precede
    StatusHistory statusHistory = new StatusHistory(db.jdbi(), statusBoard, clock, cfg.zone());
    StatusPages statusPages =
        new StatusPages(
            statusBoard,
            catalog,
            links,
            incidents::publicIncidents,
            cfg.companyName(),
            cfg.zone(),
            statusHistory,
            () -> incidents.publicHistory(StatusHistory.DAYS),
            clock,
            StatusPageSettings.from(cfg.root()),
            metrics);
    // every incident and publication write reaches the page at its next request (docs/api.md)
    incidents.onPublicChange(statusPages::invalidate);
    declarations = new IncidentDeclarations(statusBoard, incidents.service(), catalog);
    statusPages.declarations(declarations);

    List<ApiRoutes> respondApis = startResponders(catalog, links);
    startContainment(root, inventory); // before any listener can raise an alert
    startPressure(pressureSettings); // platform metrics: another input of detection
    if (respondActuators == null) {
      startListeners(inventory);
      registerMetrics(inventory);
    }

    // guided recovery runs (docs/incidents.md): checks of machines, timeline rows, proposals
    recovery = startRecovery(catalog);

    // console (web): closed before the HTTP server stops, see below
    ConsoleModule console =
        ConsoleModule.start(cfg, db.jdbi(), consoleServices(thresholds, audit), env, metrics);

    // HTTP
    List<ApiRoutes> apis = new ArrayList<>();
    apis.add(new DetectionApi(alertStore, thresholds));
    apis.add(catalogApi);
    apis.add(new ProbesApi(probes));
    apis.add(incidents.routes());
    apis.add(statusPages);
    apis.add(new IsolationsApi(containment));
    apis.add(new KnownGoodApi(containment));
    apis.add(new RecoveryApi(recovery));
    apis.addAll(respondApis);
    console.events().watch("recovery", recovery::version); // the incident page's live panel
    var commsPages = new CommsPages(comms, notifications, statusPages, audit, clock);
    http =
        WebApp.create(
            tokens,
            metrics,
            health::problems,
            apis,
            List.of(
                console.routes(),
                commsPages,
                new dev.vigie.server.web.PagingPages(paging, cfg.zone()),
                new RecoveryPages(recovery, comms, notifications)),
            ops);
    try {
      http.start(cfg.httpHost(), cfg.httpPort());
    } catch (RuntimeException e) {
      if (!(Database.rootCause(e) instanceof java.net.BindException)) throw e;
      throw new ConfigException(
          "server.http (HTTP): cannot listen on "
              + cfg.httpHost()
              + ":"
              + cfg.httpPort()
              + "/tcp: "
              + Database.rootMessage(e));
    }
    started.add(http::stop);
    if (ops.managementListener()) {
      management = WebApp.management(tokens, metrics, health::problems, ops);
      management.start(ops.managementHost(), ops.managementPort());
      started.add(management::stop);
    }
    DataDirectory.tighten(cfg.dataDir()); // files the console and status links wrote
    started.add(console); // its live-event streams end while HTTP still runs
    probes.start();
    if (notifications != null) notifications.start();
    if (paging != null) {
      paging.listeningOn("http://" + cfg.httpHost() + ":" + httpPort());
      paging.start();
    }
    audit.record(
        clock.instant(),
        "system",
        "STARTED",
        null,
        null,
        "http " + cfg.httpHost() + ":" + httpPort() + ", hep " + hepPort());
  }

  /**
   * The recovery service: checks through the probes' prober, the engine's registrations and the
   * platform metrics from Prometheus when configured ({@link PlatformMetrics}; else "not
   * configured").
   */
  private RecoveryService startRecovery(Catalog catalog) {
    RecoverySettings settings = RecoverySettings.from(cfg.root());
    RegistrationWatch watch =
        new RegistrationWatch(engine == null ? null : engine::machineRegistrations);
    RecoveryChecks checks =
        new RecoveryChecks(
            catalog,
            probes.targets(),
            new dev.vigie.probe.sip.SipProber(clock),
            pressure == null
                ? PlatformMetricsCheck.NOT_CONFIGURED
                : new PlatformMetrics(pressure.check()),
            watch,
            settings,
            clock);
    RecoveryService service =
        new RecoveryService(
            new RecoveryStore(db.jdbi()),
            incidents.service(),
            catalog,
            checks,
            watch,
            settings,
            clock,
            cfg.zone(),
            incidents.publisher(),
            notifications != null);
    started.add(service.start());
    return service;
  }

  /** {@code VIGIE_API_TOKEN} checked before anything starts: a weak token stops the start. */
  private static void checkToken(String seed) {
    try {
      TokenStore.requireStrong(seed, TokenStore.ENV_NAME);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /** The management listener's port ({@code server.management}), or -1 when there is none. */
  public int managementPort() {
    return management == null ? -1 : management.port();
  }

  /** The detection engine, its alert thread and the threshold service (stored overrides loaded). */
  private ThresholdService startDetection(Inventory inventory) {
    ThresholdRegistry registry = new ThresholdRegistry(inventory.thresholds(Thresholds.defaults()));
    thresholdRegistry = registry;
    alertBus =
        Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("vigie-alerts").daemon(true).unstarted(r));
    containBus =
        Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("vigie-contain").daemon(true).unstarted(r));
    started.add(() -> {
      alertBus.shutdown();
      alertBus.awaitTermination(5, TimeUnit.SECONDS);
    });
    started.add(() -> {
      containBus.shutdown();
      containBus.awaitTermination(5, TimeUnit.SECONDS);
    });
    // containment decides and acts on its own thread, never behind the alert's save; the alert
    // thread gets the alert first, so the incident exists when containment's audit reaches it
    engine =
        new DetectionEngine(
            inventory, registry, alertSink(), EngineOptions.defaults().withRandomTableKey());
    ThresholdService thresholds =
        new ThresholdService(registry, inventory, db.jdbi(), clock, this::onThresholdChange);
    thresholds.loadStored();
    thresholds.currentFrom(engine::currentValues); // the console shows them beside the levels
    return thresholds;
  }

  /**
   * Where every detector hands its alerts (the SIP engine, the platform metrics poller): stored and
   * correlated into incidents on the alert thread, decided on by containment on its own thread.
   */
  private AlertListener alertSink() {
    return new AlertListener() {
      @Override
      public void onAlert(Alert a) {
        alertBus.execute(() -> VigieServer.this.onAlert(a));
        containBus.execute(() -> containment.onAlert(a));
      }

      @Override
      public void onResolved(Alert a) {
        alertBus.execute(() -> VigieServer.this.onResolved(a));
      }
    };
  }

  /**
   * Platform metrics from Prometheus (PLATFORM_PRESSURE), when {@code prometheus.url} and some
   * {@code pressure} metrics are configured: its own thread, so detection never waits for
   * Prometheus; its state is the {@code prometheus} reason of {@code /healthz}. Only the holder of
   * the {@link PressureLease} of the database polls (one of the processes sharing a PostgreSQL;
   * always this one on H2); a process taking it takes the stored open episodes back first.
   */
  private void startPressure(PressureSettings settings) {
    if (!settings.enabled()) return;
    var client = new PrometheusClient(settings.url(), settings.timeout(), settings.auth());
    var check = new PlatformPressureCheck(client, settings.metrics(), clock);
    // an episode closed after a gap in the polls (a restart, Prometheus unreachable for a while)
    // says when the platform's metrics went back under, from Prometheus's own history
    Duration gap = settings.interval().multipliedBy(2);
    var episodes =
        new PressureEpisodes(
            alertSink(),
            (machine, from, to) ->
                Duration.between(from, to).compareTo(gap) > 0
                    ? check.backUnderSince(machine, from, to)
                    : null);
    // one poller per shared database: released after the alert thread stored the last round
    PressureLease lease =
        PressureLease.of(
            cfg.databaseUrl(),
            cfg.databaseUser(),
            cfg.databasePassword(),
            cfg.databaseConnectionTimeout(),
            settings.interval());
    started.add(started.indexOf(db) + 1, lease);
    pressure =
        new PressurePoller(
            check,
            episodes,
            settings.interval(),
            clock,
            metrics,
            lease,
            () -> resumePressureEpisodes(episodes, check));
    started.add(pressure);
    health.check("prometheus", pressure::problem);
    pressure.start();
    LOG.info(
        "platform metrics: {} machine(s) from {} ({}) every {} s",
        check.machines().size(),
        settings.url(),
        settings.auth(),
        settings.interval().toSeconds());
  }

  /**
   * The PLATFORM_PRESSURE episodes the previous run (or the previous holder of the pressure lease)
   * left open (stored without {@code recoveredAt}) are handed back to {@code episodes} before the
   * first round: that round closes those no longer true and continues, under their id, those still
   * true (no second episode, no second timeline row). An episode of a machine that no longer has
   * platform metrics stays as stored (logged).
   */
  private void resumePressureEpisodes(PressureEpisodes episodes, PlatformPressureCheck check) {
    List<Alert> stored;
    try {
      stored = alertStore.unresolved(AlertKind.PLATFORM_PRESSURE);
    } catch (RuntimeException e) {
      LOG.warn("platform metrics: open episodes not read back ({})", e.toString());
      return;
    }
    int resumed = 0;
    for (Alert a : stored) {
      if (!check.machines().contains(a.machine())) {
        LOG.warn(
            "alert {} stays open: machine {} has no platform metrics any more",
            a.id(),
            a.machine());
        continue;
      }
      Alert dropped = episodes.resume(a);
      resumed++;
      if (dropped != null) {
        LOG.warn("alert {} stays open: {} has a later episode", dropped.id(), a.machine());
        resumed--;
      }
    }
    if (resumed > 0) {
      LOG.info("platform metrics: {} open PLATFORM_PRESSURE episode(s) taken back", resumed);
    }
  }

  /** The platform metrics check ("metrics vs thresholds now"), or null when none is configured. */
  public PlatformPressureCheck platformPressure() {
    return pressure == null ? null : pressure.check();
  }

  /**
   * The platform metrics poller (last readings of each machine), or null when none is configured.
   */
  public PressurePoller platformPressurePoller() {
    return pressure;
  }

  /**
   * Respond: client notifications (outbox, worker) and failover on probe/operator changes, each
   * when configured. Returns their API routes.
   */
  private List<ApiRoutes> startResponders(Catalog catalog, StatusLinks links) {
    List<ApiRoutes> apis = new ArrayList<>();
    notifications = NotificationModule.create(db, cfg, catalog, links, incidents, clock, metrics);
    comms =
        new CommsService(
            incidents, notifications, new Drafts(db.jdbi()), catalog, clock, cfg.zone());
    if (notifications != null) {
      started.add(notifications);
      apis.add(new NotificationApi(notifications, comms));
    }
    // paging the on-call engineer (docs/paging.md): its own thread, email through the same relay
    var pagingConfig = dev.vigie.server.paging.PagingConfig.from(cfg);
    if (pagingConfig != null) {
      dev.vigie.incident.notify.SmtpSettings smtp = null;
      try {
        smtp = dev.vigie.server.notify.NotificationSettings.from(cfg).smtp();
      } catch (RuntimeException e) {
        LOG.info("paging: no SMTP relay ({}): email pages wait", e.getMessage());
      }
      paging =
          new dev.vigie.server.paging.PagingModule(
              pagingConfig,
              db.jdbi(),
              incidents.service(),
              catalog,
              incidentCatalog::keyOf,
              smtp == null ? null : new dev.vigie.incident.notify.SmtpMailSender(smtp, clock),
              cfg.dataDir(),
              clock);
      paging.metrics(metrics);
      started.add(paging);
      apis.add(new dev.vigie.server.paging.PagingApi(paging));
    }
    // NIS2 reminders (docs/obligations.md): NOC emails through the same outbox
    reminders = incidents.reminders(notifications == null ? null : notifications.outbox());
    started.add(reminders.start());
    FailoverModule failover =
        FailoverModule.create(
            cfg, catalog, statusBoard, incidents.service(), notifications, clock, metrics);
    if (failover != null) {
      var nis2 = incidents.obligations();
      failover.onOutage(
          new FailoverModule.OutageListener() {
            @Override
            public void down(long incidentId, Instant at, boolean critical) {
              nis2.onOutageStart(incidentId, at, critical);
            }

            @Override
            public void up(long incidentId, Instant at) {
              nis2.onOutageEnd(incidentId, at);
            }
          });
      probes.addListener(failover);
      started.add(failover);
      apis.add(failover.routes());
    }
    return apis;
  }

  /** Actuators and containment: the ledger is reconciled before any listener can raise an alert. */
  private void startContainment(Map<String, Object> root, Inventory inventory) {
    try {
      containment =
          new ContainmentModule(
              ContainmentSettings.read(root, cfg.dryRun()),
              db.jdbi(),
              metrics,
              clock,
              cfg.dataDir().resolve("spool"),
              respondActuators);
    } catch (dev.vigie.contain.config.ConfigException e) {
      throw new ConfigException("configuration: " + e.getMessage());
    }
    containment.databaseDown(() -> health.isDown("database"));
    // timeline entries of containment are written by the alert thread, after the alert's incident
    containment.onAudit(e -> alertBus.execute(() -> timeline.onContainment(e)));
    containment.onAudit(e -> {
      if (paging != null) alertBus.execute(() -> paging.onContainment(e));
    });
    var trust = containment.settings().contain().trust();
    KnownGoodStore knownGood =
        new KnownGoodStore(db.jdbi(), inventory, trust.knownGoodDays(), trust.knownGoodMax());
    containment.useKnownGood(knownGood);
    engine.registrations(knownGood); // before any listener feeds the engine
    markServed(knownGood);
    started.add(containment.start());
    startOutageTimer();
  }

  /**
   * The phones' addresses the platform served before this start (the known-good addresses seen in
   * the last day: registrations it accepted), given to the engine before any listener feeds it:
   * their requests count in the service-health signals at once, not only once this run sees them
   * served. IPv6 sources are known by their /64 and are not given (a prefix is not an address).
   */
  private void markServed(KnownGoodStore knownGood) {
    int marked = 0;
    for (var k : knownGood.all()) {
      if (k.address().indexOf('/') >= 0) continue;
      try {
        engine.markServed(IpAddress.parse(k.address()), k.lastSeen());
        marked++;
      } catch (IllegalArgumentException e) {
        LOG.debug("known-good address {} is not an address: not marked served", k.address());
      }
    }
    if (marked > 0) LOG.info("service health: {} address(es) served before this start", marked);
  }

  /**
   * The ingest queue (the detection thread), the HEP listener and, when {@code server.cdrPort} is
   * set, the 3CX CDR active socket, whose records reach the engine on that same thread.
   */
  private void startListeners(Inventory inventory) throws Exception {
    InflateBudget budget =
        new InflateBudget(
            ingestCfg.maxInflatedBytesPerPacket(),
            ingestCfg.maxInflatedBytesPerSecond(),
            System::nanoTime);
    LiveIngest live = new LiveIngest(engine, clock, budget, captureIds(), metrics);
    // what the machines' baselines learnt before this start, back before the first packet
    BaselineCheckpoints baselines =
        new BaselineCheckpoints(
            db.jdbi(), engine, inventory.machines().stream().map(m -> m.id()).toList(), clock);
    baselines.restore();
    queue =
        new IngestQueue(
                ingestCfg.queueCapacity(),
                ingestCfg.queueBytes(),
                d -> {
                  // detection lag: from the packet's arrival to its turn on the detection thread
                  detectionLagNanos = System.nanoTime() - d.receivedNanos();
                  live.accept(d);
                },
                live::tick)
            .start();
    started.add(queue);
    // saved every 5 minutes, and at stop while the detection thread still runs (closed before it)
    this.baselines = baselines.start(queue::submit);
    started.add(baselines);
    HepGate gate = new HepGate(ingestCfg.allow(), cfg.hepAuthKey(), metrics);
    try {
      hep =
          HepListener.start(
              cfg.hepHost(), cfg.hepPort(), cfg.hepReceiveBufferBytes(), queue, gate, ingestCfg);
    } catch (Exception e) {
      if (!(e instanceof java.io.IOException)) throw e; // bind errors (Netty's native ones too)
      throw new ConfigException(
          "server.hepPort (HEP): cannot listen on "
              + cfg.hepHost()
              + ":"
              + cfg.hepPort()
              + " (udp and tcp): "
              + e.getMessage());
    }
    started.add(hep);
    FunctionCounter.builder("vigie_ingest_inflate_refused_total", budget, InflateBudget::refused)
        .register(metrics);
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
        probes,
        containment.knownGood(),
        incidents.publisher(),
        incidents.obligations(),
        catalogModel,
        declarations);
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

  /**
   * Every 2 s while something waits: stores the spooled alerts and containment's journal once the
   * database answers again.
   */
  private void startOutageTimer() {
    var timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("vigie-spool").daemon(true).unstarted(r));
    started.add(timer::shutdownNow);
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            if (health.isDown("database")) return;
            containment.drainJournal();
            if (alertSpool.size() > 0) {
              alertBus.execute(() -> {
                int n = alertSpool.drain(this::storeAlert);
                if (n > 0) LOG.info("{} spooled alerts stored after the database came back", n);
              });
            }
          } catch (RuntimeException e) {
            LOG.warn("draining the spools: {}", e.toString());
          }
        },
        2,
        2,
        TimeUnit.SECONDS);
    Gauge.builder("vigie_alerts_spooled", alertSpool, Spool::size)
        .description("alerts waiting on disk for the database")
        .register(metrics);
    FunctionCounter.builder("vigie_alerts_spool_refused_total", alertSpool, Spool::refused)
        .description("alerts lost because the spool was full or unwritable")
        .register(metrics);
  }

  /** Stores an alert and records it in its incident; throws when the database is down. */
  private void storeAlert(Alert a) {
    alertStore.save(a, clock.instant());
    incidents.onAlert(a);
    if (paging != null) paging.onAlert(a); // only queues: the paging thread does the rest
  }

  private void onAlert(Alert a) {
    timeline.onAlert(a); // in memory: the correlation key of containment's entries
    if (alertSpool.size() > 0 || health.isDown("database")) {
      // keep the order: this one waits behind the spooled ones (or the database is known down)
      if (!alertSpool.append(a)) LOG.error("alert {} lost: the alert spool is full", a.id());
      countAlert(a);
      return;
    }
    try {
      storeAlert(a);
    } catch (RuntimeException e) {
      if (alertSpool.append(a)) {
        LOG.error(
            "alert {} could not be stored ({}): spooled to {}",
            a.id(),
            Database.rootMessage(e),
            alertSpool.file());
      } else {
        LOG.error("alert {} could not be stored and the spool is full", a.id(), e);
      }
    }
    countAlert(a);
  }

  private void countAlert(Alert a) {
    try {
      if (a.kind() == AlertKind.SERVICE_DEGRADED && a.machine() != null && statusBoard != null) {
        statusBoard.serviceDegraded(a.machine(), a.severity() == Severity.CRITICAL);
      }
      metrics
          .counter("vigie_alerts_total", "kind", a.kind().name(), "severity", a.severity().name())
          .increment();
      LOG.warn(
          "alert {} {} {} {}",
          a.severity(),
          a.kind(),
          a.source() != null ? a.source() : a.machine(),
          LogText.safe(a.summary()));
    } catch (RuntimeException e) {
      LOG.error("alert {} could not be counted", a.id(), e);
    }
  }

  /**
   * A SERVICE_DEGRADED or PLATFORM_PRESSURE episode closed by its recovery: the final revision, a
   * timeline row.
   */
  private void onResolved(Alert a) {
    try {
      alertStore.save(a, clock.instant());
      incidents.onResolved(a);
      if (a.kind() == AlertKind.SERVICE_DEGRADED && a.machine() != null && statusBoard != null) {
        statusBoard.serviceRecovered(a.machine());
      }
      LOG.info("alert {} resolved", a.id());
    } catch (RuntimeException e) {
      LOG.error("resolved alert {} could not be stored", a.id(), e);
    }
  }

  private void onThresholdChange(
      Instant at, String machine, List<ThresholdService.Change> changes, String actor) {
    String what = String.join("; ", changes.stream().map(Object::toString).toList());
    LOG.info(
        "thresholds of {} changed by {}: {}", machine == null ? "default" : machine, actor, what);
    String settings = String.join(", ", changes.stream().map(c -> c.threshold().key()).toList());
    String before =
        String.join(
            ", ", changes.stream().map(c -> ThresholdService.Change.text(c.before())).toList());
    String after =
        String.join(
            ", ", changes.stream().map(c -> ThresholdService.Change.text(c.after())).toList());
    timeline.onThresholdChange(at, machine, settings, before, after, actor);
    thresholdListeners.forEach(Runnable::run);
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
    FunctionCounter.builder("vigie_ingest_kernel_drops_total", hep, HepListener::kernelDrops)
        .register(metrics);
    FunctionCounter.builder("vigie_detect_failures_total", queue, IngestQueue::failures)
        .register(metrics);
    Gauge.builder("vigie_ingest_queue_bytes", queue, IngestQueue::bytes).register(metrics);
    Gauge.builder("vigie_ingest_up", queue, q -> q.healthy() ? 1 : 0).register(metrics);
    FunctionCounter.builder("vigie_hep_tcp_refused_total", hep, HepListener::tcpRefused)
        .register(metrics);
    FunctionCounter.builder("vigie_hep_tcp_idle_closed_total", hep, HepListener::tcpIdleClosed)
        .register(metrics);
    Gauge.builder("vigie_hep_tcp_connections", hep, HepListener::tcpConnections).register(metrics);
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

  /** The HEP port, 0 when this process has no listener (respond role). */
  public int hepPort() {
    if (hep == null) return 0;
    return hep.port();
  }

  /** The CDR listener's port, or 0 when it is off. */
  public int cdrPort() {
    return cdr == null ? 0 : cdr.port();
  }

  /** The machines' baselines kept across restarts; null before the listeners start. */
  public BaselineCheckpoints baselines() {
    return baselines;
  }

  public IngestQueue ingest() {
    return queue;
  }

  /** Containment: the service, its ledger and audit trail. */
  /** The NIS2 reminder thread (docs/obligations.md). */
  public ObligationReminders reminders() {
    return reminders;
  }

  /** Paging (docs/paging.md), null when {@code paging:} is not configured. */
  public dev.vigie.server.paging.PagingModule paging() {
    return paging;
  }

  public ContainmentModule containment() {
    return containment;
  }

  /** Guided recovery runs. */
  public RecoveryService recovery() {
    return recovery;
  }

  /**
   * Closes what was started, last first, and forgets it; a part that fails to stop is logged and
   * the others are still stopped.
   */
  public static void stopAll(List<AutoCloseable> started, Logger log) {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        log.warn("stopping {}: {}", started.get(i), e.toString());
      }
    }
    started.clear();
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  @Override
  public void close() {
    stopAll(started, LOG);
  }
}
