package dev.vigie.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.incident.Language;
import dev.vigie.incident.notify.Notification;
import dev.vigie.incident.notify.NotificationState;
import dev.vigie.incident.notify.NotificationType;
import dev.vigie.incident.notify.Outbox;
import dev.vigie.incident.notify.Recipient;
import dev.vigie.incident.notify.RenderedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Outbox} owes the worker (the SPI's Javadoc, and the domain's
 * InMemoryOutboxTest cases), run against the in-memory reference and the SQL outbox on H2 and
 * PostgreSQL, plus what only a shared database can get wrong: concurrent enqueues of one notice and
 * concurrent transitions of one row.
 */
abstract class OutboxContract {
  static final Instant T0 = Instant.parse("2024-09-23T05:41:00Z");

  /** A fresh, empty outbox. */
  abstract Outbox outbox();

  static Notification pending(String dedupKey, Instant created) {
    return Notification.pending(
        UUID.randomUUID(),
        NotificationType.INCIDENT_OPENED,
        "42",
        "IG-2024-09-23-001",
        new Recipient("acme", "Acme Sàrl", "it@acme.fr", Language.FR),
        new RenderedMessage(
            "[IG-2024-09-23-001] Incident en cours – Téléphonie", "té\nxt", "<p>é</p>"),
        created,
        dedupKey);
  }

  @Test
  void aStoredNotificationReadsBackIdentical() {
    Outbox outbox = outbox();
    Notification n = pending("k", T0);
    assertThat(outbox.enqueue(n)).isEqualTo(Outbox.Enqueued.ENQUEUED);
    assertThat(outbox.find(n.id())).contains(n);
    assertThat(outbox.find(UUID.randomUUID())).isEmpty();
  }

  @Test
  void theSameDedupKeyIsStoredOnceWhateverItsState() {
    Outbox outbox = outbox();
    Notification first = pending("k", T0);
    assertThat(outbox.enqueue(first)).isEqualTo(Outbox.Enqueued.ENQUEUED);
    assertThat(outbox.enqueue(pending("k", T0))).isEqualTo(Outbox.Enqueued.DUPLICATE);
    assertThat(outbox.markSent(first.id(), 1, T0)).isTrue();
    assertThat(outbox.enqueue(pending("k", T0.plusSeconds(60))))
        .isEqualTo(Outbox.Enqueued.DUPLICATE);
    assertThat(outbox.due(T0.plusSeconds(3600), 10)).isEmpty();
  }

  @Test
  void dueIsPendingAndDueOnlyOldestFirstWithinTheLimit() {
    Outbox outbox = outbox();
    Notification late = pending("late", T0.plusSeconds(10));
    Notification early = pending("early", T0);
    Notification future = pending("future", T0.plusSeconds(600));
    Notification done = pending("done", T0);
    for (Notification n : List.of(late, early, future, done)) outbox.enqueue(n);
    outbox.markSent(done.id(), 1, T0);

    assertThat(outbox.due(T0.plusSeconds(60), 10)).containsExactly(early, late);
    assertThat(outbox.due(T0.plusSeconds(60), 1)).containsExactly(early);
    assertThat(outbox.due(T0.plusSeconds(10), 10)).as("due at exactly now").contains(late);
  }

  @Test
  void transitionsApplyOnlyFromTheExpectedState() {
    Outbox outbox = outbox();
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
    assertThat(outbox.due(T0.plusSeconds(29), 10)).as("backoff respected").isEmpty();

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
  void aPermanentFailureIsFinal() {
    Outbox outbox = outbox();
    Notification n = pending("k", T0);
    outbox.enqueue(n);
    assertThat(outbox.markPermanent(n.id(), 1, "550 5.1.1 user unknown")).isTrue();
    assertThat(outbox.markSent(n.id(), 2, T0)).isFalse();
    assertThat(outbox.find(n.id()).orElseThrow())
        .extracting(Notification::state, Notification::lastError)
        .containsExactly(NotificationState.FAILED_PERMANENTLY, "550 5.1.1 user unknown");
    assertThat(outbox.due(T0.plusSeconds(3600), 10)).isEmpty();
  }

  @Test
  void onlyNewNotificationsCanBeEnqueued() {
    Notification n = pending("k", T0).withRetry(1, T0, "e");
    assertThatThrownBy(() -> outbox().enqueue(n))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only new pending notifications");
  }

  @Test
  void concurrentEnqueuesOfOneNoticeStoreItOnce() throws Exception {
    Outbox outbox = outbox();
    List<Callable<Outbox.Enqueued>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) calls.add(() -> outbox.enqueue(pending("same", T0)));
    List<Outbox.Enqueued> results = runAll(calls);
    assertThat(results).filteredOn(r -> r == Outbox.Enqueued.ENQUEUED).hasSize(1);
    assertThat(results).filteredOn(r -> r == Outbox.Enqueued.DUPLICATE).hasSize(7);
    assertThat(outbox.due(T0, 10)).hasSize(1);
  }

  @Test
  void concurrentTransitionsOfOneRowApplyOnce() throws Exception {
    Outbox outbox = outbox();
    Notification n = pending("k", T0);
    outbox.enqueue(n);
    List<Callable<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) calls.add(() -> outbox.markSent(n.id(), 1, T0));
    for (int i = 0; i < 4; i++) calls.add(() -> outbox.markFailed(n.id(), 1, T0, "x"));
    assertThat(runAll(calls)).filteredOn(b -> b).hasSize(1);
    assertThat(outbox.find(n.id()).orElseThrow().attempts()).isEqualTo(1);
  }

  private static <T> List<T> runAll(List<Callable<T>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<T> out = new ArrayList<>();
      for (Future<T> f : pool.invokeAll(calls)) out.add(f.get());
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
