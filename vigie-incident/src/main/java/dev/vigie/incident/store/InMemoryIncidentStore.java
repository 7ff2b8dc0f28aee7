package dev.vigie.incident.store;

import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentConflictException;
import dev.vigie.incident.IncidentNotFoundException;
import dev.vigie.incident.review.Review;
import dev.vigie.incident.timeline.EntryEdit;
import dev.vigie.incident.timeline.NewEntry;
import dev.vigie.incident.timeline.TimelineEntry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link IncidentStore} in memory, for tests and a throw-away server. One lock guards everything,
 * so each method is atomic (the "unit of work" of the contract) and concurrent callers see a serial
 * order; reads copy. Nothing survives the process: the server's JDBI store is the durable one.
 */
public final class InMemoryIncidentStore implements IncidentStore {
  private final InstantSource clock;
  private final Map<Long, Incident> incidents = new HashMap<>();
  private final Map<Long, List<TimelineEntry>> entries = new HashMap<>();
  private final Map<Long, Review> reviews = new HashMap<>();
  private long nextIncidentId = 1;
  private long nextEntryId = 1;

  public InMemoryIncidentStore(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Incident create(Incident incident, List<NewEntry> initial) {
    var stored = incident.stored(nextIncidentId++, 1);
    incidents.put(stored.id(), stored);
    entries.put(stored.id(), new ArrayList<>());
    initial.forEach(e -> append(stored.id(), e));
    return stored;
  }

  @Override
  public synchronized Opened createOrAttach(
      Incident candidate, List<NewEntry> creationEntries, NewEntry entry) {
    var open = findOpenByKey(candidate.correlationKey());
    if (open.isPresent()) {
      return new Opened(open.get(), append(open.get().id(), entry), false);
    }
    var created = create(candidate, creationEntries);
    return new Opened(created, append(created.id(), entry), true);
  }

  @Override
  public synchronized Optional<Incident> find(long id) {
    return Optional.ofNullable(incidents.get(id));
  }

  @Override
  public synchronized Optional<Incident> findByNumber(String number) {
    return incidents.values().stream().filter(i -> i.number().equals(number)).findFirst();
  }

  @Override
  public synchronized Optional<Incident> findOpenByKey(String key) {
    if (key == null) {
      return Optional.empty();
    }
    return incidents.values().stream()
        .filter(i -> key.equals(i.correlationKey()) && i.status().isOpen())
        .max(Comparator.comparing(Incident::startedAt).thenComparing(Incident::id));
  }

  @Override
  public synchronized Incident update(Incident changed, long expectedVersion, List<NewEntry> add) {
    var current = get(changed.id());
    if (current.version() != expectedVersion) {
      throw new IncidentConflictException(
          "incident " + current.number(), expectedVersion, current.version());
    }
    var stored = changed.stored(current.id(), current.version() + 1);
    incidents.put(stored.id(), stored);
    add.forEach(e -> append(stored.id(), e));
    return stored;
  }

  @Override
  public synchronized TimelineEntry append(long incidentId, NewEntry e) {
    var list = list(incidentId);
    var entry =
        new TimelineEntry(
            nextEntryId++,
            incidentId,
            e.at(),
            e.description(),
            e.source(),
            e.author(),
            e.ref(),
            e.refState(),
            false,
            clock.instant(),
            1,
            List.of());
    list.add(entry);
    return entry;
  }

  @Override
  public synchronized Optional<TimelineEntry> appendIfChanged(long incidentId, NewEntry e) {
    if (e.ref() != null && refState(incidentId, e.ref()).filter(e.refState()::equals).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(append(incidentId, e));
  }

  @Override
  public synchronized TimelineEntry editEntry(
      long incidentId, long entryId, EntryEdit edit, Instant editedAt) {
    var list = list(incidentId);
    for (int i = 0; i < list.size(); i++) {
      var entry = list.get(i);
      if (entry.id() == entryId) {
        if (entry.revision() != edit.expectedRevision()) {
          throw new IncidentConflictException(
              "timeline entry " + entryId, edit.expectedRevision(), entry.revision());
        }
        var edited = entry.edited(edit, editedAt);
        list.set(i, edited);
        return edited;
      }
    }
    throw new IncidentNotFoundException("timeline entry " + entryId + " of incident " + incidentId);
  }

  @Override
  public synchronized List<TimelineEntry> timeline(long incidentId) {
    return list(incidentId).stream()
        .sorted(Comparator.comparing(TimelineEntry::at).thenComparingLong(TimelineEntry::id))
        .toList();
  }

  @Override
  public synchronized Optional<String> refState(long incidentId, String ref) {
    return list(incidentId).stream()
        .filter(e -> ref.equals(e.ref()))
        .max(Comparator.comparingLong(TimelineEntry::id))
        .map(TimelineEntry::refState);
  }

  @Override
  public synchronized Review saveReview(long incidentId, Review review, long expectedVersion) {
    var current = get(incidentId);
    var stored = reviews.get(incidentId);
    long actual = stored == null ? 0 : stored.version();
    if (actual != expectedVersion) {
      throw new IncidentConflictException(
          "review of incident " + current.number(), expectedVersion, actual);
    }
    var saved = review.withVersion(actual + 1);
    reviews.put(incidentId, saved);
    return saved;
  }

  @Override
  public synchronized Optional<Review> review(long incidentId) {
    get(incidentId);
    return Optional.ofNullable(reviews.get(incidentId));
  }

  @Override
  public synchronized List<Incident> search(IncidentQuery query) {
    return incidents.values().stream()
        .filter(query::matches)
        .sorted(Comparator.comparing(Incident::startedAt).reversed())
        .limit(query.limit())
        .toList();
  }

  private List<TimelineEntry> list(long incidentId) {
    var list = entries.get(incidentId);
    if (list == null) {
      throw new IncidentNotFoundException("incident " + incidentId);
    }
    return list;
  }
}
