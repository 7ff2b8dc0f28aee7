package dev.vigie.server.incident;

import dev.vigie.detect.Alert;
import dev.vigie.incident.IncidentCatalog;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.Wording;
import dev.vigie.incident.alertmanager.AlertmanagerIntake;
import dev.vigie.incident.notify.Outbox;
import dev.vigie.incident.number.IgNumbering;
import dev.vigie.incident.obligation.ObligationService;
import dev.vigie.incident.obligation.ObligationStore;
import dev.vigie.incident.report.DraftReport;
import dev.vigie.incident.report.IncidentReport;
import dev.vigie.incident.report.ReportConfig;
import dev.vigie.server.LogText;
import dev.vigie.server.api.ApiRoutes;
import dev.vigie.server.api.IncidentApi;
import dev.vigie.server.api.ObligationApi;
import dev.vigie.server.config.ServeConfig;
import dev.vigie.server.obligation.ObligationConfig;
import dev.vigie.server.obligation.ObligationReminders;
import dev.vigie.server.status.PublishedIncident;
import dev.vigie.server.storage.Database;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident stage of the server, wired by hand: the JDBI store and IG sequence over the server's
 * database, the domain's {@link IncidentService} (numbering in {@code timezone}, French wording,
 * the provider's report header from {@code company.name} / {@code company.address}), the
 * Alertmanager intake and the REST routes. Created after storage, before the HTTP server.
 *
 * <p>On H2 it sets {@code WRITE_DELAY 0} (database-wide): H2 otherwise keeps commits up to 500 ms
 * in memory before writing them, and a {@code kill -9} in that window loses acknowledged writes
 * (CrashTest fails without it: entries acknowledged just before the kill were missing).
 */
