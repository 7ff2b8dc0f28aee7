package dev.vigie.server.recovery;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.Client;
import dev.vigie.catalog.Component;
import dev.vigie.catalog.ComponentKind;
import dev.vigie.catalog.analysis.RecoveryOrder;
import dev.vigie.incident.AffectedClient;
import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.timeline.NewEntry;
import dev.vigie.incident.timeline.TimelineSource;
import dev.vigie.server.api.ApiError;
import dev.vigie.server.i18n.Lang;
import dev.vigie.server.i18n.Texts;
import dev.vigie.server.incident.IncidentPublisher;
import dev.vigie.server.recovery.RecoveryRun.Check;
import dev.vigie.server.recovery.RecoveryRun.CheckState;
import dev.vigie.server.recovery.RecoveryRun.Machine;
import dev.vigie.server.recovery.RecoveryRun.Status;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guided recovery runs (docs/incidents.md): an operator starts one from an incident; the machines
 * come in the catalogue's order ({@link RecoveryOrder}); each waiting machine is checked ({@link
 * RecoveryChecks}) at once and then every {@code recovery.recheckInterval} until it passes or
 * {@code recovery.maxChecks} checks failed (GAVE_UP, until an operator re-runs or skips it), and
 * whenever the operator asks. Each change of a machine's state (its status and the outcome of each
 * check, not a count moving) writes one timeline row by itself, in the incident's language, so the
 * timeline reads like the seed's without flooding. Finishing a run proposes the client notice and
 * the status page update, prefilled; nothing reaches clients until an operator publishes.
 *
 * <p>Threading: a ticker thread (once a second) samples registrations and starts due checks on
 * virtual threads (one machine in flight at most once); state changes happen under this object's
 * lock, which also writes the database row. {@link #version()} moves on every change (the console's
 * live event).
 */
