package dev.vigie.detect.engine;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.AlertListener;
import dev.vigie.detect.Severity;
import dev.vigie.detect.rule.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns findings into alert episodes: one episode per (kind, source) for source alerts and per
 * (kind, machine) for machine alerts. The first finding raises revision 1; later findings update
 * the episode silently (last packet, evidence) and notify only when it escalates from warning to
 * critical or its magnitude doubles. An episode closes after {@code quietSeconds} without a
 * finding; the next finding opens a new one. Ids are {@code KIND:source:machine:n} (n-th episode of
 * that key), so the same traffic gives the same ids on the wire capture and on its HEP mirror.
 * Keeps at most {@code maxEpisodes} episodes (oldest closed ones dropped first, then the oldest
 * open ones, closed), and the episode numbers of at most {@code 4 * maxEpisodes} keys (least
 * recently alerted forgotten first): every per-source structure here is bounded, however many
 * sources alert (issue 11). A key whose number was forgotten continues above every number given so
 * far, so an id is never given twice.
 */
final class Episodes {
  private static final class Episode {
    private Alert alert;
    long lastFindingSecond;
    double reportedMagnitude;
    boolean open = true;
    // the proof the alert's evidence holds (that of the last finding), compared without it
    Object proof;
    // the last finding that only updated the episode, not folded into the alert yet: its
    // evidence and last packet, and the summary of summaryFrom (null: the alert's own)
    private Finding pending;
    private Finding summaryFrom;
    private long pendingLastMicros;

    /** The alert with the findings received since it was built folded in. */
    Alert alert() {
      Finding f = pending;
      if (f != null) {
        Alert a = alert;
        alert =
            next(
                a,
                a.revision(),
                a.severity(),
                instant(pendingLastMicros),
                summaryFrom != null ? summaryFrom.summary() : a.summary(),
                f.evidence());
        pending = null;
        summaryFrom = null;
      }
      return alert;
    }

    void set(Alert a) {
      alert = a;
      pending = null;
      summaryFrom = null;
    }

    /**
     * A finding that changes nothing reported: the alert will carry its evidence and last packet,
     * and its summary when {@code summary} (else the summary it has).
     */
    void update(Finding f, long lastMicros, boolean summary) {
      pending = f;
      pendingLastMicros = lastMicros;
      if (summary) summaryFrom = f;
    }
  }

  private final AlertListener listener;
  private final long quietSeconds;
  private final int maxEpisodes;
  private final Map<String, Episode> open = new HashMap<>();
  private final Map<String, Integer> sequence;
  private boolean forgot;
  private int highest;
  private final LinkedHashMap<String, Episode> all = new LinkedHashMap<>();
  // no open episode had its last finding before this second (a lower bound: findings only move
  // it forward), so closeQuiet has nothing to close before quietSeconds after it
  private long oldestFinding = Long.MAX_VALUE;

