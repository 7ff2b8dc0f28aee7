package dev.vigie.detect.pressure;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.AlertListener;
import dev.vigie.detect.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the readings of each machine's platform metrics into PLATFORM_PRESSURE episodes, one per
 * machine: the first poll with a metric at or above its warning fraction raises revision 1
 * (WARNING, or CRITICAL when a metric is at its blocking threshold), an escalation to CRITICAL
 * raises the next revision, and the first poll where every metric answered and is back under its
 * warning fraction closes the episode ({@link AlertListener#onResolved}, evidence {@code
 * recoveredAt} and {@code pressureSeconds}). A poll where a metric has no data changes nothing
 * about that metric: no data is not "back under".
 *
 * <p>Evidence names the worst metric ({@code metric}, {@code value}, {@code threshold}, {@code
 * fraction}, {@code percent}, {@code warningFraction}) and lists every metric under pressure
 * ({@code metrics}). Ids are {@code PLATFORM_PRESSURE:-:<machine>:<epoch second of the start>}, so
 * an episode after a restart never reuses the id of a stored one. State is one entry per machine
 * under pressure (machines come from the configuration, not from the network). Thread-safe.
 *
 * <p>Across a restart: the episodes a previous run left open are handed back with {@link #resume}
 * before the first poll, so that the first poll after the restart closes an episode whose machine
 * is back under its thresholds, and continues, under the same id, one that is still true instead of
 * opening a second. The {@code recoveredAt} of an episode closed after such a gap comes from the
 * {@link History} when it can tell (the moment the platform's own metrics went back under while
 * nobody polled), else it is the poll that saw the recovery.
 */
public final class PressureEpisodes {
  /**
   * Where the moment a machine went back under its thresholds is read when the polls left a gap
   * (Vigie stopped, the polling taken over, Prometheus unreachable): the platform's own history.
   */
  @FunctionalInterface
  public interface History {
    /** No history: an episode closes at the poll that saw the recovery. */
    History NONE = (machine, from, to) -> null;

    /**
     * When {@code machine}, under pressure at {@code from}, went back under its thresholds for good
     * before {@code to}; null when unknown (or when the polls left no gap worth a look).
     */
    Instant backUnderSince(String machine, Instant from, Instant to);
  }

  private final AlertListener listener;
  private final History history;
  private final Map<String, Alert> open = new HashMap<>();

  public PressureEpisodes(AlertListener listener) {
    this(listener, History.NONE);
  }

  /**
   * Episodes whose closing after a gap in the polls asks {@code history} when the machine went back
   * under (its {@code recoveredAt}), instead of taking the poll that saw it.
   */
  public PressureEpisodes(AlertListener listener, History history) {
    this.listener = listener;
    this.history = history;
  }

  /** The readings of one poll of {@code machine}'s metrics, taken at {@code now}. */
  public void observe(String machine, List<PressureReading> readings, Instant now) {
    PressureReading worst = null;
    List<Map<String, Object>> pressing = new ArrayList<>();
    boolean unknown = false;
    for (PressureReading r : readings) {
      if (r.level() == PressureLevel.NO_DATA) unknown = true;
      if (!r.pressing()) continue;
      pressing.add(metricEvidence(r));
      if (worst == null || r.fraction() > worst.fraction()) worst = r;
    }
    Alert toRaise = null;
    Alert closing = null;
    synchronized (this) {
      Alert a = open.get(machine);
      if (worst == null) {
        if (a != null && !unknown) {
          open.remove(machine);
          closing = a;
        }
      } else if (a == null) {
        Severity sev = severity(readings);
        toRaise =
            new Alert(
                AlertKind.PLATFORM_PRESSURE + ":-:" + machine + ":" + now.getEpochSecond(),
                1,
                AlertKind.PLATFORM_PRESSURE,
                sev,
                null,
                machine,
                now,
                now,
                now,
                summary(machine, worst),
                evidence(worst, pressing));
        open.put(machine, toRaise);
      } else {
        boolean escalates =
            severity(readings) == Severity.CRITICAL && a.severity() == Severity.WARNING;
        Alert next =
            new Alert(
                a.id(),
                a.revision() + (escalates ? 1 : 0),
                a.kind(),
                escalates ? Severity.CRITICAL : a.severity(),
                null,
                machine,
                a.firstSeen(),
                a.detectedAt(),
                now,
                escalates ? summary(machine, worst) : a.summary(),
                evidence(worst, pressing));
        open.put(machine, next);
        if (escalates) toRaise = next;
      }
    }
    // the listener and the history are called outside the lock: they may take their time
    if (toRaise != null) listener.onAlert(toRaise);
    if (closing != null) listener.onResolved(resolved(closing, recoveredAt(closing, now)));
  }

  /**
   * When the machine of {@code a} went back under: what the history says when it tells a moment
   * between the episode's last sight and {@code now}, else {@code now} (the poll that saw it).
   */
  private Instant recoveredAt(Alert a, Instant now) {
    Instant back = history.backUnderSince(a.machine(), a.lastSeen(), now);
    return back != null && back.isAfter(a.lastSeen()) && back.isBefore(now) ? back : now;
  }

  /**
   * Takes back an episode that a previous run left open (stored, never closed): the next {@link
   * #observe} of its machine continues it (a new revision on escalation, closed when back under)
   * instead of opening another. A machine has one episode: given a second one for the same machine,
   * the one that started last is kept.
   *
   * @return the episode not kept (the other one of the same machine), or null
   * @throws IllegalArgumentException for an alert that is not an open PLATFORM_PRESSURE episode
   */
  public synchronized Alert resume(Alert a) {
    if (a.kind() != AlertKind.PLATFORM_PRESSURE
        || a.machine() == null
        || a.evidence().containsKey("recoveredAt")) {
      throw new IllegalArgumentException("not an open PLATFORM_PRESSURE episode: " + a.id());
    }
    Alert held = open.get(a.machine());
    if (held != null && !a.firstSeen().isAfter(held.firstSeen())) return a;
    open.put(a.machine(), a);
    return held;
  }

  /**
   * Forgets every open episode without closing it (no listener call): the process no longer polls
   * (another one took the platform metrics over, see the server's pressure lease), and the stored
   * episodes are taken back with {@link #resume} should it poll again.
   */
  public synchronized void clear() {
    open.clear();
  }

  /** The open episodes, latest revision. */
  public synchronized List<Alert> openAlerts() {
    return List.copyOf(open.values());
  }

  /** The open episode of {@code machine}, or null. */
  public synchronized Alert openAlert(String machine) {
    return open.get(machine);
  }

  private static Severity severity(List<PressureReading> readings) {
    for (PressureReading r : readings) {
      if (r.level() == PressureLevel.CRITICAL) return Severity.CRITICAL;
    }
    return Severity.WARNING;
  }

  /** The last revision of {@code a}: back under at {@code recoveredAt} (also its last sight). */
  private static Alert resolved(Alert a, Instant recoveredAt) {
    Map<String, Object> ev = new LinkedHashMap<>(a.evidence());
    ev.put("recoveredAt", recoveredAt.toString());
    ev.put(
        "pressureSeconds", Math.max(1, Duration.between(a.firstSeen(), recoveredAt).toSeconds()));
    return new Alert(
        a.id(),
        a.revision() + 1,
        a.kind(),
        a.severity(),
        null,
        a.machine(),
        a.firstSeen(),
        a.detectedAt(),
        recoveredAt,
        a.summary(),
        Collections.unmodifiableMap(ev));
  }

  private static Map<String, Object> evidence(
      PressureReading worst, List<Map<String, Object>> pressing) {
    Map<String, Object> ev = new LinkedHashMap<>(metricEvidence(worst));
    ev.put("warningFraction", worst.warningFraction());
    ev.put("metrics", List.copyOf(pressing));
    return Collections.unmodifiableMap(ev);
  }

  private static Map<String, Object> metricEvidence(PressureReading r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metric", r.metric());
    m.put("value", r.value());
    m.put("threshold", r.threshold());
    m.put("fraction", Math.round(r.fraction() * 1000) / 1000.0);
    m.put("percent", Math.round(r.fraction() * 100));
    m.put("level", r.level().name());
    return m;
  }

  private static String summary(String machine, PressureReading r) {
    return String.format(
        Locale.ROOT,
        "%s: %s at %d%% of its platform blocking threshold (%s of %s)",
        machine,
        r.metric(),
        Math.round(r.fraction() * 100),
        number(r.value()),
        number(r.threshold()));
  }

  /** A number without a useless ".0" (evidence keeps the double). */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
