package dev.vigie.server.paging;

import dev.vigie.server.config.Node;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who is on call when: members take turns in shifts of a day or a week, handing over at a local
 * time in the configured zone (a shift is a wall-clock day or week, so a daylight-saving change
 * makes one shift an hour shorter or longer, never moves the handover); overrides (a swap, a sick
 * day) win over the turn for their interval, the last listed first. O(overrides) per question.
 *
 * @param start the date the first member's first shift begins (at {@code handover}); weekly shifts
 *     begin on that weekday
 */
public record Rotation(
    ZoneId zone,
    boolean weekly,
    LocalDate start,
    LocalTime handover,
    List<String> members,
    List<Override> overrides) {

  /** A person on call over {@code [from, until)} instead of the turn. */
  public record Override(String person, Instant from, Instant until) {}

  /** One stretch of on-call duty. */
  public record Shift(String person, Instant from, Instant until, boolean override) {}

  /** Who is on call at {@code at}, and until when. */
  public Shift at(Instant at) {
    for (int i = overrides.size() - 1; i >= 0; i--) {
      Override o = overrides.get(i);
      if (!at.isBefore(o.from()) && at.isBefore(o.until())) {
        return new Shift(o.person(), o.from(), o.until(), true);
      }
    }
    ZonedDateTime first = start.atTime(handover).atZone(zone);
    ZonedDateTime now = at.atZone(zone);
    ChronoUnit unit = weekly ? ChronoUnit.WEEKS : ChronoUnit.DAYS;
    long k = unit.between(first, now);
    if (now.isBefore(first)) {
      // between() truncates towards zero: step back one more shift unless exactly on a boundary
      if (!first.plus(k, unit).equals(now)) k--;
    }
    Instant from = first.plus(k, unit).toInstant();
    Instant until = first.plus(k + 1, unit).toInstant();
    // an override starting inside the regular shift ends it early
    for (Override o : overrides) {
      if (o.from().isAfter(at) && o.from().isBefore(until)) until = o.from();
    }
    String who = members.get((int) Math.floorMod(k, (long) members.size()));
    return new Shift(who, from, until, false);
  }

  /** The shift after the one at {@code at}. */
  public Shift next(Instant at) {
    return at(at(at).until());
  }

  /** The shifts from {@code at} on, {@code count} of them (the on-call page's table). */
  public List<Shift> upcoming(Instant at, int count) {
    List<Shift> out = new ArrayList<>();
    Shift s = at(at);
    for (int i = 0; i < count; i++) {
      out.add(s);
      s = at(s.until());
    }
    return out;
  }

  static Rotation read(Node r, Set<String> people, ZoneId zone) {
    PagingConfig.unknown(r, dev.vigie.server.config.PagingKeys.SECTIONS.get("paging.rotation"));
    String shift = r.string("shift", "weekly");
    if (!shift.equals("weekly") && !shift.equals("daily")) {
      r.problem("shift", "'" + shift + "' is not weekly or daily");
    }
    LocalTime handover = PagingConfig.localTime(r, "handover", LocalTime.of(9, 0));
    LocalDate start =
        r.has("start") ? PagingConfig.localDate(r, "start") : LocalDate.of(2024, 1, 1);
    if (start == null) start = LocalDate.of(2024, 1, 1);
    List<String> members = r.strings("members");
    if (members.isEmpty()) members = new ArrayList<>(people);
    for (String m : members) {
      if (!people.contains(m)) r.problem("members", "'" + m + "' is not a person id");
    }
    List<Override> overrides = new ArrayList<>();
    PagingConfig.each(
        r,
        "overrides",
        (n, i) -> {
          PagingConfig.unknown(n, Set.of("person", "from", "until"));
          String who = n.string("person", null);
          if (who == null || !people.contains(who)) {
            n.problem("person", "'" + who + "' is not a person id");
          }
          LocalDateTime from = PagingConfig.localDateTime(n, "from");
          LocalDateTime until = PagingConfig.localDateTime(n, "until");
          if (who == null || from == null || until == null) return null;
          if (!until.isAfter(from)) {
            n.problem("until", "must be after from (" + from + "), got " + until);
            return null;
          }
          overrides.add(
              new Override(who, from.atZone(zone).toInstant(), until.atZone(zone).toInstant()));
          return null;
        });
    if (members.isEmpty()) members = List.of("-");
    return new Rotation(
        zone,
        !shift.equals("daily"),
        start,
        handover,
        List.copyOf(members),
        List.copyOf(overrides));
  }
}
