package dev.vigie.server.obligation;

import dev.vigie.incident.notify.Outbox;
import dev.vigie.incident.obligation.ObligationService;
import dev.vigie.incident.obligation.ObligationStore;
import dev.vigie.incident.obligation.ReminderWatch;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NIS2 reminder thread ("vigie-nis2"): every {@code obligations.tickInterval} one {@link
 * ReminderWatch#tick} at the injected clock's instant. Reminder emails go through the client
 * notifications' outbox when there is one (its worker sends them). Started after the notification
 * module, closed before storage.
 */
public final class ObligationReminders implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ObligationReminders.class);
  private final ReminderWatch watch;
  private final InstantSource clock;
  private final ObligationConfig config;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("vigie-nis2").daemon(true).unstarted(r));

  public ObligationReminders(
      ObligationService service,
      ObligationStore store,
      ObligationConfig config,
      Outbox outbox,
      InstantSource clock) {
    this.clock = clock;
    this.config = config;
    this.watch =
        new ReminderWatch(
            service,
            store,
            new OutboxNocChannel(outbox, config.nocEmail(), clock),
            config.consoleUrl());
  }

  /** Starts the periodic check (the first one at once). */
  public ObligationReminders start() {
    long ms = config.tickInterval().toMillis();
    thread.scheduleWithFixedDelay(this::tickSafely, 0, ms, TimeUnit.MILLISECONDS);
    return this;
  }

  /** One round now; the reminders that fired. */
  public List<ReminderWatch.Fired> tick() {
    return watch.tick(clock.instant());
  }

  private void tickSafely() {
    try {
      var fired = tick();
      if (!fired.isEmpty()) LOG.info("NIS2 reminders fired: {}", fired);
    } catch (RuntimeException e) {
      LOG.error("NIS2 reminder check failed", e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.shutdown();
    if (!thread.awaitTermination(10, TimeUnit.SECONDS)) thread.shutdownNow();
  }
}
