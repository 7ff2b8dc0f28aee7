package dev.vigie.incident.timeline;

import dev.vigie.incident.InvalidIncidentException;
import dev.vigie.incident.Require;
import java.time.Instant;

/**
 * An operator's edit of a timeline entry; a null field keeps the value. Hiding is an edit with
 * {@code hidden = true}.
 *
 * @param expectedRevision the entry revision the operator saw (optimistic locking)
 * @param editor who edits (required: the history says who changed what)
 */
public record EntryEdit(
    int expectedRevision, Instant at, String description, Boolean hidden, String editor) {
  public EntryEdit {
    description = Require.optional("description", description);
    editor = Require.text("editor", editor);
    if (at == null && description == null && hidden == null) {
      throw new InvalidIncidentException("an entry edit must change at, description or hidden");
    }
  }

  public static EntryEdit hide(int expectedRevision, String editor) {
    return new EntryEdit(expectedRevision, null, null, true, editor);
  }
}
