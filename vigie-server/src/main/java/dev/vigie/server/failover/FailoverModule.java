package dev.vigie.server.failover;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.NumberRole;
import dev.vigie.catalog.PhoneNumber;
import dev.vigie.catalog.analysis.CatalogAnalysis;
import dev.vigie.catalog.analysis.Impact;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.IncidentSeverity;
import dev.vigie.incident.NewIncident;
import dev.vigie.incident.Priority;
import dev.vigie.incident.timeline.NewEntry;
import dev.vigie.incident.timeline.TimelineSource;
import dev.vigie.probe.failover.Failover;
import dev.vigie.probe.failover.FailoverDecision;
import dev.vigie.probe.failover.FailoverEvent;
import dev.vigie.probe.failover.NumberRoute;
import dev.vigie.probe.failover.RoutePath;
import dev.vigie.probe.status.ComponentStatus;
import dev.vigie.probe.status.ComponentStatusListener;
import dev.vigie.probe.status.StatusChange;
import dev.vigie.server.LogText;
import dev.vigie.server.api.ApiRoutes;
import dev.vigie.server.config.ServeConfig;
import dev.vigie.server.notify.NotificationModule;
import dev.vigie.server.status.ComponentState;
import dev.vigie.server.status.StatusBoard;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failover of the main support numbers to the backup number, and the incident trail of probed
 * components.
 *
 * <p>Inputs: probe status changes ({@link ComponentStatusListener}) and operator declarations on
 * the {@link StatusBoard} (a component declared MAJOR_OUTAGE counts as down, UNDER_MAINTENANCE as
 * maintenance, the support line declared down takes every main number down). A probed component
 * going DOWN opens (or updates) the incident keyed {@code component:ID} with a PROBE timeline
 * entry, its affected clients and services being the catalogue's redundancy-aware impact; going UP
 * adds the matching PROBE entry.
 *
 * <p>Failover: each main number's state comes from the catalogue's impact analysis of everything
 * down (so redundancy, anyOf groups, carriers and platforms count as the catalogue says), and
 * {@link Failover} turns those states into one event per change. On activation: a SYSTEM entry in
 * the incident of the component that caused it (or an incident keyed {@code failover:support} when
 * an operator's declaration did), the backup number announcement enqueued for every client with
 * contacts (they all call support; the outbox sends it once per address), the webhook called with
 * ACTIVATED and its outcome recorded as an ACTION entry. Deactivation leaves the same trail. The
 * status page banner needs nothing here: the board derives it from the same inputs.
 *
 * <p>Threading: callbacks arrive on probe threads and HTTP threads; all work runs on one thread
 * ("vigie-failover"), in arrival order, so the state needs no locking and slow webhooks never hold
 * a probe.
 */
public final class FailoverModule implements ComponentStatusListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FailoverModule.class);
  private static final String SUPPORT_KEY = "failover:support";

  private final Catalog catalog;
  private final StatusBoard board;
  private final IncidentService incidents;
  private final NotificationModule notifications;
  private final FailoverWebhook webhook;
  private final InstantSource clock;
  private final Failover failover;
  private final String backupNumber;
  private final List<PhoneNumber> mains;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().name("vigie-failover").daemon(true).unstarted(r));
  private final Set<String> probedDown = new TreeSet<>();
  private final Set<String> probedMaintenance = new TreeSet<>();
  private volatile Long incidentId;
  private volatile OutageListener outages = OutageListener.NONE;

  /**
   * Told when a probed component's incident starts or ends its outage (NIS2 impact facts,
   * docs/obligations.md). Called on the failover thread; must not throw.
   */
  public interface OutageListener {
    /** The component went down: {@code critical} when critical services go down with it. */
    void down(long incidentId, Instant at, boolean critical);

    /** The component answers again. */
    void up(long incidentId, Instant at);

    OutageListener NONE =
        new OutageListener() {
          @Override
          public void down(long incidentId, Instant at, boolean critical) {}

          @Override
          public void up(long incidentId, Instant at) {}
        };
  }

  /** Sets who is told of probed outages (one listener). */
  public void onOutage(OutageListener listener) {
    this.outages = listener == null ? OutageListener.NONE : listener;
  }

  private FailoverModule(
      Catalog catalog,
      StatusBoard board,
      IncidentService incidents,
      NotificationModule notifications,
      FailoverWebhook webhook,
      InstantSource clock,
      List<PhoneNumber> mains,
      String backupNumber) {
    this.catalog = catalog;
    this.board = board;
    this.incidents = incidents;
    this.notifications = notifications;
    this.webhook = webhook;
    this.clock = clock;
    this.mains = mains;
    this.backupNumber = backupNumber;
    List<NumberRoute> routes = new ArrayList<>();
    for (PhoneNumber n : mains) {
      routes.add(
          new NumberRoute(
              n.id(), backupNumber, List.of(new RoutePath("catalogue", List.of(n.id())))));
    }
    this.failover = new Failover(routes);
  }

  /**
   * The module, or null when the catalogue has no main number or no backup number (nothing to fail
   * over to; logged).
   */
  public static FailoverModule create(
      ServeConfig cfg,
      Catalog catalog,
      StatusBoard board,
      IncidentService incidents,
      NotificationModule notifications,
      InstantSource clock,
      MeterRegistry metrics) {
    FailoverWebhook hook = FailoverWebhook.from(cfg);
    if (catalog == null) return null;
    List<PhoneNumber> mains = new ArrayList<>();
    String backup = null;
    for (PhoneNumber n : catalog.numbers()) {
      if (n.role() == NumberRole.MAIN) mains.add(n);
      else if (backup == null && n.role() == NumberRole.BACKUP) backup = label(n);
    }
    if (mains.isEmpty() || backup == null) {
      LOG.info("failover off: the catalogue has no main number or no backup number");
      return null;
    }
    FailoverModule m =
        new FailoverModule(catalog, board, incidents, notifications, hook, clock, mains, backup);
    board.onChange(what -> {
      if (!what.startsWith("probes:")) m.submit(() -> m.evaluate(clock.instant()));
    });
    metrics.gauge("vigie_failover_active_numbers", m.failover, f -> f.active().size());
    return m;
  }

  @Override
  public void onDown(StatusChange c) {
    submit(() -> {
      probedMaintenance.remove(c.componentId());
      if (probedDown.add(c.componentId())) componentDown(c);
      evaluate(c.at());
    });
  }

  @Override
  public void onUp(StatusChange c) {
    submit(() -> {
      boolean was = probedDown.remove(c.componentId());
      probedMaintenance.remove(c.componentId());
      if (was) componentUp(c);
      evaluate(c.at());
    });
  }

  @Override
  public void onMaintenance(StatusChange c) {
    submit(() -> {
      probedDown.remove(c.componentId());
      probedMaintenance.add(c.componentId());
      evaluate(c.at());
    });
  }

  private void submit(Runnable r) {
    thread.execute(() -> {
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.error("failover: handling a status change failed", e);
      }
    });
  }

  private void componentDown(StatusChange c) {
    String id = c.componentId();
    Impact impact =
        known(Set.of(id)).isEmpty() ? null : CatalogAnalysis.impact(catalog, List.of(id));
    String name = catalog.component(id).map(x -> x.name() == null ? id : x.name()).orElse(id);
    boolean critical = impact != null && !impact.criticalServicesDown().isEmpty();
    var req =
        new NewIncident(
            name + " injoignable",
            c.at(),
            impact == null ? List.of() : impact.servicesDown(),
            null,
            null,
            critical ? IncidentSeverity.MAJOR : IncidentSeverity.MINOR,
            critical ? Priority.P1 : Priority.P2,
            c.at(),
            impact == null ? List.of() : impact.clients(),
            "component:" + id);
    var opened =
        incidents.openOrAttachFor(
            req,
            NewEntry.of(
                c.at(),
                "Sonde SIP : " + name + " ne répond plus (" + c.summary() + ")",
                TimelineSource.PROBE,
                "probe"));
    LOG.warn("component {} down: incident {}", id, opened.incident().number());
    try {
      outages.down(opened.incident().id(), c.at(), critical);
    } catch (RuntimeException e) {
      LOG.error("failover: the outage of {} could not be recorded in its impact facts", id, e);
    }
  }

  private void componentUp(StatusChange c) {
    String id = c.componentId();
    String name = catalog.component(id).map(x -> x.name() == null ? id : x.name()).orElse(id);
    incidents
        .store()
        .findOpenByKey("component:" + id)
        .ifPresent(i -> {
          incidents
              .store()
              .append(
                  i.id(),
                  NewEntry.of(
                      c.at(),
                      "Sonde SIP : " + name + " répond de nouveau (" + c.summary() + ")",
                      TimelineSource.PROBE,
                      "probe"));
          try {
            outages.up(i.id(), c.at());
          } catch (RuntimeException e) {
            LOG.error("failover: the end of the outage of {} was not recorded", id, e);
          }
        });
  }

  /** Re-evaluates every main number; acts on the changes. Failover thread only. */
  private void evaluate(Instant at) {
    Set<String> down = new TreeSet<>(probedDown);
    Set<String> maintenance = new TreeSet<>(probedMaintenance);
    board
        .declarations()
        .forEach((id, state) -> {
          if (ComponentState.MAJOR_OUTAGE.name().equals(state)) down.add(id);
          else if (ComponentState.UNDER_MAINTENANCE.name().equals(state)) maintenance.add(id);
        });
    boolean supportDown = board.supportLine().declaredDown();
    Set<String> numbersDown = numbersDown(down);
    Set<String> all = new TreeSet<>(down);
    all.addAll(maintenance);
    Set<String> numbersUnavailable = numbersDown(all);
    Map<String, ComponentStatus> status = new HashMap<>();
    for (PhoneNumber n : mains) {
      ComponentStatus s = ComponentStatus.UP;
      if (supportDown || numbersDown.contains(n.id())) s = ComponentStatus.DOWN;
      else if (numbersUnavailable.contains(n.id())) s = ComponentStatus.MAINTENANCE;
      status.put(n.id(), s);
    }
    List<FailoverDecision> on = new ArrayList<>();
    List<FailoverDecision> off = new ArrayList<>();
    for (FailoverEvent e : failover.update(status, at)) {
      switch (e) {
        case FailoverEvent.Activated a -> on.add(a.decision());
        case FailoverEvent.Deactivated d -> off.add(d.decision());
      }
    }
    List<String> causes = new ArrayList<>(known(all));
    if (supportDown) causes.add("support line declared down");
    if (!on.isEmpty()) activated(on, causes, at);
    if (!off.isEmpty()) deactivated(off, at);
  }

  private void activated(List<FailoverDecision> on, List<String> causes, Instant at) {
    List<String> numbers = numbers(on);
    // what the operator declared from an incident joins it; else the incident of a cause
    Long id = openIncident(board.declaredIncident());
    for (String c : id != null ? List.<String>of() : causes) {
      var open = incidents.store().findOpenByKey("component:" + c);
      if (open.isPresent()) {
        id = open.get().id();
        break;
      }
    }
    String text =
        "Bascule vers le numéro de secours "
            + backupNumber
            + " : numéros principaux "
            + String.join(", ", numbers)
            + " injoignables ("
            + on.get(0).reason()
            + (causes.isEmpty() ? "" : "; cause : " + String.join(", ", causes))
            + ")";
    NewEntry entry = NewEntry.of(at, text, TimelineSource.SYSTEM, "vigie");
    if (id == null) {
      var req =
          new NewIncident(
              "Numéros de support indisponibles",
              at,
              List.of(),
              "Les numéros de support habituels ne répondent pas ; le numéro de secours "
                  + backupNumber
                  + " est actif.",
              null,
              IncidentSeverity.MAJOR,
              Priority.P1,
              at,
              List.of(),
              SUPPORT_KEY);
      id = incidents.openOrAttachFor(req, entry).incident().id();
    } else {
      incidents.store().append(id, entry);
    }
    incidentId = id;
    if (notifications != null) {
      var r = notifications.announceBackup(null, false);
      if (!r.enqueued().isEmpty()) {
        incidents
            .store()
            .append(
                id,
                NewEntry.of(
                    at,
                    "Annonce du numéro de secours "
                        + backupNumber
                        + " mise en file pour "
                        + r.enqueued().size()
                        + " destinataire(s)",
                    TimelineSource.SYSTEM,
                    "vigie"));
      }
    }
    callWebhook("ACTIVATED", on, at, id, text);
    LOG.warn("failover ACTIVATED: {}", LogText.safe(text));
  }

  private Long openIncident(Long id) {
    if (id == null) return null;
    try {
      return incidents.store().get(id).status().isOpen() ? id : null;
    } catch (dev.vigie.incident.IncidentNotFoundException e) {
      return null;
    }
  }

  private void deactivated(List<FailoverDecision> off, Instant at) {
    Long id = incidentId;
    if (id == null) id = incidents.store().findOpenByKey(SUPPORT_KEY).map(i -> i.id()).orElse(null);
    String text =
        "Fin de la bascule : numéros principaux "
            + String.join(", ", numbers(off))
            + " de nouveau joignables";
    if (id != null)
      incidents.store().append(id, NewEntry.of(at, text, TimelineSource.SYSTEM, "vigie"));
    if (failover.active().isEmpty()) incidentId = null;
    callWebhook("DEACTIVATED", off, at, id, text);
    LOG.warn("failover DEACTIVATED: {}", LogText.safe(text));
  }

  private void callWebhook(
      String event, List<FailoverDecision> ds, Instant at, Long incident, String reason) {
    if (!webhook.configured()) return;
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("event", event);
    payload.put("numbers", numbers(ds));
    payload.put("backupNumber", backupNumber);
    payload.put("reason", reason);
    payload.put("at", at.toString());
    payload.put("decision", ds.get(0).reason().name());
    var r = webhook.call(payload);
    String line =
        "Webhook de bascule "
            + event
            + (r.ok() ? " accepté (HTTP " + r.status() + ")" : " en échec (" + r.error() + ")")
            + " après "
            + r.attempts()
            + " tentative(s)";
    if (incident != null)
      incidents
          .store()
          .append(incident, NewEntry.of(clock.instant(), line, TimelineSource.ACTION, "vigie"));
    if (!r.ok()) LOG.error("failover webhook {}: {}", event, LogText.safe(line));
  }

  private Set<String> numbersDown(Set<String> failed) {
    List<String> k = known(failed);
    return k.isEmpty() ? Set.of() : new TreeSet<>(CatalogAnalysis.impact(catalog, k).numbersDown());
  }

  private List<String> known(Set<String> ids) {
    return ids.stream().filter(i -> catalog.component(i).isPresent()).toList();
  }

  private List<String> numbers(List<FailoverDecision> ds) {
    Map<String, String> labels = new HashMap<>();
    for (PhoneNumber n : mains) labels.put(n.id(), label(n));
    return ds.stream()
        .map(d -> labels.getOrDefault(d.route().number(), d.route().number()))
        .toList();
  }

  private static String label(PhoneNumber n) {
    return n.number() != null ? n.number() : n.id();
  }

  /** {@code GET /api/v1/failover}: each main number's decision and whether failover is active. */
  public ApiRoutes routes() {
    return r -> r.get("/api/v1/failover", ctx -> ctx.json(view()));
  }

  Map<String, Object> view() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("backupNumber", backupNumber);
    out.put("active", !failover.active().isEmpty());
    out.put("incidentId", incidentId);
    List<Map<String, Object>> list = new ArrayList<>();
    for (FailoverDecision d : failover.decisions()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("number", numbers(List.of(d)).get(0));
      m.put("active", d.active());
      m.put("reason", d.reason().name());
      list.add(m);
    }
    out.put("numbers", list);
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    thread.shutdown();
    if (!thread.awaitTermination(10, TimeUnit.SECONDS)) thread.shutdownNow();
  }
}
