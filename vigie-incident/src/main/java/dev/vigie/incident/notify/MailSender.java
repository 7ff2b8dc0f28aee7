package dev.vigie.incident.notify;

/**
 * Sends one notification as one email. {@link SmtpMailSender} is the real one.
 *
 * <p>Contract: never throws for a delivery problem; it classifies it as a {@link SendResult}.
 * Called from the single worker thread.
 */
@FunctionalInterface
public interface MailSender {
  SendResult send(Notification notification);
}