public final class RecoveryService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RecoveryService.class);
  private static final int MAX_MACHINES = 500;
  private static final int MAX_REASON = 1000;
  private final RecoveryStore store;
  private final IncidentService incidents;
  private final Catalog catalog;
  private final RecoveryChecks checks;
  private final RegistrationWatch registrations;
  private final RecoverySettings settings;
  private final InstantSource clock;
  private final ZoneId zone;
  private final IncidentPublisher publisher;
  private final boolean canNotify;
  private final Map<Long, RecoveryRun> running = new LinkedHashMap<>();
  private final Set<String> inFlight = new HashSet<>();
  private final Set<String> forced = new HashSet<>();
  private final AtomicLong version = new AtomicLong();
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private ScheduledExecutorService ticker;

  public RecoveryService(
      RecoveryStore store,
      IncidentService incidents,
      Catalog catalog,
      RecoveryChecks checks,
      RegistrationWatch registrations,
      RecoverySettings settings,
      InstantSource clock,
      ZoneId zone,
      IncidentPublisher publisher,
      boolean canNotify) {
    this.store = store;
    this.incidents = incidents;
    this.catalog = catalog;
    this.checks = checks;
    this.registrations = registrations;
    this.settings = settings;
    this.clock = clock;
    this.zone = zone;
    this.publisher = publisher;
    this.canNotify = canNotify;
    for (RecoveryRun r : store.running()) running.put(r.id(), r);
  }

  /** Starts the once-a-second ticker. */
  public RecoveryService start() {
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("vigie-recovery").daemon(true).unstarted(r));
    ticker.scheduleWithFixedDelay(this::safeTick, 0, 1, TimeUnit.SECONDS);
    return this;
  }

  /** Moves on every change of any run (the console compares it to send a live event). */
  public long version() {
    return version.get();
  }

  public RecoverySettings settings() {
    return settings;
  }

  // ------------------------------------------------------------------ operator actions

  /**
   * Starts a run for incident {@code incidentId} over {@code machineIds} (null or empty: the
   * machines the incident touches: its services' machines at any depth, its affected clients'
   * machines and the machine its alerts are about).
   */
  public synchronized RecoveryRun start(long incidentId, List<String> machineIds, String who) {
    Incident i = incident(incidentId);
    if (i.status() == IncidentStatus.CLOSED || i.status() == IncidentStatus.CANCELLED) {
      throw ApiError.conflict(
          "incident " + i.number() + " is " + i.status().name() + ": no recovery run");
    }
    for (RecoveryRun r : running.values()) {
      if (r.incidentId() == incidentId) {
        throw ApiError.conflict(
            "incident " + i.number() + " already has a running recovery run (" + r.id() + ")");
      }
    }
    if (catalog == null) {
      throw ApiError.conflict("a recovery run needs the catalogue (machines, services, clients)");
    }
    List<String> ids = machineIds == null ? List.of() : machineIds;
    if (ids.size() > MAX_MACHINES) {
      throw ApiError.badRequest("machines: at most " + MAX_MACHINES + " machines");
    }
    if (ids.isEmpty()) ids = affected(i);
    if (ids.isEmpty()) {
      throw ApiError.badRequest(
          "machines: the incident names no service, client or machine of the catalogue; give"
              + " the machines to recover");
    }
    List<RecoveryOrder.Step> steps;
    try {
      steps = RecoveryOrder.of(catalog, new java.util.LinkedHashSet<>(ids));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("machines: " + e.getMessage());
    }
    List<Machine> rows = new ArrayList<>();
    for (RecoveryOrder.Step s : steps) {
      rows.add(
          new Machine(
              rows.size(),
              s.machine().id(),
              s.machine().name(),
              s.waitsFor(),
              Status.WAITING,
              null,
              null,
              null,
              0,
              null,
              null,
              List.of(),
              null));
    }
    Instant now = clock.instant();
    RecoveryRun run =
        store.create(
            new RecoveryRun(0, incidentId, RecoveryRun.State.RUNNING, now, who, null, null, rows));
    running.put(run.id(), run);
    RecoveryWords w = words();
    row(
        run,
        now,
        w.t(
            "recovery.row.started",
            w.hour(now),
            rows.size(),
            String.join(", ", rows.stream().map(Machine::machineId).toList())),
        who,
        "started");
    changed();
    return run;
  }

  /** The machines an incident touches, in catalogue order. */
  private List<String> affected(Incident i) {
    List<String> clients = new ArrayList<>();
    for (AffectedClient c : i.affectedClients()) {
      clients.add(c.catalogId() != null ? c.catalogId() : c.name());
    }
    List<String> named = new ArrayList<>();
    String key = i.correlationKey();
    if (key != null && key.startsWith("machine:")) named.add(key.substring(8));
    return RecoveryOrder.affected(catalog, i.services(), clients, named).stream()
        .map(dev.vigie.catalog.Machine::id)
        .toList();
  }

  /** The operator says the machine was restarted (checked now) or leaves it out, with a reason. */
  public synchronized RecoveryRun mark(
      long runId, String machineId, String action, String reason, String who) {
    RecoveryRun run = runningRun(runId);
    Machine m = machineOf(run, machineId);
    Instant now = clock.instant();
    RecoveryWords w = words();
    String a = action == null ? "" : action.strip().toLowerCase(java.util.Locale.ROOT);
    Machine changed;
    switch (a) {
      case "restarted" -> {
        changed = m.restarted(now, who);
        forced.add(key(runId, machineId));
        row(run, now, w.t("recovery.row.restarted", m.machineId(), who), who, null);
      }
      case "skipped" -> {
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty()) throw ApiError.badRequest("reason: required to skip a machine");
        if (r.length() > MAX_REASON) {
          throw ApiError.badRequest("reason: at most " + MAX_REASON + " characters");
        }
        if (r.chars().anyMatch(ch -> ch < 0x20 && ch != '\t')) {
          throw ApiError.badRequest("reason: one line of text expected");
        }
        changed =
            m.skipped(r)
                .with(
                    Status.SKIPPED,
                    m.attempts(),
                    m.checkedAt(),
                    m.passedAt(),
                    m.checks(),
                    "SKIPPED");
        row(run, now, w.t("recovery.row.skipped", m.machineId(), who, r), who, null);
      }
      default ->
          throw ApiError.badRequest(
              "action: '" + (action == null ? "" : action) + "' is not restarted or skipped");
    }
    return save(run, changed, now);
  }

  /** Checks one machine (or every machine not done) again now, counting from zero. */
  public synchronized RecoveryRun rerun(long runId, String machineId) {
    RecoveryRun run = runningRun(runId);
    List<Machine> which =
        machineId == null || machineId.isBlank()
            ? run.machines().stream().filter(m -> !m.done()).toList()
            : List.of(machineOf(run, machineId));
    registrations.refresh();
    Instant now = clock.instant();
    for (Machine m : which) {
      if (m.status() == Status.SKIPPED) continue;
      forced.add(key(runId, m.machineId()));
      if (m.status() == Status.GAVE_UP) run = save(run, m.rerun(), now);
    }
    changed();
    return run;
  }

  /** Ends a run: the timeline says how far it got; the answer carries the proposal. */
  public synchronized RecoveryRun finish(long runId, String who) {
    RecoveryRun run = runningRun(runId);
    Instant now = clock.instant();
    store.finish(runId, now, who);
    RecoveryRun done = run.finished(now, who);
    running.remove(runId);
    RecoveryWords w = words();
    row(
        done,
        now,
        w.t("recovery.row.finished", w.hour(now), done.done(), done.machines().size(), who),
        who,
        "finished");
    changed();
    return done;
  }

  public RecoveryRun get(long runId) {
    synchronized (this) {
      RecoveryRun r = running.get(runId);
      if (r != null) return r;
    }
    return store.find(runId).orElseThrow(() -> ApiError.notFound("no recovery run " + runId));
  }

  /** The latest run of an incident, if any. */
  public java.util.Optional<RecoveryRun> latest(long incidentId) {
    synchronized (this) {
      RecoveryRun last = null;
      for (RecoveryRun r : running.values()) if (r.incidentId() == incidentId) last = r;
      if (last != null) return java.util.Optional.of(last);
    }
    return store.latest(incidentId);
  }

  /** A client's name (its id when the catalogue has no name). */
  public String clientName(String id) {
    return catalog == null
        ? id
        : catalog.client(id).map(Client::name).filter(n -> n != null && !n.isBlank()).orElse(id);
  }

  // ------------------------------------------------------------------ proposal

  /**
   * What the end of a run proposes (never sent by itself): publishing the incident with its public
   * title and impact, and a public update for the status page and the client notice.
   *
   * @param status the public status proposed: RESOLVED when every machine passed, else MONITORING
   * @param text the update's text, built from public facts only (service names, a time)
   * @param canNotify whether client notifications are configured (the update also emails)
   */
  public record Proposal(
      boolean published,
      String title,
      String clientImpact,
      String status,
      String text,
      boolean canNotify) {}

  /** The proposal of a run, in the incident's language. */
  public Proposal proposal(RecoveryRun run) {
    Incident i = incident(run.incidentId());
    IncidentPublisher.State s = publisher == null ? null : publisher.state(i);
    boolean allPassed = run.machines().stream().allMatch(m -> m.status() == Status.PASSED);
    Instant back = run.finishedAt() == null ? clock.instant() : run.finishedAt();
    Instant last = null;
    for (Machine m : run.machines()) {
      if (m.passedAt() != null && (last == null || m.passedAt().isAfter(last))) last = m.passedAt();
    }
    if (last != null) back = last;
    RecoveryWords w = words();
    String services = String.join(", ", publicServices(i));
    if (services.isEmpty()) services = w.t("recovery.notice.ourServices");
    String text =
        w.t(
            allPassed ? "recovery.notice.resolved" : "recovery.notice.partial",
            services,
            w.hour(back));
    String title = s == null ? i.title() : s.title() == null ? i.title() : s.title();
    String impact = s == null ? i.clientImpact() : s.clientImpact();
    return new Proposal(
        s != null && s.published(),
        title,
        impact,
        allPassed ? "RESOLVED" : "MONITORING",
        text,
        canNotify);
  }

  /** The incident's services that are catalogue services, by their names (never a machine). */
  private List<String> publicServices(Incident i) {
    List<String> out = new ArrayList<>();
    if (catalog == null) return out;
    for (String s : i.services()) {
      catalog
          .resolve(s)
          .filter(c -> c.kind() == ComponentKind.SERVICE)
          .map(Component::name)
          .filter(n -> !out.contains(n))
          .ifPresent(out::add);
    }
    return out;
  }

  // ------------------------------------------------------------------ checking

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("recovery tick failed: {}", e.toString());
    }
  }

  /** One pass: starts the checks that are due (also called by tests). */
  void tick() {
    Instant now = clock.instant();
    registrations.sample(now);
    List<Runnable> due = new ArrayList<>();
    synchronized (this) {
      for (RecoveryRun run : running.values()) {
        for (Machine m : run.machines()) {
          String k = key(run.id(), m.machineId());
          if (inFlight.contains(k)) continue;
          boolean asked = forced.contains(k);
          if (m.status() == Status.SKIPPED || m.status() == Status.PASSED && !asked) continue;
          if (m.status() == Status.GAVE_UP && !asked) continue;
          boolean time =
              m.checkedAt() == null
                  || !now.isBefore(m.checkedAt().plus(settings.recheckInterval()));
          if (!asked && !time) continue;
          forced.remove(k);
          inFlight.add(k);
          long runId = run.id();
          String id = m.machineId();
          due.add(() -> check(runId, id, k));
        }
      }
    }
    for (Runnable r : due) workers.execute(r);
  }

  private void check(long runId, String machineId, String k) {
    try {
      List<Check> result = checks.run(machineId);
      applied(runId, machineId, result);
    } catch (RuntimeException e) {
      LOG.warn("recovery check of {} failed: {}", machineId, e.toString());
    } finally {
      synchronized (this) {
        inFlight.remove(k);
      }
    }
  }

  private synchronized void applied(long runId, String machineId, List<Check> result) {
    RecoveryRun run = running.get(runId);
    if (run == null) return; // finished meanwhile
    Machine m = run.machine(machineId);
    if (m == null || m.status() == Status.SKIPPED) return;
    Instant now = clock.instant();
    boolean failed = result.stream().anyMatch(c -> c.state() == CheckState.FAIL);
    boolean anyPass = result.stream().anyMatch(c -> c.state() == CheckState.PASS);
    int attempts = m.attempts() + 1;
    Status status;
    if (!failed && (anyPass || m.restartedAt() != null)) status = Status.PASSED;
    else if (attempts >= settings.maxChecks()) status = Status.GAVE_UP;
    else status = Status.WAITING;
    Instant passedAt = status == Status.PASSED ? (m.passedAt() != null ? m.passedAt() : now) : null;
    StringBuilder sk = new StringBuilder(status.name());
    for (Check c : result) {
      sk.append('|').append(c.kind()).append(':');
      if (c.subject() != null) sk.append(c.subject()).append(':');
      sk.append(c.state());
    }
    String stateKey = sk.toString();
    if (!stateKey.equals(m.stateKey())) {
      RecoveryWords w = words();
      String summary = w.summary(result, this::clientName);
      String key =
          switch (status) {
            case PASSED -> "recovery.row.passed";
            case GAVE_UP -> "recovery.row.gaveUp";
            default -> "recovery.row.waiting";
          };
      row(run, now, w.t(key, m.machineId(), summary, attempts), "vigie", stateKey);
    }
    RecoveryRun after = save(run, m.with(status, attempts, now, passedAt, result, stateKey), now);
    if (after.complete() && !run.complete()) {
      RecoveryWords w = words();
      row(after, now, w.t("recovery.row.complete", after.machines().size()), "vigie", "complete");
    }
  }

  // ------------------------------------------------------------------ helpers

  private RecoveryRun save(RecoveryRun run, Machine m, Instant now) {
    store.save(run.id(), m);
    RecoveryRun after = run.with(m);
    running.put(after.id(), after);
    changed();
    return after;
  }

  /** A timeline row Vigie writes in the incident (source SYSTEM). */
  private void row(RecoveryRun run, Instant at, String text, String who, String state) {
    try {
      incidents
          .store()
          .append(
              run.incidentId(),
              new NewEntry(
                  at,
                  text,
                  TimelineSource.SYSTEM,
                  who,
                  "recovery:" + run.id(),
                  state == null ? null : state.length() > 200 ? state.substring(0, 200) : state));
    } catch (RuntimeException e) {
      LOG.warn("recovery run {}: timeline row not written: {}", run.id(), e.toString());
    }
  }

  /** The words of timeline rows and proposals: the incident module's language. */
  private RecoveryWords words() {
    Lang lang = Lang.parse(incidents.wording().language().code());
    return new RecoveryWords(new Texts(lang, zone));
  }

  private Incident incident(long id) {
    return incidents.store().find(id).orElseThrow(() -> ApiError.notFound("no incident " + id));
  }

  private RecoveryRun runningRun(long runId) {
    RecoveryRun r = running.get(runId);
    if (r != null) return r;
    if (store.find(runId).isPresent()) {
      throw ApiError.conflict("recovery run " + runId + " is finished");
    }
    throw ApiError.notFound("no recovery run " + runId);
  }

  private static Machine machineOf(RecoveryRun run, String machineId) {
    Machine m = machineId == null ? null : run.machine(machineId);
    if (m == null) {
      throw ApiError.notFound("recovery run " + run.id() + " has no machine '" + machineId + "'");
    }
    return m;
  }

  private static String key(long runId, String machineId) {
    return runId + "/" + machineId;
  }

  private void changed() {
    version.incrementAndGet();
  }

  @Override
  public void close() {
    if (ticker != null) ticker.shutdownNow();
    workers.shutdownNow();
  }
}
