package dev.vigie.server.obligation;

import dev.vigie.incident.Incident;
import dev.vigie.incident.Language;
import dev.vigie.incident.notify.Notification;
import dev.vigie.incident.notify.NotificationType;
import dev.vigie.incident.notify.Outbox;
import dev.vigie.incident.notify.Recipient;
import dev.vigie.incident.notify.RenderedMessage;
import dev.vigie.incident.obligation.NocChannel;
import java.time.InstantSource;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NOC reminders as emails through the client notifications' outbox and worker (retries, SMTP
 * settings, metrics): a {@link NotificationType#NOC_REMINDER} to {@code obligations.nocEmail}. The
 * outbox's unique dedup key ({@code nis2:<incident>:<reminder>}) makes a reminder enqueued twice
 * (after a crash) one email. Without an outbox (no {@code notifications:} section) or NOC address,
 * reminders are logged only.
 */
final class OutboxNocChannel implements NocChannel {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxNocChannel.class);
  private final Outbox outbox;
  private final Recipient noc;
  private final InstantSource clock;

  OutboxNocChannel(Outbox outbox, String nocEmail, InstantSource clock) {
    this.outbox = outbox;
    this.noc = nocEmail == null ? null : new Recipient("noc", "NOC", nocEmail, Language.FR);
    this.clock = clock;
  }

  @Override
  public void send(Incident incident, String dedupKey, String subject, String text) {
    if (outbox == null || noc == null) {
      LOG.warn("NIS2 reminder (no NOC email configured): {}", subject);
      return;
    }
    var html =
        "<!DOCTYPE html><html><body><p>"
            + escape(text).replace("\n", "<br/>\n")
            + "</p></body></html>";
    var n =
        Notification.pending(
            UUID.randomUUID(),
            NotificationType.NOC_REMINDER,
            null,
            incident.number(),
            noc,
            new RenderedMessage(subject, text, html),
            clock.instant(),
            dedupKey);
    var r = outbox.enqueue(n);
    LOG.info(
        "NIS2 reminder {} to the NOC: {}",
        r == Outbox.Enqueued.ENQUEUED ? "queued" : "already queued",
        subject);
  }

  private static String escape(String s) {
    var b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
