package dev.vigie.incident.notify;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Sends what the {@link Outbox} holds as due, one {@link #tick()} at a time.
 *
 * <p>Per due notification: attempt number {@code attempts + 1} is sent through the {@link
 * MailSender}; on acceptance the outbox marks it SENT at once and {@link Listener#onSent} is called
 * (the server appends a timeline entry there); a transient failure reschedules it with {@link
 * RetryPolicy} backoff, or marks it FAILED_PERMANENTLY once the attempts are exhausted; a permanent
 * failure marks it FAILED_PERMANENTLY at once. A server-wide transient failure (SMTP server down)
 * ends the tick: the other due messages wait for the next tick instead of each waiting for its own
 * connection timeout, and the worker pauses until the failed message's next attempt.
 *
 * <p>Exactly once, from the outbox's point of view: a notification is sent only while PENDING and
 * becomes SENT in the statement right after the server's acceptance, so a restart (a new worker
 * over the same outbox) never resends it. The one window left is a crash between the SMTP server's
 * 250 reply and {@code markSent}: the message is then sent again after restart (at-least-once),
 * with the same {@code Message-ID} (derived from the notification id), so the duplicate is
 * recognisable and mail systems that deduplicate on Message-ID drop it.
 *
 * <p>Threading: one thread calls {@link #tick()} (the server's scheduler, e.g. every 5 s); a tick
 * is not reentrant. Several workers over one SQL outbox would race between {@code due} and {@code
 * markSent}; run one per database (or select with {@code FOR UPDATE SKIP LOCKED}).
 */
public final class OutboxWorker {

  /** Callbacks after each outcome, on the worker thread; an exception is logged and ignored. */
  public interface Listener {
    /** The notification (now SENT) was accepted by the SMTP server. */
    default void onSent(Notification sent) {}

    /** The attempt failed and will be retried at {@code retry.nextAttempt()}. */
    default void onRetry(Notification retry) {}

    /** The notification (now FAILED_PERMANENTLY) will not be sent. */
    default void onPermanentFailure(Notification failed) {}
  }

  /**
   * What one tick did. {@code stale} counts transitions refused by the outbox (a concurrent
   * change).
   */
  public record TickReport(int sent, int retried, int failedPermanently, int stale) {
    public int attempted() {
      return sent + retried + failedPermanently + stale;
    }
  }

  private static final System.Logger LOG = System.getLogger(OutboxWorker.class.getName());

  private final Outbox outbox;
  private final MailSender sender;
  private final InstantSource clock;
  private final RetryPolicy policy;
  private final RandomGenerator random;
  private final Listener listener;
  private final int batchSize;
  private Instant pausedUntil = Instant.MIN;

  /** With the default retry policy, a fresh random source and batches of 50. */
  public OutboxWorker(Outbox outbox, MailSender sender, InstantSource clock, Listener listener) {
    this(outbox, sender, clock, RetryPolicy.DEFAULT, new SplittableRandom(), listener, 50);
  }

  public OutboxWorker(
      Outbox outbox,
      MailSender sender,
      InstantSource clock,
      RetryPolicy policy,
      RandomGenerator random,
      Listener listener,
      int batchSize) {
    this.outbox = outbox;
    this.sender = sender;
    this.clock = clock;
    this.policy = policy;
    this.random = random;
    this.listener = listener;
    if (batchSize < 1) {
      throw new IllegalArgumentException("notifications.batchSize: must be >= 1, got " + batchSize);
    }
    this.batchSize = batchSize;
  }

  /** Sends the notifications due now (at most the batch size). */
  public TickReport tick() {
    Instant now = clock.instant();
    if (now.isBefore(pausedUntil)) {
      return new TickReport(0, 0, 0, 0);
    }
    int sent = 0;
    int retried = 0;
    int permanent = 0;
    int stale = 0;
    List<Notification> due = outbox.due(now, batchSize);
    for (Notification notification : due) {
      int attempt = notification.attempts() + 1;
      SendResult result = sender.send(notification);
      Instant at = clock.instant();
      switch (result) {
        case SendResult.Accepted accepted -> {
          if (outbox.markSent(notification.id(), attempt, at)) {
            sent++;
            notifyListener(() -> listener.onSent(notification.withSent(attempt, at)));
          } else {
            stale++;
          }
        }
        case SendResult.Permanent failure -> {
          if (markPermanent(notification, attempt, failure.reason())) {
            permanent++;
          } else {
            stale++;
          }
        }
        case SendResult.Transient failure -> {
          if (policy.exhausted(attempt)) {
            String reason =
                "gave up after " + attempt + " attempts, last error: " + failure.reason();
            if (markPermanent(notification, attempt, reason)) {
              permanent++;
            } else {
              stale++;
            }
          } else {
            Instant next = at.plus(policy.delay(attempt, random));
            if (outbox.markFailed(notification.id(), attempt, next, failure.reason())) {
              retried++;
              notifyListener(
                  () -> listener.onRetry(notification.withRetry(attempt, next, failure.reason())));
            } else {
              stale++;
            }
            if (failure.serverWide()) {
              pausedUntil = next;
              return new TickReport(sent, retried, permanent, stale);
            }
          }
        }
      }
    }
    return new TickReport(sent, retried, permanent, stale);
  }

  private boolean markPermanent(Notification notification, int attempt, String reason) {
    if (!outbox.markPermanent(notification.id(), attempt, reason)) {
      return false;
    }
    notifyListener(
        () -> listener.onPermanentFailure(notification.withPermanentFailure(attempt, reason)));
    return true;
  }

  /** A failing listener must not stop the batch: the outbox state is already right. */
  private static void notifyListener(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "notification listener failed", e);
    }
  }
}
