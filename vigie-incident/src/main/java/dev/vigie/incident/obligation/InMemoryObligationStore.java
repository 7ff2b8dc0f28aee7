package dev.vigie.incident.obligation;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link ObligationStore} in memory, for tests; synchronized. */
public final class InMemoryObligationStore implements ObligationStore {
  private final Map<Long, Impact> impacts = new HashMap<>();
  private final Map<Long, Map<ObligationKind, Submission>> submissions = new HashMap<>();
  private final Map<String, Instant> reminders = new HashMap<>();

  @Override
  public synchronized Optional<Impact> impact(long incidentId) {
    return Optional.ofNullable(impacts.get(incidentId));
  }

  @Override
  public synchronized void saveImpact(long incidentId, Impact impact) {
    impacts.put(incidentId, impact);
  }

  @Override
  public synchronized Map<ObligationKind, Submission> submissions(long incidentId) {
    var m = submissions.get(incidentId);
    return m == null ? Map.of() : Map.copyOf(m);
  }

  @Override
  public synchronized void saveSubmission(long incidentId, Submission s) {
    submissions
        .computeIfAbsent(incidentId, k -> new EnumMap<>(ObligationKind.class))
        .put(s.kind(), s);
  }

  @Override
  public synchronized boolean claimReminder(long incidentId, String key, Instant at) {
    return reminders.putIfAbsent(incidentId + "/" + key, at) == null;
  }

  @Override
  public synchronized boolean reminded(long incidentId, String key) {
    return reminders.containsKey(incidentId + "/" + key);
  }
}
