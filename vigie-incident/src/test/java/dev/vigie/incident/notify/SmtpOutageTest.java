package dev.vigie.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SMTP server goes down, the worker backs off, the process "restarts" (a new worker over the
 * same outbox, as after a restart over the same database), the server comes back on the same port:
 * every message arrives exactly once.
 */
class SmtpOutageTest {
  private final TestClock clock = new TestClock(Instant.parse("2024-09-23T05:50:00Z"));
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final int port = MailTestSupport.freePort();
  private GreenMail greenMail = MailTestSupport.greenMail(port);

  @AfterEach
  void stop() {
    greenMail.stop();
  }

  private OutboxWorker newWorker(MailTestSupport.Recorder recorder) {
    return MailTestSupport.worker(
        outbox,
        new SmtpMailSender(MailTestSupport.settings(port).build(), clock),
        clock,
        RetryPolicy.DEFAULT,
        recorder);
  }

  @Test
  void outageBackoffRestartAndRecoveryDeliverEachMessageOnce() {
    List<Notification> enqueued =
        new Notifier(outbox, clock)
            .notify(
                NotificationType.INCIDENT_OPENED,
                Fixtures.opened(),
                List.of("bistrot", "acme"),
                Fixtures.DIRECTORY)
            .enqueued();
    assertThat(enqueued).hasSize(3);
    greenMail.stop();
    MailTestSupport.Recorder before = new MailTestSupport.Recorder();
    OutboxWorker first = newWorker(before);

    // server down: one attempt fails (connection refused), the rest of the batch waits
    Instant t0 = clock.instant();
    assertThat(first.tick()).isEqualTo(new OutboxWorker.TickReport(0, 1, 0, 0));
    Notification failed = before.retried.getFirst();
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError()).startsWith("cannot connect");
    assertThat(Duration.between(t0, failed.nextAttempt()))
        .isBetween(Duration.ofSeconds(24), Duration.ofSeconds(30));
    assertThat(outbox.all()).filteredOn(n -> n.attempts() == 0).hasSize(2);

    // paused until that retry is due: ticking meanwhile costs nothing
    clock.advance(Duration.ofSeconds(10));
    assertThat(first.tick().attempted()).isZero();

    // each tick at the end of the pause retries the oldest due message once; every reschedule is
    // the base delay for that message's failure count (30 s, 1 min, 2 min...) minus <= 20 % jitter
    for (int i = 0; i < 8; i++) {
      clock.set(before.retried.getLast().nextAttempt());
      Instant at = clock.instant();
      assertThat(first.tick()).isEqualTo(new OutboxWorker.TickReport(0, 1, 0, 0));
      Notification retry = before.retried.getLast();
      Duration base = RetryPolicy.DEFAULT.baseDelay(retry.attempts());
      assertThat(Duration.between(at, retry.nextAttempt()))
          .isLessThanOrEqualTo(base)
          .isGreaterThanOrEqualTo(base.multipliedBy(8).dividedBy(10));
    }
    assertThat(outbox.all())
        .extracting(Notification::attempts)
        .as("9 failed attempts spread over the 3 messages")
        .containsExactlyInAnyOrder(3, 3, 3);
    assertThat(outbox.all()).allMatch(n -> n.state() == NotificationState.PENDING);

    // "restart": the first worker is gone; the server comes back on the same port
    greenMail = MailTestSupport.greenMail(port);
    MailTestSupport.Recorder after = new MailTestSupport.Recorder();
    OutboxWorker second = newWorker(after);
    clock.advance(Duration.ofMinutes(31));
    assertThat(second.tick()).isEqualTo(new OutboxWorker.TickReport(3, 0, 0, 0));

    assertThat(greenMail.getReceivedMessages()).hasSize(3);
    assertThat(after.sent)
        .extracting(Notification::id)
        .containsExactlyInAnyOrderElementsOf(enqueued.stream().map(Notification::id).toList());
    assertThat(outbox.all())
        .allSatisfy(n -> {
          assertThat(n.state()).isEqualTo(NotificationState.SENT);
          assertThat(n.attempts()).isGreaterThan(1);
          assertThat(n.lastError()).isNull();
        });

    // nothing is sent again: neither by the old worker, nor by a third one, hours later
    clock.advance(Duration.ofHours(6));
    assertThat(first.tick().attempted()).isZero();
    assertThat(second.tick().attempted()).isZero();
    assertThat(newWorker(new MailTestSupport.Recorder()).tick().attempted()).isZero();
    assertThat(greenMail.getReceivedMessages()).hasSize(3);
  }
}
