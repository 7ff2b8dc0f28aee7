package dev.vigie.incident.notify;

import java.time.Instant;
import java.util.UUID;

/**
 * One email to one recipient, as stored in the outbox. Immutable: the outbox replaces the row on
 * each transition (see the {@code with...} methods, which are what an in-memory outbox applies and
 * what the SQL outbox's {@code UPDATE} statements mirror).
 *
 * @param id the outbox id; also the source of the {@code Message-ID}, so a duplicate delivery (see
 *     {@link OutboxWorker}) is recognisable by the receiving side
 * @param incidentId the incident's id, {@code null} for the backup number announcement
 * @param incidentNumber the incident's IG number, {@code null} for the announcement
 * @param created when it was enqueued
 * @param attempts how many send attempts were made (0 when enqueued)
 * @param nextAttempt when the worker may try (again); meaningful while {@link
 *     NotificationState#PENDING}
 * @param sentAt when the SMTP server accepted it, {@code null} unless {@link
 *     NotificationState#SENT}
 * @param lastError the last failure, one line, {@code null} if none
 * @param dedupKey unique in the outbox: the same notice to the same address is never enqueued twice
 *     (see {@link Notifier#dedupKey})
 */
public record Notification(
    UUID id,
    NotificationType type,
    String incidentId,
    String incidentNumber,
    Recipient recipient,
    String subject,
    String textBody,
    String htmlBody,
    Instant created,
    int attempts,
    Instant nextAttempt,
    NotificationState state,
    Instant sentAt,
    String lastError,
    String dedupKey) {

  public Notification {
    Text.notNull(id, "notification.id");
    Text.notNull(type, "notification.type");
    Text.notNull(recipient, "notification.recipient");
    subject = Text.singleLine(subject, "notification.subject");
    Text.notNull(textBody, "notification.textBody");
    Text.notNull(htmlBody, "notification.htmlBody");
    Text.notNull(created, "notification.created");
    Text.notNull(nextAttempt, "notification.nextAttempt");
    Text.notNull(state, "notification.state");
    dedupKey = Text.singleLine(dedupKey, "notification.dedupKey");
    if (attempts < 0) {
      throw new IllegalArgumentException("notification.attempts: must be >= 0, got " + attempts);
    }
    if (type.aboutIncident() && (incidentId == null || incidentNumber == null)) {
      throw new IllegalArgumentException(
          "notification.incidentId/incidentNumber: required for " + type);
    }
    if ((state == NotificationState.SENT) != (sentAt != null)) {
      throw new IllegalArgumentException(
          "notification.sentAt: set exactly when the state is SENT, got state "
              + state
              + " and sentAt "
              + sentAt);
    }
  }

  /** A new notification, pending and due at {@code created}. */
  public static Notification pending(
      UUID id,
      NotificationType type,
      String incidentId,
      String incidentNumber,
      Recipient recipient,
      RenderedMessage message,
      Instant created,
      String dedupKey) {
    return new Notification(
        id,
        type,
        incidentId,
        incidentNumber,
        recipient,
        message.subject(),
        message.text(),
        message.html(),
        created,
        0,
        created,
        NotificationState.PENDING,
        null,
        null,
        dedupKey);
  }

  /** The {@code Message-ID} header value: {@code <vigie.ID@domain>}, the same on every attempt. */
  public String messageId(String domain) {
    return "<vigie." + id + "@" + domain + ">";
  }

  /** After the SMTP server accepted attempt number {@code attempts}. */
  public Notification withSent(int attempts, Instant at) {
    return after(attempts, nextAttempt, NotificationState.SENT, at, null);
  }

  /** After attempt number {@code attempts} failed transiently: try again at {@code next}. */
  public Notification withRetry(int attempts, Instant next, String error) {
    return after(attempts, next, NotificationState.PENDING, null, error);
  }

  /** After attempt number {@code attempts} failed for good. */
  public Notification withPermanentFailure(int attempts, String error) {
    return after(attempts, nextAttempt, NotificationState.FAILED_PERMANENTLY, null, error);
  }

  /** The same message with the delivery fields of a transition. */
  private Notification after(
      int attempts,
      Instant nextAttempt,
      NotificationState state,
      Instant sentAt,
      String lastError) {
    return new Notification(
        id,
        type,
        incidentId,
        incidentNumber,
        recipient,
        subject,
        textBody,
        htmlBody,
        created,
        attempts,
        nextAttempt,
        state,
        sentAt,
        lastError,
        dedupKey);
  }
}