  Episodes(AlertListener listener, long quietSeconds, int maxEpisodes) {
    this.listener = listener;
    this.quietSeconds = quietSeconds;
    this.maxEpisodes = maxEpisodes;
    int maxKeys = 4 * maxEpisodes;
    this.sequence =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            if (size() <= maxKeys) return false;
            forgot = true;
            return true;
          }
        };
  }

  void offer(
      Finding f, String source, String machine, long firstMicros, long lastMicros, long nowMicros) {
    String key = key(f.kind(), source, machine);
    long now = Math.floorDiv(nowMicros, 1_000_000L);
    Episode ep = open.get(key);
    if (ep == null) {
      Integer prev = sequence.get(key);
      int n = prev != null ? prev + 1 : forgot ? highest + 1 : 1;
      sequence.put(key, n);
      highest = Math.max(highest, n);
      ep = new Episode();
      ep.proof = f.proof();
      ep.alert =
          new Alert(
              key + ":" + n,
              1,
              f.kind(),
              f.severity(),
              source,
              machine,
              instant(firstMicros),
              instant(nowMicros),
              instant(lastMicros),
              f.summary(),
              f.evidence());
      ep.lastFindingSecond = now;
      ep.reportedMagnitude = f.magnitude();
      if (now < oldestFinding) oldestFinding = now;
      open.put(key, ep);
      all.put(ep.alert.id(), ep);
      trim();
      listener.onAlert(ep.alert);
      return;
    }
    Alert a = ep.alert; // its severity and revision: what only a notified revision changes
    ep.lastFindingSecond = now;
    if (now < oldestFinding) oldestFinding = now; // time does not go back, but if it did
    boolean escalates = f.severity() == Severity.CRITICAL && a.severity() == Severity.WARNING;
    boolean grows =
        f.magnitude() >= 2 * ep.reportedMagnitude && f.magnitude() - ep.reportedMagnitude >= 5
            || proves(ep.proof, f.proof());
    Severity sev = escalates ? Severity.CRITICAL : a.severity();
    boolean newSummary = escalates || grows || f.severity() == sev;
    ep.proof = f.proof();
    if (!escalates && !grows) {
      // most findings of an open episode: its texts are made only when the alert is read
      ep.update(f, lastMicros, newSummary);
      return;
    }
    a = ep.alert();
    ep.set(next(a, a.revision() + 1, sev, instant(lastMicros), f.summary(), f.evidence()));
    ep.reportedMagnitude = f.magnitude();
    listener.onAlert(ep.alert);
  }

  /**
   * True when the finding shows a proof the reported alert did not have (the source answered a
   * challenge, continued a dialog...): containment may act on it now, so it is a new revision.
   */
  private static boolean proves(Object was, Object now) {
    return now != null && !"NONE".equals(now) && !now.equals(was);
  }

  /**
   * Closes the open episode of {@code key} because its signal recovered: a last revision whose
   * evidence adds {@code extra} (when it recovered, how long it lasted), handed to the listener's
   * {@link AlertListener#onResolved}. Nothing when no episode of that key is open.
   */
  void resolve(String key, Map<String, Object> extra) {
    Episode ep = open.remove(key);
    if (ep == null) return;
    ep.open = false;
    ep.set(lastRevision(ep.alert(), extra));
    listener.onResolved(ep.alert);
  }

  /** The alert's next revision with {@code extra} added to its evidence. */
  private static Alert lastRevision(Alert a, Map<String, Object> extra) {
    Map<String, Object> evidence = new LinkedHashMap<>(a.evidence());
    evidence.putAll(extra);
    return next(
        a,
        a.revision() + 1,
        a.severity(),
        a.lastSeen(),
        a.summary(),
        java.util.Collections.unmodifiableMap(evidence));
  }

  /** Alert {@code a} (same id, kind, source, machine, first seen, detected) with these values. */
  private static Alert next(
      Alert a,
      int revision,
      Severity severity,
      Instant lastSeen,
      String summary,
      Map<String, Object> evidence) {
    return new Alert(
        a.id(),
        revision,
        a.kind(),
        severity,
        a.source(),
        a.machine(),
        a.firstSeen(),
        a.detectedAt(),
        lastSeen,
        summary,
        evidence);
  }

  /** Closes episodes quiet since {@code quietSeconds} before {@code nowSecond}. */
  void closeQuiet(long nowSecond) {
    if (oldestFinding >= nowSecond - quietSeconds) return; // none can be quiet that long yet
    long oldest = Long.MAX_VALUE;
    for (Iterator<Episode> it = open.values().iterator(); it.hasNext(); ) {
      Episode ep = it.next();
      if (ep.lastFindingSecond < nowSecond - quietSeconds) {
        ep.open = false;
        it.remove();
        if (ep.alert.kind() == AlertKind.SERVICE_DEGRADED) quietResolution(ep);
      } else oldest = Math.min(oldest, ep.lastFindingSecond);
    }
    oldestFinding = oldest;
  }

  /**
   * A SERVICE_DEGRADED episode closed by silence (no traffic showed the recovery): its last
   * revision says how long it was seen degraded, and the listener hears of it like of a recovery.
   */
  private void quietResolution(Episode ep) {
    Alert a = ep.alert();
    long seconds = Math.max(1, java.time.Duration.between(a.firstSeen(), a.lastSeen()).toSeconds());
    // in this order on every run (Map.of's iteration order changes from one JVM to the next)
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("degradedSeconds", seconds);
    extra.put("closedQuiet", true);
    ep.set(lastRevision(a, extra));
    listener.onResolved(ep.alert);
  }

  /** Every episode kept, latest revision, in the order they were raised. */
  List<Alert> alerts() {
    List<Alert> out = new ArrayList<>(all.size());
    for (Episode ep : all.values()) out.add(ep.alert());
    return out;
  }

  /** Open episodes only. */
  List<Alert> openAlerts() {
    List<Alert> out = new ArrayList<>();
    for (Episode ep : all.values()) if (ep.open) out.add(ep.alert());
    return out;
  }

  /**
   * The key of an episode: {@code KIND:source:-} for an alert naming a source, {@code
   * KIND:-:machine} otherwise (the alert id adds {@code :n}).
   */
  static String key(AlertKind kind, String source, String machine) {
    return kind + ":" + (source == null ? "-" : source) + ":" + (source == null ? machine : "-");
  }

  boolean isOpen(String kindSourceMachineKey) {
    return open.containsKey(kindSourceMachineKey);
  }

  private void trim() {
    if (all.size() <= maxEpisodes) return;
    for (Iterator<Episode> it = all.values().iterator();
        it.hasNext() && all.size() > maxEpisodes; ) {
      if (!it.next().open) it.remove();
    }
    // still too many: every kept episode is open; close and drop the oldest ones
    for (Iterator<Episode> it = all.values().iterator();
        it.hasNext() && all.size() > maxEpisodes; ) {
      Episode ep = it.next();
      ep.open = false;
      String id = ep.alert.id();
      open.remove(id.substring(0, id.lastIndexOf(':')), ep);
      it.remove();
    }
  }

  /** Keys whose episode numbers are remembered (bounded by {@code 4 * maxEpisodes}). */
  int rememberedKeys() {
    return sequence.size();
  }

  /** Episodes kept (bounded by {@code maxEpisodes}). */
  int kept() {
    return all.size();
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
