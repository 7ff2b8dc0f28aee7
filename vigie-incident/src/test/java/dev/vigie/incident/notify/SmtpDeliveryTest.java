package dev.vigie.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigie.incident.Language;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notifier, outbox, worker and SMTP sender against a real SMTP server (GreenMail, in-process). */
class SmtpDeliveryTest {
  private final TestClock clock = new TestClock(Instant.parse("2024-09-23T05:50:00Z"));
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final MailTestSupport.Recorder recorder = new MailTestSupport.Recorder();
  private GreenMail greenMail;
  private OutboxWorker worker;

  @BeforeEach
  void start() {
    int port = MailTestSupport.freePort();
    greenMail = MailTestSupport.greenMail(port);
    worker =
        MailTestSupport.worker(
            outbox,
            new SmtpMailSender(MailTestSupport.settings(port).build(), clock),
            clock,
            RetryPolicy.DEFAULT,
            recorder);
  }

  @AfterEach
  void stop() {
    greenMail.stop();
  }

  @Test
  void eachAffectedAddressGetsExactlyOneMessageAddressedToItAlone() throws Exception {
    new Notifier(outbox, clock)
        .notify(
            NotificationType.INCIDENT_OPENED,
            Fixtures.opened(),
            Fixtures.AFFECTED,
            Fixtures.DIRECTORY);

    OutboxWorker.TickReport report = worker.tick();

    assertThat(report).isEqualTo(new OutboxWorker.TickReport(3, 0, 0, 0));
    assertThat(greenMail.getReceivedMessages()).hasSize(3);
    List<String> everyAddress =
        List.of(
            "it@acme.fr", "ceo@acme.example", "gerance@bistrot.fr", "secretariat@cabinet-dupre.fr");
    for (String address : List.of("it@acme.fr", "ceo@acme.example", "gerance@bistrot.fr")) {
      MimeMessage message = only(address);
      assertThat(message.getRecipients(Message.RecipientType.TO))
          .extracting(a -> ((InternetAddress) a).getAddress())
          .containsExactly(address);
      assertThat(message.getRecipients(Message.RecipientType.CC)).isNull();
      assertThat(message.getHeader("Bcc")).isNull();
      String raw = GreenMailUtil.getWholeMessage(message);
      assertThat(everyAddress.stream().filter(a -> !a.equals(address)))
          .as("no other client's address anywhere in the message to %s", address)
          .allSatisfy(other -> assertThat(raw).doesNotContainIgnoringCase(other));
    }
    assertThat(mailbox("secretariat@cabinet-dupre.fr")).as("unaffected client").isEmpty();
    assertThat(mailbox("IT@Acme.FR")).as("duplicate contact of acme").hasSize(1);
  }

  @Test
  void messagesAreInTheRecipientsLanguageWithAccentsBackupNumberAndStatusLink() throws Exception {
    new Notifier(outbox, clock)
        .notify(
            NotificationType.INCIDENT_OPENED,
            Fixtures.opened(),
            Fixtures.AFFECTED,
            Fixtures.DIRECTORY);
    worker.tick();

    MimeMessage french = only("gerance@bistrot.fr");
    assertThat(french.getSubject())
        .isEqualTo("[IG-2024-09-23-001] Incident en cours – Téléphonie IP 3CX");
    assertThat(french.getHeader("Content-Language")).containsExactly("fr");
    assertThat(((InternetAddress) french.getFrom()[0]).getPersonal())
        .isEqualTo("Exemple Télécom – Supervision");
    assertThat(french.getContentType()).startsWith("multipart/alternative");
    Multipart parts = (Multipart) french.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    Part text = parts.getBodyPart(0);
    Part html = parts.getBodyPart(1);
    assertThat(text.getContentType())
        .startsWith("text/plain")
        .containsIgnoringCase("charset=UTF-8");
    assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
    assertThat((String) text.getContent())
        .contains(
            "Début de l'incident : 23/09/2024 à 07h40",
            "Bistrot Élysée",
            "État : Investigation en cours")
        .contains(Fixtures.BACKUP, Fixtures.STATUS.toString());
    assertThat((String) html.getContent())
        .contains(
            "<html lang=\"fr\">",
            Fixtures.BACKUP,
            "href=\"" + Fixtures.STATUS + "\"",
            "Bistrot Élysée");

    MimeMessage english = only("ceo@acme.example");
    assertThat(english.getSubject())
        .isEqualTo("[IG-2024-09-23-001] Incident in progress – Téléphonie IP 3CX");
    assertThat(english.getHeader("Content-Language")).containsExactly("en");
    assertThat(body(english))
        .contains("Dear customer,", "Acme Sàrl", Fixtures.BACKUP, Fixtures.ACME_STATUS.toString());
  }

