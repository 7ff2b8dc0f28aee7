package dev.vigie.incident.alertmanager;

import static dev.vigie.incident.TestClock.paris;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.incident.IncidentService;
import dev.vigie.incident.IncidentSeverity;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.InvalidIncidentException;
import dev.vigie.incident.SeedIncident;
import dev.vigie.incident.TestClock;
import dev.vigie.incident.alertmanager.AlertmanagerIntake.Decision;
import dev.vigie.incident.timeline.TimelineEntry;
import dev.vigie.incident.timeline.TimelineSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed's 07h40 alert ("Remontée d'alerte sur certaines machines SI") arriving as webhooks. */
class AlertmanagerIntakeTest {
  private static final String GROUP = "{}/{severity=\"critical\"}:{alertname=\"HostDown\"}";
  private static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

  private final TestClock clock = new TestClock(paris("2024-09-23T07:41:00"));
  private final IncidentService service = SeedIncident.service(clock);
  private final AlertmanagerIntake intake = new AlertmanagerIntake(service, clock);

  private static AlertmanagerAlert alert(
      String fp, String status, String host, Instant start, Instant end) {
    return new AlertmanagerAlert(
        status,
        Map.of("alertname", "HostDown", "instance", host, "severity", "critical"),
        Map.of("summary", host + " ne répond plus"),
        start,
        end,
        "http://prometheus.local/graph",
        fp);
  }

  private static AlertmanagerPayload payload(String status, AlertmanagerAlert... alerts) {
    return new AlertmanagerPayload(
        "4",
        GROUP,
        0,
        status,
        "vigie",
        Map.of("alertname", "HostDown"),
        Map.of("alertname", "HostDown", "severity", "critical", "service", "Téléphonie IP 3CX"),
        Map.of("summary", "Machines SI du fournisseur injoignables"),
        "http://alertmanager.local",
        List.of(alerts));
  }

  private List<TimelineEntry> rows(long id) {
    return service.store().timeline(id).stream().filter(e -> !e.isLifecycle()).toList();
  }

  @Test
  void firingOpensUpdatesAndResolvedSuggestsMitigationWithoutClosing() {
    var t0 = paris("2024-09-23T07:40:00");
    var a = alert("fp-a", "firing", "vm-12", t0, ZERO);
    var first = intake.accept(payload("firing", a));
    var incident = first.incident();
    assertThat(first.alerts())
        .extracting(AlertmanagerIntake.AlertOutcome::decision)
        .containsExactly(Decision.OPENED);
    assertThat(incident.number()).isEqualTo("IG-2024-09-23-001");
    assertThat(incident.title()).isEqualTo("Machines SI du fournisseur injoignables");
    assertThat(incident.services()).containsExactly("Téléphonie IP 3CX");
    assertThat(incident.severity()).isEqualTo(IncidentSeverity.MAJOR);
    assertThat(incident.startedAt()).isEqualTo(t0);
    assertThat(incident.correlationKey()).isEqualTo("am:" + GROUP);

    // the same notification again (Alertmanager repeats): nothing new
    var repeat = intake.accept(payload("firing", a));
    assertThat(repeat.alerts())
        .extracting(AlertmanagerIntake.AlertOutcome::decision)
        .containsExactly(Decision.UNCHANGED);
    // a second machine joins the group
    var b = alert("fp-b", "firing", "vm-13", t0.plusSeconds(120), ZERO);
    var second = intake.accept(payload("firing", a, b));
    assertThat(second.incident().id()).isEqualTo(incident.id());
    assertThat(second.alerts())
        .extracting(AlertmanagerIntake.AlertOutcome::decision)
        .containsExactly(Decision.UNCHANGED, Decision.ATTACHED);
    // one resolves: marked, no suggestion while the other fires
    var aResolved = alert("fp-a", "resolved", "vm-12", t0, paris("2024-09-23T09:15:00"));
    var third = intake.accept(payload("firing", aResolved, b));
    assertThat(third.alerts())
        .extracting(AlertmanagerIntake.AlertOutcome::decision)
        .containsExactly(Decision.RESOLVED, Decision.UNCHANGED);
    assertThat(third.mitigationSuggested()).isFalse();
    // all resolved: suggestion once, status untouched
    var bResolved =
        alert("fp-b", "resolved", "vm-13", t0.plusSeconds(120), paris("2024-09-23T09:45:00"));
    var fourth = intake.accept(payload("resolved", aResolved, bResolved));
    assertThat(fourth.mitigationSuggested()).isTrue();
    assertThat(intake.accept(payload("resolved", aResolved, bResolved)).mitigationSuggested())
        .isFalse();
    assertThat(service.store().get(incident.id()).status()).isEqualTo(IncidentStatus.TRIAGE);

    assertThat(rows(incident.id()))
        .extracting(TimelineEntry::description)
        .containsExactly(
            "Alerte HostDown (vm-12) déclenchée : vm-12 ne répond plus",
            "Alerte HostDown (vm-13) déclenchée : vm-13 ne répond plus",
            "Alerte HostDown (vm-12) résolue",
            "Alerte HostDown (vm-13) résolue",
            "Toutes les alertes du groupe sont résolues : passage à « endigué » suggéré");
    assertThat(rows(incident.id()))
        .extracting(TimelineEntry::at)
        .containsExactly(
            t0,
            t0.plusSeconds(120),
            paris("2024-09-23T09:15:00"),
            paris("2024-09-23T09:45:00"),
            paris("2024-09-23T09:45:00"));
    assertThat(rows(incident.id()).get(4).source()).isEqualTo(TimelineSource.SYSTEM);

    // it fires again: the same incident, an entry saying so
    var again = alert("fp-a", "firing", "vm-12", paris("2024-09-23T10:00:00"), ZERO);
    var fifth = intake.accept(payload("firing", again));
    assertThat(fifth.incident().id()).isEqualTo(incident.id());
    assertThat(rows(incident.id()).getLast().description())
        .isEqualTo("Alerte HostDown (vm-12) de nouveau active : vm-12 ne répond plus");
  }

