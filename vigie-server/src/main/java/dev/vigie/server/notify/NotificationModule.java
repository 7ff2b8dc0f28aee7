package dev.vigie.server.notify;

import dev.vigie.catalog.Catalog;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.Language;
import dev.vigie.incident.notify.Audience;
import dev.vigie.incident.notify.Notification;
import dev.vigie.incident.notify.NotificationState;
import dev.vigie.incident.notify.NotificationType;
import dev.vigie.incident.notify.Notifier;
import dev.vigie.incident.notify.Outbox;
import dev.vigie.incident.notify.OutboxWorker;
import dev.vigie.incident.notify.Recipient;
import dev.vigie.incident.notify.SentNotice;
import dev.vigie.incident.notify.SmtpMailSender;
import dev.vigie.incident.notify.Templates;
import dev.vigie.incident.timeline.TimelineSource;
import dev.vigie.server.LogText;
import dev.vigie.server.api.ApiError;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.ServeConfig;
import dev.vigie.server.incident.IncidentModule;
import dev.vigie.server.incident.PublicationPolicy;
import dev.vigie.server.incident.Publications;
import dev.vigie.server.status.StatusLinks;
import dev.vigie.server.storage.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client notifications in the server: the SQL outbox, the {@link Notifier} that fills it, and one
 * thread ("vigie-notify") that every {@code notifications.tickInterval} writes the timeline entries
 * of sent notices still missing, enqueues the notices incidents owe ({@link IncidentNotices}), and
 * ticks the {@link OutboxWorker} (only when {@code notifications.smtp} is configured; otherwise
 * notices wait in the outbox, which the start log and the {@code vigie_notifications_pending} gauge
 * say).
 *
 * <p>Each SENT notice about an incident appends a NOTIFICATION timeline entry ({@link
 * SentNotice#describe}) and then flags the row; a crash in between is repaired at the next tick, so
 * the entry is written at least once and, normally, once. Started after storage and incidents,
 * before HTTP; closed before storage.
 */
public final class NotificationModule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationModule.class);
  private final JdbiOutbox outbox;
  private final Notifier notifier;
  private final ClientDirectory directory;
  private final IncidentNotices notices;
  private final IncidentService incidents;
  private final OutboxWorker worker;
  private final NotificationSettings settings;
  private final InstantSource clock;
  private final Publications publications;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("vigie-notify").daemon(true).unstarted(r));

  public NotificationModule(
      Database db,
      NotificationSettings settings,
      Catalog catalog,
      StatusLinks links,
      IncidentService incidents,
      Publications publications,
      PublicationPolicy policy,
      InstantSource clock,
      MeterRegistry metrics) {
    this.settings = settings;
    this.publications = publications;
    this.clock = clock;
    this.incidents = incidents;
    this.outbox = new JdbiOutbox(db.jdbi());
    this.notifier = new Notifier(outbox, clock);
    this.directory = new ClientDirectory(catalog, settings, links);
    this.notices =
        new IncidentNotices(incidents, directory, notifier, db.jdbi(), publications, policy);
    this.worker =
        settings.smtp() == null
            ? null
            : new OutboxWorker(
                outbox,
                new SmtpMailSender(settings.smtp(), clock),
                clock,
                settings.retry(),
                new SplittableRandom(),
                new Listener(metrics),
                settings.batchSize());
    // counted on the notify thread at each tick: a scrape of /metrics never waits for the database
    pendingCount.set(outbox.count(NotificationState.PENDING));
    metrics.gauge("vigie_notifications_pending", pendingCount, AtomicLong::get);
    if (worker == null) {
      LOG.warn(
          "notifications: no notifications.smtp configured: client notices are queued in the"
              + " outbox but not sent");
    } else {
      LOG.info("notifications: sending through {}", settings.smtp());
    }
  }

  /**
   * The module for the server, or null when notifications cannot work and were not asked for: no
   * {@code notifications:} section and no backup number in the catalogue (logged).
   *
   * @throws ConfigException when the section is invalid, or present without a backup number
   */
  public static NotificationModule create(
      Database db,
      ServeConfig cfg,
      Catalog catalog,
      StatusLinks links,
      IncidentModule incidents,
      InstantSource clock,
      MeterRegistry metrics) {
    NotificationSettings settings = NotificationSettings.from(cfg);
    try {
      return new NotificationModule(
          db,
          settings,
          catalog,
          links,
          incidents.service(),
          incidents.publications(),
          incidents.publicationPolicy(),
          clock,
          metrics);
    } catch (IllegalStateException e) {
      if (cfg.root().has("notifications")) throw new ConfigException(e.getMessage());
      LOG.info("client notifications off: {}", e.getMessage());
      return null;
    }
  }

  private final AtomicLong pendingCount = new AtomicLong();

  /** Starts the periodic tick. */
  public NotificationModule start() {
    long ms = settings.tickInterval().toMillis();
    thread.scheduleWithFixedDelay(this::tickSafely, 0, ms, TimeUnit.MILLISECONDS);
    return this;
  }

  /** One round: missing timeline entries, incident notices, then sending. Notify thread only. */
  void tick() {
    for (Notification n : outbox.sentWithoutTimeline(100)) recordTimeline(n);
    notices.scan();
    if (worker != null) worker.tick();
    pendingCount.set(outbox.count(NotificationState.PENDING));
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.error("notification tick failed", e);
    }
  }

  private void recordTimeline(Notification n) {
    incidents.addEntry(
        Long.parseLong(n.incidentId()),
        n.sentAt(),
        SentNotice.describe(n, Language.FR),
        TimelineSource.NOTIFICATION,
        "vigie");
    outbox.markTimelineRecorded(n.id());
  }

  /**
   * The backup number announcement to {@code clients} (every client with contacts when null). Once
   * per address ever (dedup on the number), unless {@code force}: then a new notice each call.
   */
  public Notifier.Report announceBackup(Collection<String> clients, boolean force) {
    var who = clients == null ? directory.clientsWithContacts() : clients;
    var ctx = directory.context();
    if (!force) {
      return notifier.notify(
          NotificationType.BACKUP_NUMBER_ANNOUNCEMENT, ctx, who, directory.contacts());
    }
    String suffix = "/forced@" + clock.instant();
    var type = NotificationType.BACKUP_NUMBER_ANNOUNCEMENT;
    var audience = Audience.select(who, directory.contacts());
    List<Notification> enqueued = new ArrayList<>();
    int duplicates = 0;
    for (Recipient r : audience.recipients()) {
      Notification n =
          Notification.pending(
              UUID.randomUUID(),
              type,
              null,
              null,
              r,
              Templates.render(type, ctx, r),
              clock.instant(),
              Notifier.dedupKey(type, ctx, r) + suffix);
      if (outbox.enqueue(n) == Outbox.Enqueued.ENQUEUED) enqueued.add(n);
      else duplicates++;
    }
    return new Notifier.Report(enqueued, duplicates, audience);
  }

  /**
   * Incident {@code id} when it is published to clients (a public update may be written for it).
   *
   * @throws ApiError 404 for an unknown incident, 409 when it is not published
   */
  public dev.vigie.incident.Incident publishedIncident(long id) {
    var incident =
        incidents.store().find(id).orElseThrow(() -> ApiError.notFound("no incident " + id));
    if (!notices.published(incident)) {
      throw new ApiError(
          409,
          "incident "
              + incident.number()
              + " is not published to clients: POST /api/v1/incidents/"
              + id
              + "/publish first");
    }
    return incident;
  }

  /** Now, by the module's clock. */
  public java.time.Instant now() {
    return clock.instant();
  }

  /** Who an incident's notices go to: the contacts of its affected clients, with the gaps. */
  public Audience.Selection audience(dev.vigie.incident.Incident i) {
    return notices.audience(i);
  }

  /**
   * Queues a public update for the incident's affected clients, each contact in its language
   * ({@code fr} to French contacts, {@code en} to English ones); {@code key} makes it once per
   * address.
   */
  public Notifier.Report publishUpdate(
      dev.vigie.incident.Incident i,
      dev.vigie.incident.notify.PublicStatus status,
      String fr,
      String en,
      String key,
      java.time.Instant at) {
    return notices.update(i, status, java.util.Map.of(Language.FR, fr, Language.EN, en), key, at);
  }

  /** The update e-mail as {@code r} would receive it (nothing is queued). */
  public dev.vigie.incident.notify.RenderedMessage preview(
      dev.vigie.incident.Incident i,
      dev.vigie.incident.notify.PublicStatus status,
      String text,
      java.time.Instant at,
      Recipient r) {
    return notices.preview(i, status, text, r.language(), at, r);
  }

  public JdbiOutbox outbox() {
    return outbox;
  }

  public ClientDirectory directory() {
    return directory;
  }

  IncidentNotices notices() {
    return notices;
  }

  IncidentService incidents() {
    return incidents;
  }

  Publications publications() {
    return publications;
  }

  InstantSource clock() {
    return clock;
  }

  public boolean sending() {
    return worker != null;
  }

  @Override
  public void close() throws InterruptedException {
    thread.shutdown();
    if (!thread.awaitTermination(10, TimeUnit.SECONDS)) thread.shutdownNow();
  }

  /** Timeline entries at once after a send, metrics for every outcome. Notify thread. */
  private final class Listener implements OutboxWorker.Listener {
    private final MeterRegistry metrics;

    Listener(MeterRegistry metrics) {
      this.metrics = metrics;
    }

    @Override
    public void onSent(Notification sent) {
      metrics.counter("vigie_notifications_sent_total", "type", sent.type().name()).increment();
      if (sent.incidentId() != null) recordTimeline(sent);
    }

    @Override
    public void onRetry(Notification retry) {
      metrics.counter("vigie_notifications_retried_total").increment();
      LOG.warn(
          "notification {} to {} will be retried: {}",
          retry.id(),
          retry.recipient().email(),
          LogText.safe(retry.lastError()));
    }

    @Override
    public void onPermanentFailure(Notification failed) {
      metrics.counter("vigie_notifications_failed_total").increment();
      LOG.error(
          "notification {} to {} failed for good: {}",
          failed.id(),
          failed.recipient().email(),
          LogText.safe(failed.lastError()));
    }
  }
}
