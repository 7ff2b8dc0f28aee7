package dev.vigie.incident.alertmanager;

import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.IncidentSeverity;
import dev.vigie.incident.InvalidIncidentException;
import dev.vigie.incident.NewIncident;
import dev.vigie.incident.Priority;
import dev.vigie.incident.timeline.NewEntry;
import dev.vigie.incident.timeline.TimelineSource;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Maps Alertmanager webhooks (v4) onto incidents. The rules:
 *
 * <ul>
 *   <li>One incident per {@code groupKey} (correlation key {@code am:GROUPKEY}) while it is open.
 *   <li>A firing alert opens that incident when none is open, else attaches to it; each alert is
 *       known by its fingerprint and writes one timeline entry when first seen and one per status
 *       change (firing → resolved → firing); a repeated notification writes nothing.
 *   <li>A resolved alert is marked resolved (entry at its {@code endsAt}); when the whole group is
 *       resolved, a SYSTEM entry suggests moving to MITIGATED (once per incident). Nothing is ever
 *       closed or moved by Alertmanager: an operator decides.
 *   <li>A resolved notification for a group with no open incident opens nothing.
 * </ul>
 *
 * <p>Stateless: the state of each fingerprint is the latest timeline entry that refers to it, so
 * restarts and several server instances agree. Thread-safe as the service is.
 */
public final class AlertmanagerIntake {
  /** What happened to one alert of the payload. */
  public enum Decision {
    OPENED,
    ATTACHED,
    RESOLVED,
    UNCHANGED,
    IGNORED_NO_INCIDENT
  }

  /** Per alert: its id, the decision, the incident (null when ignored). */
  public record AlertOutcome(String fingerprint, Decision decision, Incident incident) {}

  /** The whole payload's result. */
  public record Result(Incident incident, List<AlertOutcome> alerts, boolean mitigationSuggested) {}

  private final IncidentService service;
  private final InstantSource clock;

  public AlertmanagerIntake(IncidentService service, InstantSource clock) {
    this.service = service;
    this.clock = clock;
  }

  /**
   * Applies one webhook payload.
   *
   * @throws InvalidIncidentException naming the bad field (version other than 4, missing groupKey,
   *     an alert without status or startsAt)
   */
  public Result accept(AlertmanagerPayload p) {
    validate(p);
    var store = service.store();
    var key = "am:" + p.groupKey();
    var incident = store.findOpenByKey(key).orElse(null);
    var outcomes = new ArrayList<AlertOutcome>();
    var ordered =
        p.alerts().stream().sorted(Comparator.comparing(AlertmanagerAlert::startsAt)).toList();
    for (var a : ordered) {
      var ref = "am:" + a.id();
      var state = a.firing() ? "firing" : "resolved";
      if (incident == null) {
        if (!a.firing()) {
          outcomes.add(new AlertOutcome(a.id(), Decision.IGNORED_NO_INCIDENT, null));
          continue;
        }
        var opened = service.openOrAttachFor(newIncident(p, key), entry(a, ref, state, false));
        incident = opened.incident();
        outcomes.add(
            new AlertOutcome(
                a.id(), opened.created() ? Decision.OPENED : Decision.ATTACHED, incident));
        continue;
      }
      var prior = store.refState(incident.id(), ref).orElse(null);
      if (state.equals(prior)) {
        outcomes.add(new AlertOutcome(a.id(), Decision.UNCHANGED, incident));
        continue;
      }
      var written = store.appendIfChanged(incident.id(), entry(a, ref, state, prior != null));
      var d =
          written.isEmpty()
              ? Decision.UNCHANGED
              : a.firing() ? Decision.ATTACHED : Decision.RESOLVED;
      outcomes.add(new AlertOutcome(a.id(), d, incident));
    }
    boolean suggested = incident != null && suggestMitigation(p, key, incident);
    return new Result(incident, List.copyOf(outcomes), suggested);
  }

  private boolean suggestMitigation(AlertmanagerPayload p, String key, Incident incident) {
    boolean allResolved = p.alerts().stream().noneMatch(AlertmanagerAlert::firing);
    if (!allResolved || !incident.status().isOpen()) {
      return false;
    }
    var store = service.store();
    var ref = "am-group:" + p.groupKey();
    var at =
        p.alerts().stream()
            .map(AlertmanagerAlert::resolvedAt)
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .orElseGet(clock::instant);
    var suggestion =
        new NewEntry(
            at,
            service.wording().mitigationSuggested(),
            TimelineSource.SYSTEM,
            "alertmanager",
            ref,
            "mitigation-suggested");
    return store.appendIfChanged(incident.id(), suggestion).isPresent();
  }

  private NewEntry entry(AlertmanagerAlert a, String ref, String state, boolean seenBefore) {
    var w = service.wording();
    String text;
    Instant at;
    if (a.firing()) {
      text = w.amFiring(a.name(), a.instance(), a.summary(), seenBefore);
      at = a.startsAt();
    } else {
      text = w.amResolved(a.name(), a.instance());
      at = a.resolvedAt() != null ? a.resolvedAt() : clock.instant();
    }
    return new NewEntry(at, text, TimelineSource.ALERT, "alertmanager", ref, state);
  }

  private static NewIncident newIncident(AlertmanagerPayload p, String key) {
    var firing = p.alerts().stream().filter(AlertmanagerAlert::firing).toList();
    var start = firing.stream().map(AlertmanagerAlert::startsAt).min(Comparator.naturalOrder());
    var labels = p.commonLabels();
    var title = p.commonAnnotations().get("summary");
    if (title == null) {
      title = labels.getOrDefault("alertname", p.groupLabels().getOrDefault("alertname", key));
    }
    var sev = labels.getOrDefault("severity", "warning").toLowerCase(java.util.Locale.ROOT);
    var severity =
        switch (sev) {
          case "critical", "page" -> IncidentSeverity.MAJOR;
          case "info", "none" -> IncidentSeverity.LOW;
          default -> IncidentSeverity.MINOR;
        };
    var service = labels.get("service");
    return new NewIncident(
        title,
        start.orElseThrow(),
        service == null ? null : List.of(service),
        null,
        null,
        severity,
        severity == IncidentSeverity.MAJOR ? Priority.P1 : Priority.P2,
        null,
        null,
        key);
  }

  private static void validate(AlertmanagerPayload p) {
    if (p == null) {
      throw new InvalidIncidentException("Alertmanager payload is empty");
    }
    if (p.version() != null && !p.version().equals("4")) {
      throw new InvalidIncidentException(
          "Alertmanager payload version '" + p.version() + "' is not supported (expected 4)");
    }
    if (p.groupKey() == null || p.groupKey().isBlank()) {
      throw new InvalidIncidentException("Alertmanager payload has no groupKey");
    }
    for (int i = 0; i < p.alerts().size(); i++) {
      var a = p.alerts().get(i);
      if (a == null) {
        throw new InvalidIncidentException("alerts[" + i + "] is null");
      }
      if (a.status() == null
          || !(a.status().equalsIgnoreCase("firing") || a.status().equalsIgnoreCase("resolved"))) {
        throw new InvalidIncidentException(
            "alerts[" + i + "].status '" + a.status() + "' is not firing or resolved");
      }
      if (a.startsAt() == null) {
        throw new InvalidIncidentException("alerts[" + i + "].startsAt is missing");
      }
    }
  }
}