  @Test
  void messageIdComesFromTheNotificationAndSentNoticesReachTheListener() throws Exception {
    Notifier.Report report =
        new Notifier(outbox, clock)
            .notify(
                NotificationType.INCIDENT_RESOLVED,
                Fixtures.resolved(),
                List.of("bistrot"),
                Fixtures.DIRECTORY);
    Notification enqueued = report.enqueued().getFirst();

    worker.tick();

    MimeMessage message = only("gerance@bistrot.fr");
    assertThat(message.getMessageID())
        .isEqualTo("<vigie." + enqueued.id() + "@exemple-telecom.fr>");
    assertThat(message.getHeader("X-Vigie-Notification")).containsExactly(enqueued.id().toString());
    assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(recorder.sent)
        .singleElement()
        .satisfies(n -> {
          assertThat(n.id()).isEqualTo(enqueued.id());
          assertThat(n.state()).isEqualTo(NotificationState.SENT);
          assertThat(n.sentAt()).isEqualTo(clock.instant());
          assertThat(n.attempts()).isEqualTo(1);
        });
    assertThat(outbox.find(enqueued.id()).orElseThrow().state()).isEqualTo(NotificationState.SENT);
    assertThat(SentNotice.describe(recorder.sent.getFirst(), Language.FR))
        .isEqualTo(
            "Communication client envoyée (résolution de l'incident) : Bistrot Élysée,"
                + " gerance@bistrot.fr");
    assertThat(SentNotice.summary(NotificationType.INCIDENT_RESOLVED, Language.EN))
        .isEqualTo("Client notification sent (incident resolved)");
  }

  @Test
  void theAnnouncementGoesToEveryClientGivenAndNamesTheNumber() throws Exception {
    new Notifier(outbox, clock)
        .notify(
            NotificationType.BACKUP_NUMBER_ANNOUNCEMENT,
            Fixtures.announcement(),
            Fixtures.DIRECTORY.keySet(),
            Fixtures.DIRECTORY);
    worker.tick();

    assertThat(greenMail.getReceivedMessages()).hasSize(4);
    assertThat(only("secretariat@cabinet-dupre.fr").getSubject())
        .isEqualTo("Numéro de support de secours – Exemple Télécom");
    assertThat(body(only("secretariat@cabinet-dupre.fr")))
        .contains("Numéro de support de secours : 09 70 00 12 34", "Cabinet Dupré");
  }

  @Test
  void aSecondNotifyForTheSameNoticeSendsNothingMore() {
    Notifier notifier = new Notifier(outbox, clock);
    notifier.notify(
        NotificationType.INCIDENT_OPENED, Fixtures.opened(), Fixtures.AFFECTED, Fixtures.DIRECTORY);
    worker.tick();
    clock.advance(java.time.Duration.ofMinutes(10));

    Notifier.Report again =
        notifier.notify(
            NotificationType.INCIDENT_OPENED,
            Fixtures.opened(),
            Fixtures.AFFECTED,
            Fixtures.DIRECTORY);
    worker.tick();

    assertThat(again.duplicates()).isEqualTo(3);
    assertThat(greenMail.getReceivedMessages()).hasSize(3);
  }

  @Test
  void requiredStartTlsNeverSendsInClear() {
    int port = greenMail.getSmtp().getPort();
    SmtpMailSender strict =
        new SmtpMailSender(
            MailTestSupport.settings(port)
                .security(SmtpSettings.Security.STARTTLS_REQUIRED)
                .build(),
            clock);
    Notification n = openedNoticeToBistrot();

    SendResult result = strict.send(n);

    assertThat(result).isInstanceOf(SendResult.Transient.class);
    assertThat(((SendResult.Transient) result).reason()).containsIgnoringCase("STARTTLS");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void implicitTlsRefusesAServerWhoseCertificateIsNotTrusted() {
    ServerSetup smtps =
        new ServerSetup(MailTestSupport.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTPS);
    smtps.setServerStartupTimeout(
        15_000); // loading its key store takes a few seconds on a cold JVM
    GreenMail tlsServer = new GreenMail(smtps); // GreenMail's own self-signed certificate
    tlsServer.start();
    try {
      SmtpMailSender sender =
          new SmtpMailSender(
              MailTestSupport.settings(smtps.getPort()).security(SmtpSettings.Security.TLS).build(),
              clock);
      Notification n = openedNoticeToBistrot();

      SendResult result = sender.send(n);

      assertThat(result)
          .isInstanceOfSatisfying(
              SendResult.Transient.class,
              t -> {
                assertThat(t.serverWide()).isTrue();
                assertThat(t.reason()).startsWith("TLS failure:").contains("PKIX");
              });
      assertThat(tlsServer.getReceivedMessages()).isEmpty();
    } finally {
      tlsServer.stop();
    }
  }

  /** The opened notice to the one bistrot contact, enqueued but not sent. */
  private Notification openedNoticeToBistrot() {
    return new Notifier(outbox, clock)
        .notify(
            NotificationType.INCIDENT_OPENED,
            Fixtures.opened(),
            List.of("bistrot"),
            Fixtures.DIRECTORY)
        .enqueued()
        .getFirst();
  }

  private List<MimeMessage> mailbox(String address) {
    return greenMail
        .findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), m -> true)
        .toList();
  }

  private MimeMessage only(String address) {
    List<MimeMessage> messages = mailbox(address);
    assertThat(messages).as("messages to %s", address).hasSize(1);
    return messages.getFirst();
  }

  private static String body(MimeMessage message) throws MessagingException, IOException {
    return (String) ((Multipart) message.getContent()).getBodyPart(0).getContent();
  }
}
