package dev.vigie.incident.report;

import dev.vigie.incident.Incident;
import dev.vigie.incident.review.Review;
import dev.vigie.incident.store.IncidentStore;
import dev.vigie.incident.timeline.TimelineEntry;
import java.util.List;

/**
 * What a report is made of: the incident, its whole timeline (hidden and lifecycle entries are
 * filtered by the renderer) and its review (null when none yet).
 */
public record ReportData(Incident incident, List<TimelineEntry> timeline, Review review) {
  public ReportData {
    timeline = List.copyOf(timeline);
  }

  /** Loads everything a report needs from the store. */
  public static ReportData load(IncidentStore store, long incidentId) {
    var incident = store.get(incidentId);
    return new ReportData(
        incident, store.timeline(incidentId), store.review(incidentId).orElse(null));
  }
}
