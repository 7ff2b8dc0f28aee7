package dev.vigie.incident.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Durable queue of client emails. The server implements it as a table; {@link InMemoryOutbox} is
 * the reference implementation for tests.
 *
 * <p>Every transition is a compare-and-set on {@code (id, state = PENDING, attempts = attempts -
 * 1)} and reports whether it applied, so each maps to one SQL statement whose update count is
 * checked:
 *
 * <pre>{@code
 * -- enqueue: unique index on dedup_key; a duplicate-key violation means DUPLICATE
 * INSERT INTO notification (id, ..., state, attempts, next_attempt, dedup_key) VALUES (...)
 * -- due
 * SELECT ... FROM notification WHERE state = 'PENDING' AND next_attempt <= :now
 *  ORDER BY next_attempt, created, id LIMIT :limit
 * -- markSent (and append the timeline entry in the same transaction if wanted)
 * UPDATE notification SET state = 'SENT', attempts = :attempts, sent_at = :at, last_error = NULL
 *  WHERE id = :id AND state = 'PENDING' AND attempts = :attempts - 1
 * -- markFailed
 * UPDATE notification SET attempts = :attempts, next_attempt = :next, last_error = :error
 *  WHERE id = :id AND state = 'PENDING' AND attempts = :attempts - 1
 * -- markPermanent
 * UPDATE notification SET state = 'FAILED_PERMANENTLY', attempts = :attempts, last_error = :error
 *  WHERE id = :id AND state = 'PENDING' AND attempts = :attempts - 1
 * }</pre>
 *
 * Each method is its own transaction; implementations must be thread-safe.
 */
public interface Outbox {

  /** What {@link #enqueue} did. */
  enum Enqueued {
    /** Stored, pending. */
    ENQUEUED,
    /** A notification with the same dedup key exists (in any state): nothing stored. */
    DUPLICATE
  }

  /**
   * Stores a new pending notification unless one with the same {@link Notification#dedupKey()}
   * exists.
   *
   * @throws IllegalArgumentException if the notification is not new (pending, no attempts)
   */
  Enqueued enqueue(Notification notification);

  /**
   * Pending notifications whose next attempt is at or before {@code now}, oldest due first, at most
   * {@code limit}.
   */
  List<Notification> due(Instant now, int limit);

  /**
   * Pending with {@code attempts - 1} attempts becomes SENT with {@code attempts} at {@code at}.
   */
  boolean markSent(UUID id, int attempts, Instant at);

  /**
   * Pending with {@code attempts - 1} attempts stays pending with {@code attempts}, due at {@code
   * next}.
   */
  boolean markFailed(UUID id, int attempts, Instant next, String error);

  /**
   * Pending with {@code attempts - 1} attempts becomes FAILED_PERMANENTLY with {@code attempts}.
   */
  boolean markPermanent(UUID id, int attempts, String error);

  /** The notification with this id, in its current state. */
  Optional<Notification> find(UUID id);
}
