package dev.vigie.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.incident.Language;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InMemoryOutboxTest {
  private static final Instant T0 = Instant.parse("2024-09-23T05:41:00Z");
  private final InMemoryOutbox outbox = new InMemoryOutbox();

  static Notification pending(String dedupKey, Instant created) {
    Recipient r = Fixtures.recipient("bistrot", "gerance@bistrot.fr", Language.FR);
    return Notification.pending(
        UUID.randomUUID(),
        NotificationType.BACKUP_NUMBER_ANNOUNCEMENT,
        null,
        null,
        r,
        new RenderedMessage("s", "t", "h"),
        created,
        dedupKey);
  }

  @Test
  void theSameDedupKeyIsStoredOnceWhateverItsState() {
    Notification first = pending("k", T0);
    assertThat(outbox.enqueue(first)).isEqualTo(Outbox.Enqueued.ENQUEUED);
    assertThat(outbox.enqueue(pending("k", T0))).isEqualTo(Outbox.Enqueued.DUPLICATE);
    outbox.markSent(first.id(), 1, T0);
    assertThat(outbox.enqueue(pending("k", T0.plusSeconds(60))))
        .isEqualTo(Outbox.Enqueued.DUPLICATE);
    assertThat(outbox.all()).hasSize(1);
  }

  @Test
  void dueIsPendingAndDueOnlyOldestFirstWithinTheLimit() {
    Notification late = pending("late", T0.plusSeconds(10));
    Notification early = pending("early", T0);
    Notification future = pending("future", T0.plusSeconds(600));
    Notification done = pending("done", T0);
    outbox.enqueue(late);
    outbox.enqueue(early);
    outbox.enqueue(future);
    outbox.enqueue(done);
    outbox.markSent(done.id(), 1, T0);

    assertThat(outbox.due(T0.plusSeconds(60), 10)).containsExactly(early, late);
    assertThat(outbox.due(T0.plusSeconds(60), 1)).containsExactly(early);
  }

  @Test
  void transitionsApplyOnlyFromTheExpectedState() {
    Notification n = pending("k", T0);
    outbox.enqueue(n);

    assertThat(outbox.markSent(n.id(), 2, T0)).as("attempt 2 expects 1 attempt made").isFalse();
    assertThat(outbox.markFailed(n.id(), 1, T0.plus(Duration.ofSeconds(30)), "down")).isTrue();
    assertThat(outbox.markFailed(n.id(), 1, T0, "again"))
        .as("attempt 1 already recorded")
        .isFalse();
    assertThat(outbox.find(n.id()).orElseThrow())
        .extracting(Notification::attempts, Notification::nextAttempt, Notification::lastError)
        .containsExactly(1, T0.plusSeconds(30), "down");

    assertThat(outbox.markSent(n.id(), 2, T0.plusSeconds(31))).isTrue();
    assertThat(outbox.markSent(n.id(), 3, T0)).as("SENT is final").isFalse();
    assertThat(outbox.markPermanent(n.id(), 3, "x")).isFalse();
    Notification sent = outbox.find(n.id()).orElseThrow();
    assertThat(sent.state()).isEqualTo(NotificationState.SENT);
    assertThat(sent.sentAt()).isEqualTo(T0.plusSeconds(31));
    assertThat(sent.lastError()).isNull();
    assertThat(outbox.markPermanent(UUID.randomUUID(), 1, "x")).as("unknown id").isFalse();
  }

  @Test
  void onlyNewNotificationsCanBeEnqueued() {
    Notification n = pending("k", T0).withRetry(1, T0, "e");
    assertThatThrownBy(() -> outbox.enqueue(n))
        .hasMessage(
            "outbox: only new pending notifications can be enqueued, got PENDING after 1 attempts");
  }
}
