package dev.vigie.incident.notify;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The {@link Outbox} in memory: a map guarded by this object's monitor. Not durable: it stands for
 * the database in tests (a "restart" is a new worker over the same instance). {@code due} is O(n
 * log n) in the number of stored notifications, fine for tests and small volumes.
 */
public final class InMemoryOutbox implements Outbox {
  private static final Comparator<Notification> DUE_ORDER =
      Comparator.comparing(Notification::nextAttempt)
          .thenComparing(Notification::created)
          .thenComparing(Notification::id);

  private final Map<UUID, Notification> byId = new LinkedHashMap<>();
  private final Map<String, UUID> byDedupKey = new HashMap<>();

  @Override
  public synchronized Enqueued enqueue(Notification notification) {
    if (notification.state() != NotificationState.PENDING || notification.attempts() != 0) {
      throw new IllegalArgumentException(
          "outbox: only new pending notifications can be enqueued, got "
              + notification.state()
              + " after "
              + notification.attempts()
              + " attempts");
    }
    if (byDedupKey.containsKey(notification.dedupKey())) {
      return Enqueued.DUPLICATE;
    }
    if (byId.containsKey(notification.id())) {
      throw new IllegalArgumentException("outbox: id already stored: " + notification.id());
    }
    byId.put(notification.id(), notification);
    byDedupKey.put(notification.dedupKey(), notification.id());
    return Enqueued.ENQUEUED;
  }

  @Override
  public synchronized List<Notification> due(Instant now, int limit) {
    return byId.values().stream()
        .filter(n -> n.state() == NotificationState.PENDING && !n.nextAttempt().isAfter(now))
        .sorted(DUE_ORDER)
        .limit(limit)
        .toList();
  }

  @Override
  public boolean markSent(UUID id, int attempts, Instant at) {
    return transition(id, attempts, n -> n.withSent(attempts, at));
  }

  @Override
  public boolean markFailed(UUID id, int attempts, Instant next, String error) {
    return transition(id, attempts, n -> n.withRetry(attempts, next, error));
  }

  @Override
  public boolean markPermanent(UUID id, int attempts, String error) {
    return transition(id, attempts, n -> n.withPermanentFailure(attempts, error));
  }

  @Override
  public synchronized Optional<Notification> find(UUID id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every stored notification in enqueue order (for tests and diagnostics). */
  public synchronized List<Notification> all() {
    return List.copyOf(byId.values());
  }

  private synchronized boolean transition(
      UUID id, int attempts, UnaryOperator<Notification> change) {
    Notification current = byId.get(id);
    if (current == null
        || current.state() != NotificationState.PENDING
        || current.attempts() != attempts - 1) {
      return false;
    }
    byId.put(id, change.apply(current));
    return true;
  }
}
