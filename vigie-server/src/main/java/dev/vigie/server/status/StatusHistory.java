package dev.vigie.server.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The status page's 90-day history: one state per service and per day (in the provider's zone), the
 * worst the service showed that day. Two sources, the worse wins: the status board's own changes
 * (operators' declarations, probes, service health), logged in {@code component_state_log} (V12) at
 * each change and at start; and the published incidents that named the service, from their start to
 * their resolution, investigating or identified reading as a partial outage and "fix applied,
 * monitoring" as degraded performance (as {@link StatusPages#fromIncidents} does live). O(days ×
 * (changes + incident updates)) per service; the board's log is read once per call. Thread-safe.
 */
public final class StatusHistory {
  /** Days shown. */
  public static final int DAYS = 90;

  /** One day of one service. */
  public record Day(LocalDate date, ComponentState state) {}

  private record Change(Instant at, ComponentState state) {}

  private final Jdbi jdbi;
  private final StatusBoard board;
  private final InstantSource clock;
  private final ZoneId zone;
  private final Map<String, ComponentState> last = new HashMap<>();

  public StatusHistory(Jdbi jdbi, StatusBoard board, InstantSource clock, ZoneId zone) {
    this.jdbi = jdbi;
    this.board = board;
    this.clock = clock;
    this.zone = zone;
    jdbi.useHandle(h ->
        h.createQuery(
                "SELECT l.component_id, l.state FROM component_state_log l WHERE l.id = (SELECT"
                    + " MAX(m.id) FROM component_state_log m WHERE m.component_id ="
                    + " l.component_id)")
            .map((rs, ctx) -> Map.entry(rs.getString(1), ComponentState.valueOf(rs.getString(2))))
            .forEach(e -> last.put(e.getKey(), e.getValue())));
    record();
    board.onChange(what -> {
      try {
        record();
      } catch (RuntimeException e) { // the database away: the page still tells the present
        org.slf4j.LoggerFactory.getLogger(StatusHistory.class)
            .warn("status history: change not logged: {}", e.getMessage());
      }
    });
  }

  /** Logs every line whose state differs from the last one logged. */
  public synchronized void record() {
    Instant now = clock.instant();
    Map<String, ComponentState> current = new HashMap<>();
    for (StatusBoard.Line l : board.lines()) current.put(l.id(), l.state());
    // a line gone from the board (without a catalogue, a lifted declaration) is operational again
    for (String id : last.keySet()) current.putIfAbsent(id, ComponentState.OPERATIONAL);
    for (var e : current.entrySet()) {
      ComponentState before = last.getOrDefault(e.getKey(), ComponentState.OPERATIONAL);
      if (before == e.getValue()) continue;
      jdbi.useHandle(h ->
          h.execute(
              "INSERT INTO component_state_log (component_id, at, state) VALUES (?, ?, ?)",
              e.getKey(),
              Timestamp.from(now),
              e.getValue().name()));
      last.put(e.getKey(), e.getValue());
    }
  }

  /**
   * The last {@link #DAYS} days of each board line, oldest first (the last one is today).
   *
   * @param incidents the published incidents of the period (open ones and those resolved in it)
   */
  public Map<String, List<Day>> days(
      List<StatusBoard.Line> lines, List<PublishedIncident> incidents) {
    Instant now = clock.instant();
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate first = today.minusDays(DAYS - 1);
    Instant since = first.atStartOfDay(zone).toInstant();
    Map<String, List<Change>> log = log(since);
    Map<String, List<Day>> out = new HashMap<>();
    for (StatusBoard.Line l : lines) {
      ComponentState[] worst = new ComponentState[DAYS];
      java.util.Arrays.fill(worst, ComponentState.OPERATIONAL);
      List<Change> changes = log.getOrDefault(l.id(), List.of());
      for (int k = 0; k < changes.size(); k++) {
        Instant end = k + 1 < changes.size() ? changes.get(k + 1).at() : now;
        mark(worst, first, changes.get(k).at(), end, changes.get(k).state());
      }
      for (PublishedIncident p : incidents) {
        if (!(p.services().contains(l.id()) || p.services().contains(l.name()))) continue;
        Instant end = p.resolvedAt() != null ? p.resolvedAt() : now;
        Instant from = p.startedAt();
        ComponentState st = ComponentState.PARTIAL_OUTAGE;
        for (PublishedIncident.Update u : p.updates()) {
          if (u.at().isBefore(from)) {
            st = state(u);
            continue;
          }
          mark(worst, first, from, min(u.at(), end), st);
          from = u.at();
          st = state(u);
        }
        mark(worst, first, from, end, st);
      }
      List<Day> days = new ArrayList<>(DAYS);
      for (int d = 0; d < DAYS; d++) days.add(new Day(first.plusDays(d), worst[d]));
      out.put(l.id(), List.copyOf(days));
    }
    return out;
  }

  private static ComponentState state(PublishedIncident.Update u) {
    return switch (u.status()) {
      case INVESTIGATING, IDENTIFIED -> ComponentState.PARTIAL_OUTAGE;
      case MONITORING -> ComponentState.DEGRADED_PERFORMANCE;
      case RESOLVED -> ComponentState.OPERATIONAL;
    };
  }

  /** Raises each day [from, to) overlaps to at least {@code st}. */
  private void mark(
      ComponentState[] worst, LocalDate first, Instant from, Instant to, ComponentState st) {
    if (st == ComponentState.OPERATIONAL || to.isBefore(from)) return;
    LocalDate a = from.atZone(zone).toLocalDate();
    // an interval ending exactly at midnight does not touch the next day; a state that began just
    // now (an empty interval) still counts for its day
    LocalDate b = (to.equals(from) ? to : to.minusNanos(1)).atZone(zone).toLocalDate();
    for (LocalDate d = a.isBefore(first) ? first : a; !d.isAfter(b); d = d.plusDays(1)) {
      int i = (int) (d.toEpochDay() - first.toEpochDay());
      if (i >= DAYS) break;
      worst[i] = ComponentState.worst(worst[i], st);
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** Each component's changes since {@code since}, led by the one in force at {@code since}. */
  private Map<String, List<Change>> log(Instant since) {
    Map<String, List<Change>> out = new HashMap<>();
    jdbi.useHandle(h -> {
      h.createQuery(
              "SELECT l.component_id, l.state FROM component_state_log l WHERE l.id = (SELECT"
                  + " MAX(m.id) FROM component_state_log m WHERE m.component_id = l.component_id"
                  + " AND m.at < :since)")
          .bind("since", Timestamp.from(since))
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
          .forEach(e ->
              out.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                  .add(new Change(since, ComponentState.valueOf(e.getValue()))));
      h.createQuery(
              "SELECT component_id, at, state FROM component_state_log WHERE at >= :since ORDER"
                  + " BY at, id")
          .bind("since", Timestamp.from(since))
          .map((rs, ctx) ->
              Map.entry(
                  rs.getString(1),
                  new Change(
                      rs.getObject(2, OffsetDateTime.class).toInstant(),
                      ComponentState.valueOf(rs.getString(3)))))
          .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    });
    return out;
  }
}
