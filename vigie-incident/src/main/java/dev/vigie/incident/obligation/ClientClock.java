package dev.vigie.incident.obligation;

import dev.vigie.incident.timeline.TimelineEntry;
import dev.vigie.incident.timeline.TimelineSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The client-communication clock ("inform the recipients of the service without undue delay", NIS2
 * Art. 23(1)): the time from awareness to the first notice to clients. The first notice is the
 * earliest visible timeline entry whose source is NOTIFICATION: Vigie writes one for each client
 * email it sends, and an operator records a phone call or another channel by posting an entry with
 * {@code "source": "NOTIFICATION"}.
 *
 * @param applies whether the incident affects clients (named clients or users affected)
 * @param awareAt when the provider became aware
 * @param firstNoticeAt the first client notice, null if none yet
 * @param target the longest delay before the NOC is reminded
 */
public record ClientClock(
    boolean applies, Instant awareAt, Instant firstNoticeAt, Duration target) {

  /** The clock of an incident from its timeline. */
  public static ClientClock of(
      boolean applies, Instant awareAt, List<TimelineEntry> timeline, Duration target) {
    Instant first = null;
    for (var e : timeline) {
      if (!e.hidden()
          && e.source() == TimelineSource.NOTIFICATION
          && (first == null || e.at().isBefore(first))) {
        first = e.at();
      }
    }
    return new ClientClock(applies, awareAt, first, target);
  }

  /** The earliest visible NOTIFICATION entry of a timeline, or null. */
  public static Instant firstNotice(List<TimelineEntry> timeline) {
    return of(true, Instant.EPOCH, timeline, Duration.ZERO).firstNoticeAt();
  }

  /** The delay from awareness to the first notice (or to {@code now} while there is none). */
  public Duration elapsed(Instant now) {
    var end = firstNoticeAt != null ? firstNoticeAt : now;
    return end.isAfter(awareAt) ? Duration.between(awareAt, end) : Duration.ZERO;
  }

  /** When the target runs out. */
  public Instant targetAt() {
    return awareAt.plus(target);
  }

  /** Whether clients were (or still are) told later than the target. */
  public boolean late(Instant now) {
    return applies && elapsed(now).compareTo(target) > 0;
  }

  /** Whether the NOC should be reminded now: clients affected, nobody told, target passed. */
  public boolean remindNow(Instant now) {
    return applies && firstNoticeAt == null && now.isAfter(targetAt());
  }
}