public final class IncidentModule {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentModule.class);
  private final IncidentService service;
  private final IncidentReport report;
  private final ApiRoutes routes;
  private final InstantSource clock;
  private final JdbiIncidentStore store;
  private final Publications publications;
  private final PublicationPolicy policy;
  private final IncidentPublisher publisher;
  private final PublicationApi publicationRoutes;
  private final ObligationService obligations;
  private final ObligationStore obligationStore;
  private final ObligationConfig obligationConfig;

  private IncidentModule(
      IncidentService service,
      IncidentReport report,
      ApiRoutes routes,
      InstantSource clock,
      JdbiIncidentStore store,
      Publications publications,
      PublicationPolicy policy,
      ObligationService obligations,
      ObligationStore obligationStore,
      ObligationConfig obligationConfig) {
    this.service = service;
    this.report = report;
    this.routes = routes;
    this.clock = clock;
    this.store = store;
    this.publications = publications;
    this.policy = policy;
    this.publisher = new IncidentPublisher(service, publications, policy, clock);
    this.publicationRoutes = new PublicationApi(service, publisher);
    this.obligations = obligations;
    this.obligationStore = obligationStore;
    this.obligationConfig = obligationConfig;
  }

  /** Builds the stage over an open (migrated) database, without a catalogue. */
  public static IncidentModule create(Database db, ServeConfig cfg, InstantSource clock) {
    return create(db, cfg, clock, IncidentCatalog.NONE);
  }

  /**
   * Builds the stage with a catalogue view (affected clients of a machine, machine groups for the
   * correlation of alerts).
   */
  public static IncidentModule create(
      Database db, ServeConfig cfg, InstantSource clock, IncidentCatalog catalog) {
    if (!db.isPostgres()) {
      db.jdbi().useHandle(h -> h.execute("SET WRITE_DELAY 0"));
    }
    var store = new JdbiIncidentStore(db.jdbi(), clock);
    var publications = new Publications(db.jdbi());
    var numbering = new IgNumbering(cfg.zone(), new JdbiSequenceSource(db.jdbi()));
    var service = new IncidentService(store, numbering, clock, Wording.FRENCH, catalog);
    var reportConfig = new ReportConfig(cfg.companyName(), address(cfg), cfg.zone());
    var report = new IncidentReport(reportConfig);
    // NIS2 obligations (docs/obligations.md): impact facts, deadlines, drafts
    var obligationConfig = ObligationConfig.from(cfg);
    var obligationStore = new JdbiObligationStore(db.jdbi());
    var obligations =
        new ObligationService(
            service, obligationStore, catalog, obligationConfig.settings(), clock);
    var api = new IncidentApi(service, report, new AlertmanagerIntake(service, clock), obligations);
    var obligationApi = new ObligationApi(obligations, new DraftReport(reportConfig));
    var policy = PublicationPolicy.from(cfg);
    LOG.info("incidents Vigie opens by itself are published {}", policy);
    ApiRoutes routes =
        r -> {
          api.register(r);
          obligationApi.register(r);
        };
    return new IncidentModule(
        service,
        report,
        routes,
        clock,
        store,
        publications,
        policy,
        obligations,
        obligationStore,
        obligationConfig);
  }

  /** {@code company.address}, one report line per line of the setting. */
  private static List<String> address(ServeConfig cfg) {
    var a = cfg.companyAddress();
    return a == null
        ? List.of()
        : Arrays.stream(a.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  public IncidentService service() {
    return service;
  }

  /** The incident report (header from {@code company.*}), shared by the API and the console. */
  public IncidentReport report() {
    return report;
  }

  /** NIS2 obligations of incidents (classification, deadlines, submissions, client clock). */
  public ObligationService obligations() {
    return obligations;
  }

  /**
   * The NIS2 reminder thread over {@code outbox} (the client notifications' outbox, null when
   * notifications are off: reminders then reach the console and the timeline only). Not started.
   */
  public ObligationReminders reminders(Outbox outbox) {
    return new ObligationReminders(obligations, obligationStore, obligationConfig, outbox, clock);
  }

  /**
   * The incident API, the NIS2 obligations API and the publication routes ({@link PublicationApi}).
   */
  public ApiRoutes routes() {
    return r -> {
      routes.register(r);
      publicationRoutes.register(r);
    };
  }

  /**
   * Calls {@code listener} after every write that can change what the public status page shows: the
   * incident store's (incidents, their status and times, their timeline) and the publications'
   * (publication, public updates). After the commit; more often than needed is harmless.
   */
  public void onPublicChange(Runnable listener) {
    store.onWrite(listener);
    publications.onWrite(listener);
  }

  /** Publications of incidents to clients and their public updates. */
  public Publications publications() {
    return publications;
  }

  /** Publishing incidents to clients (API and console). */
  public IncidentPublisher publisher() {
    return publisher;
  }

  /** Which incidents clients may hear about. */
  public PublicationPolicy publicationPolicy() {
    return policy;
  }

  /**
   * What the public status page shows: open incidents and those resolved in the last 7 days, with
   * public updates only (see {@link PublicIncidents}). Reads the database on each call.
   */
  public List<PublishedIncident> publicIncidents() {
    return PublicIncidents.of(service.store(), publications, policy, clock);
  }

  /** One incident as the status page shows it (or would, once published): public facts only. */
  public PublishedIncident publicView(dev.vigie.incident.Incident i) {
    return PublicIncidents.preview(service.store(), publications, i);
  }

  /**
   * The published incidents of the last {@code days} days (open ones and those resolved since), at
   * most 500: the status page's history bars and its Atom feed.
   */
  public List<PublishedIncident> publicHistory(int days) {
    return PublicIncidents.of(
        service.store(), publications, policy, clock, java.time.Duration.ofDays(days), 500);
  }

  /**
   * Takes a detection alert: opens an incident for its machine (or group, or source) or attaches it
   * to the open one (domain rules: {@link IncidentService#onAlert}). Never throws: a failure is
   * logged and the alert stays in the alert store.
   */
  /** A SERVICE_DEGRADED episode resolved: its recovery row in the open incident. Never throws. */
  public void onResolved(Alert alert) {
    try {
      service.onResolved(alert);
    } catch (RuntimeException e) {
      LOG.error("recovery of alert {} could not be recorded", alert.id(), e);
    }
  }

  public void onAlert(Alert alert) {
    try {
      var intake = service.onAlert(alert);
      if (intake.decision() == IncidentService.AlertDecision.ALERT_ONLY) {
        LOG.info(
            "alert {} opens no incident (its machine carries no critical service)",
            LogText.safe(alert.id()));
        return;
      }
      if (intake.decision() == IncidentService.AlertDecision.OPENED
          && policy.automatic(alert.kind())) {
        publications.publish(
            intake.incident().id(),
            null,
            null,
            clock.instant(),
            "automatic (" + alert.kind().name() + ")");
      }
      obligations.onAlert(alert, intake.incident());
      LOG.info(
          "alert {} {} incident {}",
          LogText.safe(alert.id()),
          intake.decision(),
          intake.incident().number());
    } catch (RuntimeException e) {
      LOG.error("alert {} could not be recorded in an incident", alert.id(), e);
    }
  }
}
