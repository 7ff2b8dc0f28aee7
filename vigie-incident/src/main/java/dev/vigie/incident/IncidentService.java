package dev.vigie.incident;

import dev.vigie.detect.Alert;
import dev.vigie.incident.number.IgNumbering;
import dev.vigie.incident.review.Review;
import dev.vigie.incident.store.IncidentStore;
import dev.vigie.incident.timeline.EntryEdit;
import dev.vigie.incident.timeline.NewEntry;
import dev.vigie.incident.timeline.TimelineEntry;
import dev.vigie.incident.timeline.TimelineEvent;
import dev.vigie.incident.timeline.TimelineSource;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The incident rules: opening (by hand or from an alert), attaching alerts to the open incident of
 * the same machine or group, lifecycle transitions, timeline entries, edits and the review.
 *
 * <p>Every method makes exactly one {@link IncidentStore} call that writes, so a change and the
 * timeline entry that records it are one unit of work (one transaction in the server); the one
 * exception is the causal row of {@link TrafficPressure}, a second write (an edit or an append)
 * after the alert's own entry, done once per incident. Thread-safe as long as the store is:
 * concurrent edits of one incident are caught by optimistic locking, and concurrent alerts of one
 * key are serialised by {@link IncidentStore#createOrAttach}.
 */
public final class IncidentService {
  private final IncidentStore store;
  private final IgNumbering numbering;
  private final InstantSource clock;
  private final Wording wording;
  private final IncidentCatalog catalog;

  public IncidentService(
      IncidentStore store,
      IgNumbering numbering,
      InstantSource clock,
      Wording wording,
      IncidentCatalog catalog) {
    this.store = store;
    this.numbering = numbering;
    this.clock = clock;
    this.wording = wording;
    this.catalog = catalog;
  }

  public IncidentStore store() {
    return store;
  }

  public Wording wording() {
    return wording;
  }

  /** Opens an incident by hand: numbered from its start, status TRIAGE. */
  public Incident open(NewIncident req, String author) {
    var incident = draft(req, catalog.resolve(req.affectedClients()));
    return store.create(incident, List.of(openedEntry(incident, author)));
  }

  /** Outcome of {@link #onAlert}. */
  public enum AlertDecision {
    /** No open incident for the alert's key: one was opened. */
    OPENED,
    /** A new alert joined the open incident of its key. */
    ATTACHED,
    /** A known alert changed severity: a timeline entry records it. */
    UPDATED,
    /** A known alert's new revision changed nothing worth a timeline entry. */
    UNCHANGED,
    /**
     * No incident: the alert opens none by itself (a SERVICE_DEGRADED alert on a machine that
     * carries no critical service of the catalogue) and none of its key is open; it stays an alert.
     */
    ALERT_ONLY
  }

  /** What {@link #onAlert} did ({@code incident} is null for {@code ALERT_ONLY}). */
  public record AlertIntake(AlertDecision decision, Incident incident, TimelineEntry entry) {}

  /**
   * Takes a Vigie alert: opens an incident for its correlation key or attaches to the open one. One
   * entry per alert id, plus one per severity change; other revisions are {@code UNCHANGED}.
   *
   * <p>A SERVICE_DEGRADED alert opens an incident only when its machine carries a critical service
   * of the catalogue ({@link IncidentCatalog#carriesCriticalService}); otherwise it joins the open
   * incident of its key if there is one and is {@code ALERT_ONLY} if not. A MACHINE_TRAFFIC and a
   * PLATFORM_PRESSURE alert of the same machine end in one incident whose first row states the
   * causal chain ({@link TrafficPressure}).
   */
  public AlertIntake onAlert(Alert alert) {
    var intake = intake(alert);
    if (intake.incident() != null
        && intake.decision() != AlertDecision.UNCHANGED
        && TrafficPressure.concerns(alert)) {
      new TrafficPressure(store, wording, clock).correlate(intake.incident(), alert);
    }
    return intake;
  }

  private AlertIntake intake(Alert alert) {
    var key = catalog.keyOf(alert);
    var ref = "alert:" + alert.id();
    var state = alert.severity().name();
    var open = store.findOpenByKey(key);
    if (open.isPresent()) {
      var prior = store.refState(open.get().id(), ref);
      if (prior.isPresent() && prior.get().equals(state)) {
        return new AlertIntake(AlertDecision.UNCHANGED, open.get(), null);
      }
      var text = prior.isPresent() ? wording.alertChanged(alert) : wording.alertRaised(alert);
      var entry = store.appendIfChanged(open.get().id(), alertEntry(alert, text, ref, state));
      if (entry.isEmpty()) { // the same notification was recorded meanwhile by another thread
        return new AlertIntake(AlertDecision.UNCHANGED, open.get(), null);
      }
      var decision = prior.isPresent() ? AlertDecision.UPDATED : AlertDecision.ATTACHED;
      return new AlertIntake(decision, open.get(), entry.get());
    }
    if (alert.kind() == dev.vigie.detect.AlertKind.SERVICE_DEGRADED
        && alert.machine() != null
        && !catalog.carriesCriticalService(alert.machine())) {
      return new AlertIntake(AlertDecision.ALERT_ONLY, null, null);
    }
    var started = alert.firstSeen() != null ? alert.firstSeen() : alert.detectedAt();
    var req =
        new NewIncident(
            wording.alertTitle(alert),
            started,
            null,
            null,
            null,
            alert.severity() == dev.vigie.detect.Severity.CRITICAL
                ? IncidentSeverity.MAJOR
                : IncidentSeverity.MINOR,
            alert.severity() == dev.vigie.detect.Severity.CRITICAL ? Priority.P1 : Priority.P2,
            alert.detectedAt(),
            null,
            key);
    var clients =
        alert.machine() == null ? List.<AffectedClient>of() : catalog.clientsOf(alert.machine());
    var opened =
        openOrAttach(req, clients, alertEntry(alert, wording.alertRaised(alert), ref, state));
    return new AlertIntake(
        opened.created() ? AlertDecision.OPENED : AlertDecision.ATTACHED,
        opened.incident(),
        opened.entry());
  }

  /**
   * Opens the incident {@code req} describes, or attaches {@code entry} to the open incident of its
   * correlation key if one appeared meanwhile. A number is taken only when none is open at the time
   * of the check (a lost race leaves a gap, never a duplicate).
   */
  public IncidentStore.Opened openOrAttachFor(NewIncident req, NewEntry entry) {
    return openOrAttach(req, catalog.resolve(req.affectedClients()), entry);
  }

  private IncidentStore.Opened openOrAttach(
      NewIncident req, List<AffectedClient> clients, NewEntry entry) {
    var open = store.findOpenByKey(req.correlationKey());
    if (open.isPresent()) {
      return new IncidentStore.Opened(open.get(), store.append(open.get().id(), entry), false);
    }
    var incident = draft(req, clients);
    return store.createOrAttach(incident, List.of(openedEntry(incident, "vigie")), entry);
  }

  /**
   * Moves an incident through its lifecycle and records the move in its timeline, in one unit of
   * work.
   *
   * @param expectedVersion the version the operator saw; null to take the current one
   * @param at when the move happened; null for now
   * @throws IllegalTransitionException if the lifecycle refuses the move
   * @throws IncidentConflictException if the incident changed since {@code expectedVersion}
   */
  public Incident transition(
      long id, IncidentStatus to, Long expectedVersion, Instant at, String author, String note) {
    Require.present("to", to);
    var current = store.get(id);
    long expected = expectedVersion == null ? current.version() : expectedVersion;
    if (expected != current.version()) {
      throw new IncidentConflictException(
          "incident " + current.number(), expected, current.version());
    }
    var when = at != null ? checkedAt(current, at) : clock.instant();
    var moved = current.moved(to, when);
    var entry =
        new NewEntry(
            when,
            wording.transition(current.status(), to, Require.optional("note", note)),
            TimelineSource.SYSTEM,
            author,
            TimelineEntry.LIFECYCLE,
            to.name());
    return store.update(moved, expected, List.of(entry));
  }

  /**
   * A backdated transition's time, checked: not before the incident's start nor before its previous
   * transition (the latest lifecycle move, hidden rows aside), so that the report's times stay in
   * order.
   *
   * @throws InvalidIncidentException naming field {@code at}, code {@code beforePrevious} (with the
   *     earliest time accepted); a time in the future is refused at the boundary ({@link
   *     #requireNotFuture})
   */
  private Instant checkedAt(Incident current, Instant at) {
    var previous = previousMove(current);
    if (at.isBefore(previous)) {
      throw new InvalidIncidentException(
          "at",
          "beforePrevious",
          "at " + at + " is before the incident's previous transition or start (" + previous + ")",
          previous);
    }
    return at;
  }

  /** The time of the incident's last lifecycle move (or its start when it has none). */
  public Instant previousMove(Incident current) {
    var previous = current.startedAt();
    for (var e : store.timeline(current.id())) {
      if (e.isLifecycle()
          && e.source() == TimelineSource.SYSTEM
          && !e.hidden()
          && isStatus(e.refState())
          && e.at().isAfter(previous)) {
        previous = e.at();
      }
    }
    return previous;
  }

  /**
   * Refuses a time people gave that lies in the future (an API body, a console form): checked at
   * the boundary, where times come from people, while stages replaying a capture may record times
   * ahead of the wall clock.
   *
   * @throws InvalidIncidentException naming the field, code {@code future}
   */
  public void requireNotFuture(String field, Instant at) {
    var now = clock.instant();
    if (at != null && at.isAfter(now)) {
      throw new InvalidIncidentException(
          field, "future", field + " " + at + " is in the future (now is " + now + ")", now);
    }
  }

  /** {@link #requireNotFuture} for every time of an edit. */
  public void requireNotFuture(IncidentPatch p) {
    requireNotFuture("startedAt", p.startedAt());
    requireNotFuture("detectedAt", p.detectedAt());
    requireNotFuture("mitigatedAt", p.mitigatedAt());
    requireNotFuture("resolvedAt", p.resolvedAt());
    requireNotFuture("endedAt", p.endedAt());
  }

  private static boolean isStatus(String s) {
    for (var st : IncidentStatus.values()) if (st.name().equals(s)) return true;
    return false;
  }

  /** Edits the report fields; a lifecycle entry names the fields that changed. */
  public Incident edit(long id, long expectedVersion, IncidentPatch patch, String author) {
    var current = store.get(id);
    var changed = current.patched(patch);
    var fields = changedFields(current, changed);
    if (fields.isEmpty()) {
      return current;
    }
    var entry =
        new NewEntry(
            clock.instant(),
            wording.edited(fields),
            TimelineSource.OPERATOR,
            author,
            TimelineEntry.LIFECYCLE,
            current.status().name());
    return store.update(changed, expectedVersion, List.of(entry));
  }

  /** Appends an entry (operator note, or any source); {@code at} null means now. */
  public TimelineEntry addEntry(
      long id, Instant at, String description, TimelineSource source, String author) {
    store.get(id);
    var src = source == null ? TimelineSource.OPERATOR : source;
    return store.append(
        id, NewEntry.of(at != null ? at : clock.instant(), description, src, author));
  }

  /** Edits or hides an entry, keeping its history. */
  public TimelineEntry editEntry(long id, long entryId, EntryEdit edit) {
    return store.editEntry(id, entryId, edit, clock.instant());
  }

  /** Records another stage's event in the open incident of its key, if there is one. */
  public Optional<TimelineEntry> record(TimelineEvent event) {
    return store
        .findOpenByKey(event.correlationKey())
        .map(i -> store.append(i.id(), eventEntry(event)));
  }

  /** Records another stage's event in a given incident. */
  public TimelineEntry record(long id, TimelineEvent event) {
    store.get(id);
    return store.append(id, eventEntry(event));
  }

  /** Saves the post-incident review (optimistic locking on the review's version). */
  public Review saveReview(long id, Review review, long expectedVersion) {
    return store.saveReview(id, review, expectedVersion);
  }

  private NewEntry eventEntry(TimelineEvent e) {
    return NewEntry.of(e.at(), wording.event(e), e.source(), e.author());
  }

  private Incident draft(NewIncident req, List<AffectedClient> clients) {
    var number = numbering.next(req.startedAt());
    return new Incident(
        0,
        number.toString(),
        req.title(),
        req.severity(),
        req.priority(),
        IncidentStatus.TRIAGE,
        req.startedAt(),
        null,
        req.detectedAt(),
        null,
        null,
        null,
        req.services(),
        req.clientImpact(),
        req.cause(),
        clients,
        req.correlationKey(),
        0);
  }

  private NewEntry openedEntry(Incident incident, String author) {
    return new NewEntry(
        incident.startedAt(),
        wording.opened(incident.number()),
        TimelineSource.SYSTEM,
        author,
        TimelineEntry.LIFECYCLE,
        IncidentStatus.TRIAGE.name());
  }

  /**
   * An alert episode that closed because its signal recovered (SERVICE_DEGRADED,
   * PLATFORM_PRESSURE): a row "Service of trunk-carrier back: degraded for 40 s" in the open
   * incident of its key, once. Empty when no incident of that key is open.
   */
  public java.util.Optional<TimelineEntry> onResolved(Alert alert) {
    var open = store.findOpenByKey(catalog.keyOf(alert));
    if (open.isEmpty()) return java.util.Optional.empty();
    var at = alert.evidence().get("recoveredAt") instanceof String r ? Instant.parse(r) : null;
    var text =
        alert.kind() == dev.vigie.detect.AlertKind.PLATFORM_PRESSURE
            ? wording.pressureRecovered(alert)
            : wording.healthRecovered(alert);
    var entry =
        new NewEntry(
            at != null ? at : alert.lastSeen(),
            text,
            TimelineSource.ALERT,
            alert.id(),
            "alert:" + alert.id() + ":resolved",
            "RESOLVED");
    return store.appendIfChanged(open.get().id(), entry);
  }

  private static NewEntry alertEntry(Alert alert, String text, String ref, String state) {
    var at = alert.detectedAt() != null ? alert.detectedAt() : alert.firstSeen();
    return new NewEntry(at, text, TimelineSource.ALERT, alert.id(), ref, state);
  }

  private static List<String> changedFields(Incident a, Incident b) {
    var out = new ArrayList<String>();
    diff(out, "title", a.title(), b.title());
    diff(out, "severity", a.severity(), b.severity());
    diff(out, "priority", a.priority(), b.priority());
    diff(out, "startedAt", a.startedAt(), b.startedAt());
    diff(out, "endedAt", a.endedAt(), b.endedAt());
    diff(out, "detectedAt", a.detectedAt(), b.detectedAt());
    diff(out, "mitigatedAt", a.mitigatedAt(), b.mitigatedAt());
    diff(out, "resolvedAt", a.resolvedAt(), b.resolvedAt());
    diff(out, "services", a.services(), b.services());
    diff(out, "clientImpact", a.clientImpact(), b.clientImpact());
    diff(out, "cause", a.cause(), b.cause());
    diff(out, "affectedClients", a.affectedClients(), b.affectedClients());
    return out;
  }

  private static void diff(List<String> out, String name, Object a, Object b) {
    if (!java.util.Objects.equals(a, b)) {
      out.add(name);
    }
  }
}
