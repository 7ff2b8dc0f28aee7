package dev.vigie.incident.number;

import java.time.LocalDate;

/**
 * Hands out the per-day sequence of IG numbers. Implementations must be safe under concurrent
 * callers (two incidents opened at once get different numbers) and must never hand out a value
 * twice for the same day, even across restarts; gaps are allowed (a number taken by a creation that
 * then failed is not reused).
 *
 * <p>The server implements it in SQL with one counter row per day, incremented in a transaction
 * ({@code UPDATE ig_sequence SET last = last + 1 WHERE day = ?}, inserting the row on first use);
 * the row lock serialises concurrent creations.
 */
@FunctionalInterface
public interface SequenceSource {
  /** The next sequence for {@code day}: 1 for the day's first incident, then 2, 3… */
  int next(LocalDate day);
}
