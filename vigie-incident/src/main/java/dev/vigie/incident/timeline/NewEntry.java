package dev.vigie.incident.timeline;

import dev.vigie.incident.Require;
import java.time.Instant;

/**
 * A timeline entry to append.
 *
 * @param at when the event happened (not when it was recorded)
 * @param description what happened, as the report prints it
 * @param source who or what reports it
 * @param author operator login, alert id, component name…
 * @param ref what the entry is about, for de-duplication: {@code alert:ID}, {@code am:FINGERPRINT},
 *     {@link TimelineEntry#LIFECYCLE}; null for free entries
 * @param refState the state of {@code ref} this entry records (severity, firing/resolved, new
 *     status); the latest entry of a ref gives its current state
 */
public record NewEntry(
    Instant at,
    String description,
    TimelineSource source,
    String author,
    String ref,
    String refState) {

  public NewEntry {
    Require.present("at", at);
    description = Require.text("description", description);
    Require.present("source", source);
    author = Require.optional("author", author);
    ref = Require.optional("ref", ref);
    refState = Require.optional("refState", refState);
  }

  /** A free entry (operator note, action, probe…). */
  public static NewEntry of(Instant at, String description, TimelineSource source, String author) {
    return new NewEntry(at, description, source, author, null, null);
  }
}
