package dev.vigie.incident.obligation;

import java.time.Instant;

/**
 * One deadline of a significant incident, as {@code GET /incidents/{id}/obligations} answers it.
 *
 * @param submittedAt when the submission was made (as the operator stated it), null if not yet
 * @param reference the authority's or the provider's reference of the submission, null if none
 */
public record Deadline(
    ObligationKind kind,
    Instant dueAt,
    DeadlineStatus status,
    Instant submittedAt,
    String reference) {}
