package dev.vigie.incident.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.InstantSource;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends a {@link Notification} over SMTP with Jakarta Mail (angus-mail).
 *
 * <p>Each message: {@code From} the configured sender, {@code To} the one recipient and nobody else
 * (no Cc, no Bcc), UTF-8 subject, {@code multipart/alternative} with a UTF-8 plain-text part then
 * an HTML part, {@code Message-ID: <vigie.NOTIFICATION-ID@domain>} (identical on every attempt, so
 * a duplicate after a crash is recognisable), {@code Auto-Submitted: auto-generated} (RFC 3834: no
 * vacation replies), {@code Content-Language}, and {@code X-Vigie-Notification} headers naming the
 * id and type.
 *
 * <p>One connection per message (notices go to tens or hundreds of addresses, not millions); the
 * send counts as accepted once the server answered 250 to the data, whatever happens at QUIT.
 * Failures are classified by {@link SmtpErrors}. Thread-safe: the session is shared, transports are
 * not.
 */
public final class SmtpMailSender implements MailSender {
  private final SmtpSettings settings;
  private final InstantSource clock;
  private final Session session;
  private final String protocol;

  public SmtpMailSender(SmtpSettings settings, InstantSource clock) {
    this.settings = settings;
    this.clock = clock;
    this.protocol = settings.security() == SmtpSettings.Security.TLS ? "smtps" : "smtp";
    this.session = Session.getInstance(properties(settings, protocol));
  }

  @Override
  public SendResult send(Notification notification) {
    MimeMessage message;
    try {
      message = build(notification);
    } catch (MessagingException | UnsupportedEncodingException e) {
      return new SendResult.Permanent("cannot build the message: " + SmtpErrors.describe(e));
    }
    Transport transport = null;
    try {
      transport = session.getTransport(protocol);
      transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
      transport.sendMessage(message, message.getAllRecipients());
      String reply =
          transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : "accepted";
      return new SendResult.Accepted(reply == null ? "accepted" : reply.strip());
    } catch (MessagingException | RuntimeException e) {
      return SmtpErrors.classify(e);
    } finally {
      closeQuietly(transport);
    }
  }

  /** The MIME message for a notification, as it goes on the wire. */
  MimeMessage build(Notification notification)
      throws MessagingException, UnsupportedEncodingException {
    String messageId = notification.messageId(settings.messageIdDomain());
    MimeMessage message =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
          }
        };
    message.setFrom(new InternetAddress(settings.fromAddress(), settings.fromName(), "UTF-8"));
    message.setRecipient(
        Message.RecipientType.TO, new InternetAddress(notification.recipient().email(), true));
    if (settings.replyTo() != null) {
      message.setReplyTo(new InternetAddress[] {new InternetAddress(settings.replyTo(), true)});
    }
    message.setSubject(notification.subject(), "UTF-8");
    message.setSentDate(Date.from(clock.instant()));
    message.setHeader("Auto-Submitted", "auto-generated");
    message.setHeader("X-Auto-Response-Suppress", "All");
    message.setHeader("Content-Language", notification.recipient().language().code());
    message.setHeader("X-Vigie-Notification", notification.id().toString());
    message.setHeader("X-Vigie-Notification-Type", notification.type().name());

    MimeBodyPart text = new MimeBodyPart();
    text.setText(notification.textBody(), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(notification.htmlBody(), "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    message.saveChanges();
    return message;
  }

  private static Properties properties(SmtpSettings settings, String protocol) {
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.setProperty(p + "host", settings.host());
    props.setProperty(p + "port", Integer.toString(settings.port()));
    props.setProperty(p + "connectiontimeout", millis(settings.connectTimeout()));
    props.setProperty(p + "timeout", millis(settings.readTimeout()));
    props.setProperty(p + "writetimeout", millis(settings.writeTimeout()));
    props.setProperty(p + "from", settings.fromAddress());
    props.setProperty(p + "auth", Boolean.toString(settings.username() != null));
    props.setProperty(p + "ssl.checkserveridentity", "true");
    switch (settings.security()) {
      case NONE, TLS -> props.setProperty(p + "starttls.enable", "false");
      case STARTTLS -> props.setProperty(p + "starttls.enable", "true");
      case STARTTLS_REQUIRED -> {
        props.setProperty(p + "starttls.enable", "true");
        props.setProperty(p + "starttls.required", "true");
      }
    }
    if (settings.heloName() != null) {
      props.setProperty(p + "localhost", settings.heloName());
    }
    return props;
  }

  private static String millis(java.time.Duration duration) {
    return Long.toString(duration.toMillis());
  }

  private static void closeQuietly(Transport transport) {
    if (transport != null) {
      try {
        transport.close();
      } catch (MessagingException ignored) {
        // the message was accepted or already failed: QUIT's outcome changes neither
      }
    }
  }
}
