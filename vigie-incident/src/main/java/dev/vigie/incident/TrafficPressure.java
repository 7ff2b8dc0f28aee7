package dev.vigie.incident;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.incident.store.IncidentStore;
import dev.vigie.incident.timeline.EntryEdit;
import dev.vigie.incident.timeline.NewEntry;
import dev.vigie.incident.timeline.TimelineEntry;
import dev.vigie.incident.timeline.TimelineSource;
import java.time.InstantSource;
import java.util.List;

/**
 * The seed's causal chain, seen before the block: a machine whose own SIP traffic leaves its
 * baseline (MACHINE_TRAFFIC) while its platform metrics approach the blocking thresholds
 * (PLATFORM_PRESSURE). Both alerts share the machine's correlation key, so they meet in one
 * incident whichever comes first; when the second arrives, the incident's first row (the first
 * alert's, as long as nobody edited it) is rewritten, as an edit by {@code vigie} that keeps the
 * original in its history, to begin with "the VoIP traffic of pbx-acme is driving it toward the
 * platform's write-blocking threshold", followed by the original text. When the first row is
 * something else (an operator's incident, another kind, an edited row), the sentence is appended as
 * its own row instead. Done once per incident, and only in an incident keyed by the machine itself
 * ({@code machine:M}): in a group's incident the other kind may be another machine's.
 */
final class TrafficPressure {
  /** The editor of the rewritten first row, and the ref of an appended causal row. */
  static final String EDITOR = "vigie";

  static final String REF = "cause:traffic-pressure";

  private final IncidentStore store;
  private final Wording wording;
  private final InstantSource clock;

  TrafficPressure(IncidentStore store, Wording wording, InstantSource clock) {
    this.store = store;
    this.wording = wording;
    this.clock = clock;
  }

  /** Whether {@code a} is one of the two kinds of the chain, about a machine. */
  static boolean concerns(Alert a) {
    return a.machine() != null
        && (a.kind() == AlertKind.MACHINE_TRAFFIC || a.kind() == AlertKind.PLATFORM_PRESSURE);
  }

  /** {@code alert} joined or opened {@code incident}: states the chain when both kinds are in. */
  void correlate(Incident incident, Alert alert) {
    // only in the machine's own incident: in a group's, the other kind may be another machine's
    if (!("machine:" + alert.machine()).equals(incident.correlationKey())) return;
    AlertKind other =
        alert.kind() == AlertKind.MACHINE_TRAFFIC
            ? AlertKind.PLATFORM_PRESSURE
            : AlertKind.MACHINE_TRAFFIC;
    List<TimelineEntry> rows = store.timeline(incident.id());
    boolean otherIn = false;
    TimelineEntry first = null;
    for (TimelineEntry e : rows) {
      if (REF.equals(e.ref())) return; // stated already
      for (var h : e.history()) if (EDITOR.equals(h.editedBy()) && isAlertRow(e)) return;
      if (e.isLifecycle()) continue;
      if (first == null) first = e;
      if (isAlertRow(e) && e.author() != null && e.author().startsWith(other.name() + ":")) {
        otherIn = true;
      }
    }
    if (!otherIn) return;
    Alert pressure = alert.kind() == AlertKind.PLATFORM_PRESSURE ? alert : null;
    String cause = wording.trafficPressure(alert.machine(), pressure);
    if (first != null && first.revision() == 1 && isPairRow(first)) {
      store.editEntry(
          incident.id(),
          first.id(),
          new EntryEdit(first.revision(), null, cause + " — " + first.description(), null, EDITOR),
          clock.instant());
    } else {
      var at = alert.detectedAt() != null ? alert.detectedAt() : clock.instant();
      store.appendIfChanged(
          incident.id(), new NewEntry(at, cause, TimelineSource.SYSTEM, EDITOR, REF, "STATED"));
    }
  }

  private static boolean isAlertRow(TimelineEntry e) {
    return e.source() == TimelineSource.ALERT && e.ref() != null && e.ref().startsWith("alert:");
  }

  private static boolean isPairRow(TimelineEntry e) {
    if (!isAlertRow(e) || e.author() == null) return false;
    return e.author().startsWith(AlertKind.MACHINE_TRAFFIC.name() + ":")
        || e.author().startsWith(AlertKind.PLATFORM_PRESSURE.name() + ":");
  }
}
