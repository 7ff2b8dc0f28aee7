package dev.vigie.incident.obligation;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Storage of what the obligations need beyond the incident: its impact facts, the submissions
 * recorded and the reminders already fired. The server implements it with JDBI (migration V10);
 * {@link InMemoryObligationStore} serves unit tests. Each method is one unit of work; thread-safe.
 */
public interface ObligationStore {

  /** The incident's impact facts, empty when none were ever stored. */
  Optional<Impact> impact(long incidentId);

  /** Stores (replaces) the incident's impact facts. */
  void saveImpact(long incidentId, Impact impact);

  /** The submissions recorded, by kind. */
  Map<ObligationKind, Submission> submissions(long incidentId);

  /** Records (or replaces) a submission. */
  void saveSubmission(long incidentId, Submission submission);

  /**
   * Records that the reminder {@code key} of the incident fired at {@code at}, unless it already
   * had: an atomic insert-once, so a reminder fires once across threads and restarts.
   *
   * @return true when this call recorded it (the caller fires it), false when it had fired
   */
  boolean claimReminder(long incidentId, String key, Instant at);

  /** Whether the reminder {@code key} of the incident has fired. */
  boolean reminded(long incidentId, String key);
}
