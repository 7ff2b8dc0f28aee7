package dev.vigie.incident.store;

import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentConflictException;
import dev.vigie.incident.IncidentNotFoundException;
import dev.vigie.incident.review.Review;
import dev.vigie.incident.timeline.EntryEdit;
import dev.vigie.incident.timeline.NewEntry;
import dev.vigie.incident.timeline.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage of incidents, timelines and reviews. The server implements it with JDBI (H2 or
 * PostgreSQL); {@link InMemoryIncidentStore} serves unit tests.
 *
 * <p>Contract: <b>every method is one unit of work</b> (one transaction): a method that changes an
 * incident and appends entries either does both or neither, and once it returns the change is
 * durable. Methods are safe to call from many threads. Optimistic locking: {@link #update} and
 * {@link #saveReview} compare the caller's expected version with the stored one and throw {@link
 * IncidentConflictException} without writing anything when they differ; {@link #editEntry} does the
 * same with the entry's revision. Appending an entry never conflicts (two operators may add notes
 * at once).
 */
public interface IncidentStore {

  /**
   * Stores a new incident (its id and version are assigned: version 1) and its first entries.
   *
   * @return the stored incident
   */
  Incident create(Incident incident, List<NewEntry> entries);

  /**
   * Atomically attaches to the open incident of {@code candidate.correlationKey()} or creates
   * {@code candidate}: if an open incident (TRIAGE, INVESTIGATING, MITIGATED) has that key, appends
   * {@code entry} to it; otherwise creates the candidate with {@code creationEntries} then {@code
   * entry}. Two concurrent calls with the same key give one incident.
   */
  Opened createOrAttach(Incident candidate, List<NewEntry> creationEntries, NewEntry entry);

  /** Result of {@link #createOrAttach}. */
  record Opened(Incident incident, TimelineEntry entry, boolean created) {}

  Optional<Incident> find(long id);

  /** The incident, or {@link IncidentNotFoundException}. */
  default Incident get(long id) {
    return find(id).orElseThrow(() -> new IncidentNotFoundException("incident " + id));
  }

  Optional<Incident> findByNumber(String number);

  /** The open incident with that correlation key (the most recent if several). */
  Optional<Incident> findOpenByKey(String correlationKey);

  /**
   * Replaces the incident if its stored version is {@code expectedVersion}, storing version + 1,
   * and appends {@code entries}, in one unit of work.
   *
   * @throws IncidentConflictException if the stored version differs (nothing written)
   * @throws IncidentNotFoundException if there is no such incident
   */
  Incident update(Incident changed, long expectedVersion, List<NewEntry> entries);

  /** Appends one entry. */
  TimelineEntry append(long incidentId, NewEntry entry);

  /**
   * Appends {@code entry} unless the latest entry with the same {@code ref} already records the
   * same {@code refState}: an atomic check-and-append, so two notifications of one alert arriving
   * at once write one entry. An entry without ref is always appended.
   *
   * @return the entry, or empty when nothing changed
   */
  Optional<TimelineEntry> appendIfChanged(long incidentId, NewEntry entry);

  /**
   * Edits (or hides) an entry, keeping its previous state in its history.
   *
   * @throws IncidentConflictException if the entry's revision is not {@code
   *     edit.expectedRevision()}
   */
  TimelineEntry editEntry(long incidentId, long entryId, EntryEdit edit, Instant editedAt);

  /** All entries, hidden ones included, ordered by {@code at} then id. */
  List<TimelineEntry> timeline(long incidentId);

  /** The {@code refState} of the latest entry (highest id) with that ref, if any. */
  Optional<String> refState(long incidentId, String ref);

  /**
   * Saves the review if its stored version is {@code expectedVersion} (0 when none is stored yet)
   * and returns it with version + 1.
   */
  Review saveReview(long incidentId, Review review, long expectedVersion);

  Optional<Review> review(long incidentId);

  /** Incidents matching the query, most recent start first. */
  List<Incident> search(IncidentQuery query);
}
