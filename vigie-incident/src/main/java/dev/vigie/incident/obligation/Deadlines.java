package dev.vigie.incident.obligation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The due times of NIS2 Article 23(4), from the instant the provider became aware ({@code awareAt},
 * the incident's {@code detectedAt}):
 *
 * <ul>
 *   <li>EARLY_WARNING: {@code awareAt} + 24 hours;
 *   <li>NOTIFICATION: {@code awareAt} + 72 hours;
 *   <li>FINAL_REPORT: one month after the notification was submitted, or, until it is, one month
 *       after the notification's due time.
 * </ul>
 *
 * Hours are elapsed hours (instant arithmetic): across the autumn change in Paris, 24 hours after
 * 07h40 is 06h40 local time the next day. A month is a calendar month in the provider's zone
 * ({@link java.time.ZonedDateTime#plusMonths}): the same local time, clamped to the month's last
 * day (31 January gives 29 February in a leap year), so a DST change in between keeps the wall
 * clock. Instants are UTC throughout; the zone only serves the month. Pure and thread-safe.
 */
public final class Deadlines {
  static final Duration EARLY_WARNING = Duration.ofHours(24);
  static final Duration NOTIFICATION = Duration.ofHours(72);

  private Deadlines() {}

  /** The three deadlines at {@code now}, with the submissions recorded so far. */
  public static List<Deadline> of(
      Instant awareAt, Map<ObligationKind, Submission> submitted, ZoneId zone, Instant now) {
    var out = new ArrayList<Deadline>(3);
    for (var kind : ObligationKind.values()) {
      var due = dueAt(kind, awareAt, submitted.get(ObligationKind.NOTIFICATION), zone);
      var s = submitted.get(kind);
      DeadlineStatus status =
          s != null
              ? DeadlineStatus.SUBMITTED
              : now.isAfter(due) ? DeadlineStatus.OVERDUE : DeadlineStatus.DUE;
      out.add(
          new Deadline(
              kind,
              due,
              status,
              s == null ? null : s.submittedAt(),
              s == null ? null : s.reference()));
    }
    return out;
  }

  /** The due time of one kind. */
  public static Instant dueAt(
      ObligationKind kind, Instant awareAt, Submission notification, ZoneId zone) {
    return switch (kind) {
      case EARLY_WARNING -> awareAt.plus(EARLY_WARNING);
      case NOTIFICATION -> awareAt.plus(NOTIFICATION);
      case FINAL_REPORT -> {
        var from = notification != null ? notification.submittedAt() : awareAt.plus(NOTIFICATION);
        yield from.atZone(zone).plusMonths(1).toInstant();
      }
    };
  }
}