  @Test
  void resolvedWithoutAnOpenIncidentOpensNothing() {
    var t0 = paris("2024-09-23T07:40:00");
    var r =
        intake.accept(payload("resolved", alert("fp", "resolved", "vm-1", t0, t0.plusSeconds(60))));
    assertThat(r.incident()).isNull();
    assertThat(r.alerts())
        .extracting(AlertmanagerIntake.AlertOutcome::decision)
        .containsExactly(Decision.IGNORED_NO_INCIDENT);
    assertThat(service.store().search(dev.vigie.incident.store.IncidentQuery.all())).isEmpty();
  }

  @Test
  void aClosedGroupIncidentLeadsToANewOneOnTheNextFiring() {
    var t0 = paris("2024-09-23T07:40:00");
    var first =
        intake.accept(payload("firing", alert("fp", "firing", "vm-1", t0, ZERO))).incident();
    service.transition(
        first.id(), IncidentStatus.RESOLVED, null, t0.plusSeconds(3600), "noc", null);
    var next =
        intake.accept(payload("firing", alert("fp", "firing", "vm-1", t0.plusSeconds(7200), ZERO)));
    assertThat(next.incident().id()).isNotEqualTo(first.id());
    assertThat(next.incident().number()).isEqualTo("IG-2024-09-23-002");
  }

  @Test
  void missingFingerprintIsDerivedFromTheLabels() {
    var a =
        new AlertmanagerAlert(
            "firing",
            Map.of("alertname", "X", "instance", "h"),
            null,
            Instant.EPOCH,
            null,
            null,
            null);
    var b =
        new AlertmanagerAlert(
            "resolved",
            Map.of("instance", "h", "alertname", "X"),
            null,
            Instant.EPOCH,
            null,
            null,
            " ");
    assertThat(a.id()).startsWith("labels:").isEqualTo(b.id());
  }

  @Test
  void malformedPayloadsNameTheField() {
    var ok = alert("fp", "firing", "vm", Instant.EPOCH, ZERO);
    assertThatThrownBy(() ->
            intake.accept(
                new AlertmanagerPayload(
                    "3", GROUP, 0, "firing", "r", null, null, null, null, List.of(ok))))
        .isInstanceOf(InvalidIncidentException.class)
        .hasMessage("Alertmanager payload version '3' is not supported (expected 4)");
    assertThatThrownBy(() ->
            intake.accept(
                new AlertmanagerPayload(
                    "4", " ", 0, "firing", "r", null, null, null, null, List.of(ok))))
        .hasMessage("Alertmanager payload has no groupKey");
    var bad = new AlertmanagerAlert("pending", Map.of(), Map.of(), Instant.EPOCH, null, null, "x");
    assertThatThrownBy(() -> intake.accept(payload("firing", ok, bad)))
        .hasMessage("alerts[1].status 'pending' is not firing or resolved");
    var noStart = new AlertmanagerAlert("firing", Map.of(), Map.of(), null, null, null, "x");
    assertThatThrownBy(() -> intake.accept(payload("firing", noStart)))
        .hasMessage("alerts[0].startsAt is missing");
    assertThatThrownBy(() -> intake.accept(null)).hasMessage("Alertmanager payload is empty");
    assertThat(service.store().search(dev.vigie.incident.store.IncidentQuery.all())).isEmpty();
  }
}
