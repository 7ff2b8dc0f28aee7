package dev.vigie.incident.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Turns "tell the affected clients about this" into one pending notification per recipient in the
 * {@link Outbox}: selects the {@link Audience}, renders each message in the recipient's language
 * and enqueues it under its {@link #dedupKey}, so calling it twice for the same notice (a retried
 * API call, a restart) enqueues nothing the second time. Sending is the {@link OutboxWorker}'s job.
 *
 * <p>Thread-safe if the outbox is. O(recipients) renders and enqueues.
 */
public final class Notifier {

  /**
   * What {@link #notify} did.
   *
   * @param enqueued notifications stored now
   * @param duplicates recipients who already had this notice in the outbox
   */
  public record Report(List<Notification> enqueued, int duplicates, Audience.Selection audience) {
    public Report {
      enqueued = List.copyOf(enqueued);
    }
  }

  private final Outbox outbox;
  private final InstantSource clock;
  private final Supplier<UUID> ids;

  /** With random (version 4) UUIDs as notification ids. */
  public Notifier(Outbox outbox, InstantSource clock) {
    this(outbox, clock, UUID::randomUUID);
  }

  public Notifier(Outbox outbox, InstantSource clock, Supplier<UUID> ids) {
    this.outbox = outbox;
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * Enqueues {@code type} for the contacts of the {@code affected} clients.
   *
   * @param directory client id to contacts, for at least the affected clients
   * @throws IllegalArgumentException if the context lacks what the type needs
   */
  public Report notify(
      NotificationType type,
      NotificationContext context,
      Collection<String> affected,
      Map<String, ClientContacts> directory) {
    Templates.checkContext(type, context);
    Audience.Selection audience = Audience.select(affected, directory);
    IncidentFacts incident = type.aboutIncident() ? context.incident() : null;
    List<Notification> enqueued = new ArrayList<>();
    int duplicates = 0;
    for (Recipient recipient : audience.recipients()) {
      Notification notification =
          Notification.pending(
              ids.get(),
              type,
              incident == null ? null : incident.id(),
              incident == null ? null : incident.number(),
              recipient,
              Templates.render(type, context, recipient),
              clock.instant(),
              dedupKey(type, context, recipient));
      switch (outbox.enqueue(notification)) {
        case ENQUEUED -> enqueued.add(notification);
        case DUPLICATE -> duplicates++;
      }
    }
    return new Report(enqueued, duplicates, audience);
  }

  /**
   * The key under which a notice to one address is stored once: {@code
   * TYPE/incident-number/notice/address}, where notice is {@code opened}, the update's key (or a
   * digest of its text), {@code resolved@<resolvedAt>} (a reopened then re-resolved incident is a
   * new notice) or, for the announcement, the backup number's digits (announcing a new number is a
   * new notice).
   */
  public static String dedupKey(
      NotificationType type, NotificationContext context, Recipient recipient) {
    IncidentFacts incident = context.incident();
    String notice =
        switch (type) {
          case INCIDENT_OPENED -> "opened";
          case INCIDENT_UPDATE ->
              incident.updateKey() != null
                  ? "update:" + incident.updateKey()
                  : "update#" + digest(String.valueOf(incident.publicUpdate()));
          case INCIDENT_RESOLVED -> "resolved@" + incident.resolvedAt();
          case BACKUP_NUMBER_ANNOUNCEMENT -> context.backupNumber().replaceAll("[^0-9+]", "");
          case NOC_REMINDER ->
              throw new IllegalArgumentException("NOC reminders are not client notices");
        };
    String subject = type.aboutIncident() ? incident.number() : "-";
    return type + "/" + subject + "/" + notice + "/" + recipient.addressKey();
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
