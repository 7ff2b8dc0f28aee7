package dev.vigie.incident.timeline;

import java.time.Instant;
import java.util.List;

/**
 * One row of an incident's timeline ("Déroulement").
 *
 * @param id store id
 * @param incidentId the incident it belongs to
 * @param at when it happened; the timeline is ordered by {@code at}, then by {@code id}
 * @param description what happened
 * @param source who or what wrote it
 * @param author operator, alert id or component
 * @param ref what it is about (see {@link NewEntry#ref()}), null for free entries
 * @param refState the state of {@code ref} it records
 * @param hidden hidden entries stay stored but are left out of reports
 * @param recordedAt when Vigie stored it
 * @param revision 1 when written, +1 per edit (optimistic locking of the entry)
 * @param history previous states, oldest first
 */
public record TimelineEntry(
    long id,
    long incidentId,
    Instant at,
    String description,
    TimelineSource source,
    String author,
    String ref,
    String refState,
    boolean hidden,
    Instant recordedAt,
    int revision,
    List<TimelineEdit> history) {

  /** {@link #ref} of the entries lifecycle transitions write. */
  public static final String LIFECYCLE = "lifecycle";

  public TimelineEntry {
    history = List.copyOf(history);
  }

  /** Whether a transition wrote it (reports show these as the summary's times, not as rows). */
  public boolean isLifecycle() {
    return LIFECYCLE.equals(ref);
  }

  /** The entry after an edit, its previous state pushed to {@link #history}. */
  public TimelineEntry edited(EntryEdit edit, Instant editedAt) {
    var past = new java.util.ArrayList<>(history);
    past.add(new TimelineEdit(revision, at, description, hidden, edit.editor(), editedAt));
    return new TimelineEntry(
        id,
        incidentId,
        edit.at() != null ? edit.at() : at,
        edit.description() != null ? edit.description() : description,
        source,
        author,
        ref,
        refState,
        edit.hidden() != null ? edit.hidden() : hidden,
        recordedAt,
        revision + 1,
        past);
  }
}
