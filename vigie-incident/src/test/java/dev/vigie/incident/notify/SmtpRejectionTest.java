package dev.vigie.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import dev.vigie.incident.Language;
import dev.vigie.incident.notify.ClientContacts.Contact;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rejections by a real SMTP conversation, the attempt cap, and the crash window. */
class SmtpRejectionTest {
  private static final Map<String, ClientContacts> DIRECTORY =
      Map.of(
          "acme",
          new ClientContacts(
              "acme",
              "Acme Sàrl",
              List.of(
                  new Contact("occupe@acme.fr", Language.FR),
                  new Contact("it@acme.fr", Language.FR))),
          "bistrot",
          new ClientContacts(
              "bistrot",
              "Bistrot Élysée",
              List.of(new Contact("inconnu@bistrot.fr", Language.FR))));

  private final TestClock clock = new TestClock(Instant.parse("2024-09-23T05:50:00Z"));
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final MailTestSupport.Recorder recorder = new MailTestSupport.Recorder();

  private static String reply(String address) {
    return switch (address) {
      case "inconnu@bistrot.fr" ->
          "550 5.1.1 <inconnu@bistrot.fr>: Recipient address rejected: User unknown";
      case "occupe@acme.fr" -> "450 4.2.0 <occupe@acme.fr>: Recipient address rejected: Greylisted";
      default -> "250 2.1.5 Ok";
    };
  }

  @Test
  void rejectedRecipientFailsForGoodGreylistedOneIsRetriedOthersGoThrough() throws Exception {
    RetryPolicy threeAttempts =
        new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(30), 3, 0.2);
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(SmtpRejectionTest::reply)) {
      OutboxWorker worker =
          MailTestSupport.worker(
              outbox,
              new SmtpMailSender(MailTestSupport.settings(smtp.port()).build(), clock),
              clock,
              threeAttempts,
              recorder);
      new Notifier(outbox, clock)
          .notify(
              NotificationType.INCIDENT_OPENED,
              Fixtures.opened(),
              List.of("acme", "bistrot"),
              DIRECTORY);

      // a recipient-level failure does not stop the batch
      assertThat(worker.tick()).isEqualTo(new OutboxWorker.TickReport(1, 1, 1, 0));
      assertThat(smtp.accepted()).isEqualTo(1);
      assertThat(state("inconnu@bistrot.fr").state())
          .isEqualTo(NotificationState.FAILED_PERMANENTLY);
      assertThat(state("inconnu@bistrot.fr").lastError())
          .startsWith("SMTP 550: 550 5.1.1 <inconnu@bistrot.fr>");
      assertThat(recorder.failed)
          .extracting(n -> n.recipient().email())
          .containsExactly("inconnu@bistrot.fr");
      assertThat(state("occupe@acme.fr").state()).isEqualTo(NotificationState.PENDING);
      assertThat(state("occupe@acme.fr").lastError()).startsWith("SMTP 450: 450 4.2.0");

      // the greylisted address is retried until the attempt cap, then given up
      clock.advance(Duration.ofSeconds(30));
      assertThat(worker.tick()).isEqualTo(new OutboxWorker.TickReport(0, 1, 0, 0));
      clock.advance(Duration.ofMinutes(1));
      assertThat(worker.tick()).isEqualTo(new OutboxWorker.TickReport(0, 0, 1, 0));
      Notification given = state("occupe@acme.fr");
      assertThat(given.state()).isEqualTo(NotificationState.FAILED_PERMANENTLY);
      assertThat(given.attempts()).isEqualTo(3);
      assertThat(given.lastError()).startsWith("gave up after 3 attempts, last error: SMTP 450");

      // final states are final
      clock.advance(Duration.ofHours(2));
      assertThat(worker.tick().attempted()).isZero();
      assertThat(smtp.accepted()).isEqualTo(1);
      assertThat(recorder.sent)
          .extracting(n -> n.recipient().email())
          .containsExactly("it@acme.fr");
    }
  }

  /**
   * The documented at-least-once edge: the SMTP server accepted the message but the process died
   * before the outbox recorded it. After restart it is sent again, with the same Message-ID.
   */
  @Test
  void aCrashBetweenAcceptanceAndMarkSentResendsWithTheSameMessageId() throws Exception {
    int port = MailTestSupport.freePort();
    GreenMail greenMail = MailTestSupport.greenMail(port);
    try {
      Outbox dyingOnce = new DyingOutbox(outbox);
      new Notifier(outbox, clock)
          .notify(
              NotificationType.INCIDENT_OPENED,
              Fixtures.opened(),
              List.of("bistrot"),
              Fixtures.DIRECTORY);
      SmtpMailSender sender = new SmtpMailSender(MailTestSupport.settings(port).build(), clock);

      assertThatThrownBy(() ->
              MailTestSupport.worker(dyingOnce, sender, clock, RetryPolicy.DEFAULT, recorder)
                  .tick())
          .hasMessage("process died");
      assertThat(outbox.all().getFirst().state()).isEqualTo(NotificationState.PENDING);

      OutboxWorker.TickReport afterRestart =
          MailTestSupport.worker(outbox, sender, clock, RetryPolicy.DEFAULT, recorder).tick();

      assertThat(afterRestart.sent()).isEqualTo(1);
      MimeMessage[] received = greenMail.getReceivedMessages();
      assertThat(received).hasSize(2);
      assertThat(received[0].getMessageID()).isEqualTo(received[1].getMessageID());
    } finally {
      greenMail.stop();
    }
  }

  private Notification state(String address) {
    return outbox.all().stream()
        .filter(n -> n.recipient().email().equals(address))
        .findFirst()
        .orElseThrow();
  }

  /** An outbox whose first markSent dies like the process would. */
  private record DyingOutbox(Outbox delegate) implements Outbox {
    @Override
    public Enqueued enqueue(Notification notification) {
      return delegate.enqueue(notification);
    }

    @Override
    public List<Notification> due(Instant now, int limit) {
      return delegate.due(now, limit);
    }

    @Override
    public boolean markSent(UUID id, int attempts, Instant at) {
      throw new IllegalStateException("process died");
    }

    @Override
    public boolean markFailed(UUID id, int attempts, Instant next, String error) {
      return delegate.markFailed(id, attempts, next, error);
    }

    @Override
    public boolean markPermanent(UUID id, int attempts, String error) {
      return delegate.markPermanent(id, attempts, error);
    }

    @Override
    public java.util.Optional<Notification> find(UUID id) {
      return delegate.find(id);
    }
  }
}
