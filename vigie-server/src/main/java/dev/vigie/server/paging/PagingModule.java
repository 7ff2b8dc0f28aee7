package dev.vigie.server.paging;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.analysis.CatalogAnalysis;
import dev.vigie.contain.Reason;
import dev.vigie.contain.ledger.AuditEntry;
import dev.vigie.detect.Alert;
import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.notify.MailSender;
import dev.vigie.incident.store.IncidentQuery;
import dev.vigie.server.paging.PagingConfig.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paging in the server: the {@link Pager}, its store, and one thread ("vigie-paging") that every
 * {@code paging.tickInterval} opens the pages incidents owe (severity triggers, by polling open
 * incidents), then escalates and delivers. Alerts and containment decisions reach it from the alert
 * thread through {@link #onAlert} and {@link #onContainment}, which only queue a task on the paging
 * thread: detection and the alert thread never wait for the database or a webhook. Started after
 * storage and incidents; closed before storage.
 */
public final class PagingModule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PagingModule.class);
  private static final Set<IncidentStatus> OPEN =
      EnumSet.of(IncidentStatus.TRIAGE, IncidentStatus.INVESTIGATING, IncidentStatus.MITIGATED);
  private static final Set<Reason> ISOLATIONS =
      EnumSet.of(Reason.ISOLATE, Reason.ISOLATE_PROVEN, Reason.ISOLATE_FLOOD);

  private final PagingConfig cfg;
  private final Pager pager;
  private final IncidentService incidents;
  private final Catalog catalog;
  private final Function<Alert, String> keyOf;
  private final InstantSource clock;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("vigie-paging").daemon(true).unstarted(r));

  /** Incidents known to have a page (the last 10,000), so a tick does not ask again. */
  private final Set<Long> seen =
      java.util.Collections.newSetFromMap(
          new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> e) {
              return size() > 10_000;
            }
          });

  /** alert id to correlation key, the last 10,000 alerts (a containment entry names its alert). */
  private final Map<String, String> keyByAlert =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> e) {
              return size() > 10_000;
            }
          });

  /**
   * @param mail the notifications' SMTP sender, null when {@code notifications.smtp} is absent
   *     (email deliveries then wait and retry)
   * @param keyOf an alert's incident correlation key
   */
  public PagingModule(
      PagingConfig cfg,
      Jdbi jdbi,
      IncidentService incidents,
      Catalog catalog,
      Function<Alert, String> keyOf,
      MailSender mail,
      Path dataDir,
      InstantSource clock) {
    this.cfg = cfg;
    this.incidents = incidents;
    this.catalog = catalog;
    this.keyOf = keyOf;
    this.clock = clock;
    byte[] key =
        cfg.ackSecret() != null
            ? cfg.ackSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8)
            : key(dataDir);
    this.pager =
        new Pager(
            cfg,
            new PageStore(jdbi),
            incidents,
            new Channels(cfg.httpTimeout(), mail, clock),
            new AckLinks(key),
            clock);
    LOG.info("{}", cfg);
  }

  public Pager pager() {
    return pager;
  }

  public PagingConfig config() {
    return cfg;
  }

  public IncidentService incidents() {
    return incidents;
  }

  public InstantSource clock() {
    return clock;
  }

  /**
   * Pages the on-call engineer about an incident now (an operator's decision); empty when the
   * incident has paged already. Only writes rows: the calls go out from the paging thread.
   */
  public java.util.Optional<PageStore.Page> pageNow(Incident i) {
    return pager.open(i, "OPERATOR");
  }

  /**
   * Where the HTTP server listens ({@code http://host:port}): the links' base when {@code
   * paging.ack.baseUrl} is not set (then only useful on the NOC's own network).
   */
  public void listeningOn(String url) {
    pager.listeningOn(url);
  }

  /**
   * {@code vigie_pages_open} (pages waiting for an acknowledgement at the last tick) and {@code
   * vigie_page_attempts_total{outcome="sent"|"retried"|"failed"}}.
   */
  public PagingModule metrics(io.micrometer.core.instrument.MeterRegistry registry) {
    io.micrometer.core.instrument.Gauge.builder("vigie_pages_open", pager, Pager::openPages)
        .description("pages waiting for an acknowledgement")
        .register(registry);
    for (String o : List.of("sent", "retried", "failed")) {
      io.micrometer.core.instrument.FunctionCounter.builder(
              "vigie_page_attempts_total", pager, p -> p.attempts(o))
          .tag("outcome", o)
          .description("page delivery attempts")
          .register(registry);
    }
    return this;
  }

  public PagingModule start() {
    long ms = cfg.tickInterval().toMillis();
    thread.scheduleWithFixedDelay(this::tickSafely, ms, ms, TimeUnit.MILLISECONDS);
    return this;
  }

  /** One round on the calling thread (tests drive it with their clock). */
  public synchronized void tick() {
    for (Incident i : incidents.store().search(new IncidentQuery(OPEN, null, null, null, 200))) {
      if (severityTriggers(i)) pager.open(i, "SEVERITY");
    }
    pager.tick();
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.error("paging tick failed: {}", e.toString());
    }
  }

  boolean severityTriggers(Incident i) {
    for (Trigger t : cfg.triggers()) {
      if (t.severity() != null
          && t.alert() == null
          && !t.isolation()
          && i.severity().ordinal() <= t.severity().ordinal()) {
        return true;
      }
    }
    return false;
  }

  /** An alert was recorded in its incident (alert thread): queued, never waits. */
  public void onAlert(Alert a) {
    String key = keyOf.apply(a);
    keyByAlert.put(a.id(), key);
    boolean maybe = cfg.triggers().stream().anyMatch(t -> t.alert() == a.kind());
    if (maybe) submit(() -> alert(a, key));
  }

  /** A containment audit entry (alert thread): an automatic isolation may page. */
  public void onContainment(AuditEntry e) {
    if (e.alertId() == null || !ISOLATIONS.contains(e.reason()) || !"auto".equals(e.actor()))
      return;
    if (cfg.triggers().stream().noneMatch(Trigger::isolation)) return;
    String key = keyByAlert.get(e.alertId());
    if (key != null) submit(() -> isolation(key));
  }

  private void alert(Alert a, String key) {
    Incident i = incidents.store().findOpenByKey(key).orElse(null);
    if (i == null) return;
    for (Trigger t : cfg.triggers()) {
      if (t.alert() != a.kind() || t.isolation()) continue;
      if (t.severity() != null && i.severity().ordinal() > t.severity().ordinal()) continue;
      if (t.criticalServices() && !servesCritical(a.machine())) continue;
      pager.open(i, a.kind().name());
      return;
    }
  }

  private void isolation(String key) {
    Incident i = incidents.store().findOpenByKey(key).orElse(null);
    if (i == null) return;
    for (Trigger t : cfg.triggers()) {
      if (!t.isolation()) continue;
      if (t.severity() != null && i.severity().ordinal() > t.severity().ordinal()) continue;
      pager.open(i, "ISOLATION");
      return;
    }
  }

  /** Whether the machine's failure takes a critical service down (catalogue impact). */
  boolean servesCritical(String machine) {
    if (machine == null || catalog == null || catalog.component(machine).isEmpty()) return false;
    try {
      return !CatalogAnalysis.impact(catalog, List.of(machine)).criticalServicesDown().isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void submit(Runnable r) {
    try {
      thread.execute(() -> {
        try {
          r.run();
        } catch (RuntimeException e) {
          LOG.error("paging: a trigger failed: {}", e.toString());
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.warn("paging: stopped, trigger dropped");
    }
  }

  /** The link key from {@code <dataDir>/paging-link.key}, created (32 random bytes, 0600) once. */
  static byte[] key(Path dataDir) {
    Path f = dataDir.resolve("paging-link.key");
    try {
      if (Files.exists(f)) return Files.readAllBytes(f);
      byte[] k = new byte[32];
      new SecureRandom().nextBytes(k);
      Files.createDirectories(dataDir);
      Files.write(f, k);
      try {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
      return k;
    } catch (IOException e) {
      throw new IllegalStateException(
          "paging: cannot read or write " + f + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.shutdownNow();
    thread.awaitTermination(5, TimeUnit.SECONDS);
  }
}
