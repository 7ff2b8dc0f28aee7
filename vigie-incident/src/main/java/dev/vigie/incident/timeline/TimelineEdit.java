package dev.vigie.incident.timeline;

import java.time.Instant;

/**
 * One past state of an edited timeline entry: what it said before the edit, who edited and when.
 * Kept forever, oldest first, so the report's history can be audited.
 */
public record TimelineEdit(
    int revision,
    Instant previousAt,
    String previousDescription,
    boolean previousHidden,
    String editedBy,
    Instant editedAt) {}
