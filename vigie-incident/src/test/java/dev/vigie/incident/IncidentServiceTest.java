package dev.vigie.incident;

import static dev.vigie.incident.TestClock.paris;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.incident.IncidentService.AlertDecision;
import dev.vigie.incident.number.IgNumbering;
import dev.vigie.incident.number.InMemorySequenceSource;
import dev.vigie.incident.review.ActionStatus;
import dev.vigie.incident.review.CorrectiveAction;
import dev.vigie.incident.review.Review;
import dev.vigie.incident.store.InMemoryIncidentStore;
import dev.vigie.incident.store.IncidentQuery;
import dev.vigie.incident.timeline.EntryEdit;
import dev.vigie.incident.timeline.TimelineEntry;
import dev.vigie.incident.timeline.TimelineEvent;
import dev.vigie.incident.timeline.TimelineSource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentServiceTest {
  private final TestClock clock = new TestClock(paris("2024-09-23T07:40:00"));
  private final IncidentService service = SeedIncident.service(clock);

  private static Alert alert(String id, int rev, String machine, Severity sev, Instant at) {
    return new Alert(
        id,
        rev,
        AlertKind.MACHINE_TRAFFIC,
        sev,
        null,
        machine,
        at,
        at,
        at,
        "INVITE rate 240/s towards premium numbers",
        Map.of("rate", 240));
  }

  private Incident openMajor() {
    var req =
        NewIncident.of(
            "Panne", paris("2024-09-23T07:40:00"), null, null, null, IncidentSeverity.MAJOR);
    return service.open(req, "noc");
  }

  @Test
  void alertOpensThenAttachesForTheSameMachine() {
    var t0 = paris("2024-09-23T07:40:00");
    var first = service.onAlert(alert("a1", 1, "pbx-acme", Severity.WARNING, t0));
    assertThat(first.decision()).isEqualTo(AlertDecision.OPENED);
    var incident = first.incident();
    assertThat(incident.number()).isEqualTo("IG-2024-09-23-001");
    assertThat(incident.status()).isEqualTo(IncidentStatus.TRIAGE);
    assertThat(incident.correlationKey()).isEqualTo("machine:pbx-acme");
    assertThat(incident.startedAt()).isEqualTo(t0);
    assertThat(incident.detectedAt()).isEqualTo(t0);
    assertThat(first.entry().source()).isEqualTo(TimelineSource.ALERT);
    assertThat(first.entry().description())
        .isEqualTo(
            "Alerte trafic anormal d’une machine, avertissement sur pbx-acme : INVITE rate 240/s towards premium numbers");

    var again = service.onAlert(alert("a1", 2, "pbx-acme", Severity.WARNING, t0.plusSeconds(30)));
    assertThat(again.decision()).isEqualTo(AlertDecision.UNCHANGED);
    var escalated =
        service.onAlert(alert("a1", 3, "pbx-acme", Severity.CRITICAL, t0.plusSeconds(60)));
    assertThat(escalated.decision()).isEqualTo(AlertDecision.UPDATED);
    assertThat(escalated.entry().description())
        .startsWith("Alerte trafic anormal d’une machine sur pbx-acme passée au niveau critique");
    var other = service.onAlert(alert("a2", 1, "pbx-acme", Severity.CRITICAL, t0.plusSeconds(90)));
    assertThat(other.decision()).isEqualTo(AlertDecision.ATTACHED);
    assertThat(other.incident().id()).isEqualTo(incident.id());
    var elsewhere =
        service.onAlert(alert("a3", 1, "pbx-beta", Severity.WARNING, t0.plusSeconds(90)));
    assertThat(elsewhere.decision()).isEqualTo(AlertDecision.OPENED);
    assertThat(elsewhere.incident().number()).isEqualTo("IG-2024-09-23-002");

    var rows =
        service.store().timeline(incident.id()).stream().filter(e -> !e.isLifecycle()).toList();
    assertThat(rows).extracting(TimelineEntry::author).containsExactly("a1", "a1", "a2");
  }

  @Test
  void alertsOfOneGroupShareAnIncidentAndBringTheirClients() {
    var catalog =
        new IncidentCatalog() {
          @Override
          public Optional<AffectedClient> client(String nameOrId) {
            return nameOrId.equals("acme")
                ? Optional.of(new AffectedClient("ACME SA", "acme"))
                : Optional.empty();
          }

          @Override
          public List<AffectedClient> clientsOf(String machineId) {
            return List.of(new AffectedClient("Client of " + machineId, machineId + "-client"));
          }

          @Override
          public Optional<String> groupOf(String machineId) {
            return Optional.of("voip-cluster-1");
          }
        };
    var svc =
        new IncidentService(
            new InMemoryIncidentStore(clock),
            IgNumbering.paris(new InMemorySequenceSource()),
            clock,
            Wording.FRENCH,
            catalog);
    var t0 = paris("2024-09-23T07:40:00");
    var a = svc.onAlert(alert("x", 1, "pbx-1", Severity.CRITICAL, t0));
    var b = svc.onAlert(alert("y", 1, "pbx-2", Severity.CRITICAL, t0));
    assertThat(a.incident().correlationKey()).isEqualTo("group:voip-cluster-1");
    assertThat(b.decision()).isEqualTo(AlertDecision.ATTACHED);
    assertThat(a.incident().affectedClients())
        .containsExactly(new AffectedClient("Client of pbx-1", "pbx-1-client"));
    assertThat(a.incident().severity()).isEqualTo(IncidentSeverity.MAJOR);

    var byHand =
        svc.open(
            new NewIncident(
                "t",
                t0,
                null,
                null,
                null,
                IncidentSeverity.MINOR,
                null,
                null,
                List.of("acme", "Boulangerie Martin"),
                null),
            "noc");
    assertThat(byHand.affectedClients())
        .containsExactly(
            new AffectedClient("ACME SA", "acme"), AffectedClient.entered("Boulangerie Martin"));
    assertThat(byHand.affectedClients().get(1).fromCatalog()).isFalse();
  }

  @Test
  void aClosedIncidentIsNotReopenedByANewAlert() {
    var t0 = paris("2024-09-23T07:40:00");
    var first = service.onAlert(alert("a1", 1, "pbx-acme", Severity.CRITICAL, t0)).incident();
    service.transition(first.id(), IncidentStatus.RESOLVED, null, t0.plusSeconds(600), "noc", null);
    var next = service.onAlert(alert("a9", 1, "pbx-acme", Severity.CRITICAL, t0.plusSeconds(900)));
    assertThat(next.decision()).isEqualTo(AlertDecision.OPENED);
    assertThat(next.incident().id()).isNotEqualTo(first.id());
  }

  @Test
  void transitionsWriteALifecycleEntryAndBumpTheVersion() {
    var i =
        service.open(
            NewIncident.of(
                "Panne",
                paris("2024-09-23T07:40:00"),
                List.of("Téléphonie IP 3CX"),
                null,
                null,
                IncidentSeverity.CRITICAL),
            "noc");
    assertThat(i.version()).isEqualTo(1);
    clock.set(paris("2024-09-23T08:45:00"));
    var m =
        service.transition(i.id(), IncidentStatus.MITIGATED, 1L, null, "alice", "machine isolée");
    assertThat(m.version()).isEqualTo(2);
    assertThat(m.mitigatedAt()).isEqualTo(paris("2024-09-23T08:45:00"));
    var lifecycle =
        service.store().timeline(i.id()).stream().filter(TimelineEntry::isLifecycle).toList();
    assertThat(lifecycle)
        .extracting(TimelineEntry::description)
        .containsExactly(
            "Incident IG-2024-09-23-001 ouvert", "Statut : tri → endigué — machine isolée");
    assertThat(lifecycle.get(1).source()).isEqualTo(TimelineSource.SYSTEM);
    assertThat(lifecycle.get(1).author()).isEqualTo("alice");

    assertThatThrownBy(
            () -> service.transition(i.id(), IncidentStatus.CLOSED, null, null, "alice", null))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage(
            "incident IG-2024-09-23-001 cannot go from MITIGATED to CLOSED; from MITIGATED it may go to INVESTIGATING, RESOLVED");
    // the refused move wrote nothing
    assertThat(service.store().get(i.id()).version()).isEqualTo(2);
    assertThat(service.store().timeline(i.id())).hasSize(2);
  }

  @Test
  void aBlankCauseOrClientImpactClearsItAndAnAbsentOneKeepsIt() {
    var i = openMajor();
    var set =
        new IncidentPatch(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "Appels coupés",
            "Hyperviseur",
            null);
    var edited = service.edit(i.id(), 1, set, "alice");
    assertThat(edited.cause()).isEqualTo("Hyperviseur");
    var keep =
        new IncidentPatch(
            "Titre revu", null, null, null, null, null, null, null, null, null, null, null);
    edited = service.edit(i.id(), edited.version(), keep, "alice");
    assertThat(edited.cause()).isEqualTo("Hyperviseur");
    assertThat(edited.clientImpact()).isEqualTo("Appels coupés");
    var clear =
        new IncidentPatch(null, null, null, null, null, null, null, null, null, "  ", "", null);
    edited = service.edit(i.id(), edited.version(), clear, "alice");
    assertThat(edited.cause()).isNull();
    assertThat(edited.clientImpact()).isNull();
    assertThat(service.store().get(i.id()).cause()).isNull();
  }

  @Test
  void twoOperatorsEditingTheSameVersionConflict() {
    var i = openMajor();
    var alice =
        new IncidentPatch(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "Défaillance de l'hyperviseur",
            null);
    var bob =
        new IncidentPatch(
            null,
            IncidentSeverity.CRITICAL,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    var edited = service.edit(i.id(), 1, alice, "alice");
    assertThat(edited.version()).isEqualTo(2);
    assertThatThrownBy(() -> service.edit(i.id(), 1, bob, "bob"))
        .isInstanceOf(IncidentConflictException.class)
        .hasMessage(
            "incident IG-2024-09-23-001 was changed by someone else (you edited version 1, it is now at version 2); reload and apply your change again");
    assertThatThrownBy(
            () -> service.transition(i.id(), IncidentStatus.INVESTIGATING, 1L, null, "bob", null))
        .isInstanceOf(IncidentConflictException.class);
    var stored = service.store().get(i.id());
    assertThat(stored.cause()).isEqualTo("Défaillance de l'hyperviseur");
    assertThat(stored.severity()).isEqualTo(IncidentSeverity.MAJOR);
    assertThat(service.store().timeline(i.id()))
        .extracting(TimelineEntry::description)
        .contains("Incident modifié : cause");
  }

  @Test
  void entriesAreEditedAndHiddenWithHistory() {
    var i = openMajor();
    var e =
        service.addEntry(i.id(), paris("2024-09-23T08:00:00"), "Defaut identifié", null, "alice");
    assertThat(e.source()).isEqualTo(TimelineSource.OPERATOR);
    clock.set(paris("2024-09-23T12:00:00"));
    var fixed =
        service.editEntry(
            i.id(),
            e.id(),
            new EntryEdit(1, paris("2024-09-23T08:05:00"), "Défaut identifié", null, "bob"));
    assertThat(fixed.description()).isEqualTo("Défaut identifié");
    assertThat(fixed.at()).isEqualTo(paris("2024-09-23T08:05:00"));
    assertThat(fixed.revision()).isEqualTo(2);
    assertThat(fixed.history())
        .singleElement()
        .satisfies(h -> {
          assertThat(h.previousDescription()).isEqualTo("Defaut identifié");
          assertThat(h.previousAt()).isEqualTo(paris("2024-09-23T08:00:00"));
          assertThat(h.editedBy()).isEqualTo("bob");
          assertThat(h.editedAt()).isEqualTo(paris("2024-09-23T12:00:00"));
        });
    assertThatThrownBy(() -> service.editEntry(i.id(), e.id(), EntryEdit.hide(1, "carol")))
        .isInstanceOf(IncidentConflictException.class)
        .hasMessageContaining("timeline entry " + e.id());
    var hidden = service.editEntry(i.id(), e.id(), EntryEdit.hide(2, "carol"));
    assertThat(hidden.hidden()).isTrue();
    assertThat(hidden.history()).hasSize(2);
    assertThat(service.store().timeline(i.id())).contains(hidden);
    assertThatThrownBy(() -> new EntryEdit(1, null, null, null, "x"))
        .hasMessage("an entry edit must change at, description or hidden");
  }

  @Test
  void otherStagesEventsReachTheOpenIncidentOfTheirMachine() {
    var t0 = paris("2024-09-23T08:45:00");
    var i = service.onAlert(alert("a1", 1, "pbx-acme", Severity.CRITICAL, t0)).incident();
    var contained =
        service.record(
            new TimelineEvent.Containment(
                t0.plusSeconds(5),
                "machine:pbx-acme",
                "pbx-acme",
                "drop outbound SIP",
                "INVITE flood",
                "vigie"));
    assertThat(contained)
        .get()
        .satisfies(e -> {
          assertThat(e.source()).isEqualTo(TimelineSource.ACTION);
          assertThat(e.description())
              .isEqualTo("Isolement de pbx-acme (drop outbound SIP) : INVITE flood");
        });
    service.record(
        new TimelineEvent.ThresholdChange(
            t0.plusSeconds(60),
            "machine:pbx-acme",
            "requestsPerSecond.critical",
            "200",
            "400",
            "alice"));
    service.record(
        new TimelineEvent.ProbeResult(
            t0.plusSeconds(90), "machine:pbx-acme", "trunk-orange", "UP", "200 OK in 35 ms"));
    service.record(
        i.id(),
        new TimelineEvent.ClientNotification(
            t0.plusSeconds(120), null, 12, "Incident résolu", "noc"));
    assertThat(service.record(new TimelineEvent.Release(t0, "machine:other", "other", "bob")))
        .isEmpty();
    assertThat(service.store().timeline(i.id()).stream().filter(e -> !e.isLifecycle()))
        .extracting(TimelineEntry::source)
        .containsExactly(
            TimelineSource.ALERT,
            TimelineSource.ACTION,
            TimelineSource.ACTION,
            TimelineSource.PROBE,
            TimelineSource.NOTIFICATION);
  }

  @Test
  void reviewIsSavedWithOptimisticLocking() {
    var i = openMajor();
    var action =
        new CorrectiveAction(
            "Numéro de secours",
            "Équipe voix",
            LocalDate.of(2024, 10, 31),
            ActionStatus.parse("status", "in-progress"));
    var saved =
        service.saveReview(
            i.id(), Review.of(List.of("Trop dépendant d'un fournisseur"), List.of(action)), 0);
    assertThat(saved.version()).isEqualTo(1);
    assertThat(saved.actions().get(0).status()).isEqualTo(ActionStatus.IN_PROGRESS);
    assertThatThrownBy(() -> service.saveReview(i.id(), Review.of(List.of("autre"), List.of()), 0))
        .isInstanceOf(IncidentConflictException.class)
        .hasMessageContaining("review of incident IG-2024-09-23-001");
    assertThat(service.store().review(i.id())).contains(saved);
    assertThatThrownBy(() -> ActionStatus.parse("actions[0].status", "finished"))
        .hasMessage("actions[0].status 'finished' is not one of OPEN|IN_PROGRESS|DONE|WONT_DO");
  }

  @Test
  void badInputNamesTheField() {
    assertThatThrownBy(
            () -> NewIncident.of(" ", Instant.EPOCH, null, null, null, IncidentSeverity.LOW))
        .isInstanceOf(InvalidIncidentException.class)
        .hasMessage("title is missing or blank");
    assertThatThrownBy(() -> NewIncident.of("t", null, null, null, null, IncidentSeverity.LOW))
        .hasMessage("startedAt is missing");
    assertThatThrownBy(() ->
            NewIncident.of("t", Instant.EPOCH, List.of("ok", ""), null, null, IncidentSeverity.LOW))
        .hasMessage("services[1] is missing or blank");
    assertThatThrownBy(() -> IncidentSeverity.parse("severity", "sev1"))
        .hasMessage("severity 'sev1' is not one of CRITICAL|MAJOR|MINOR|LOW");
    assertThatThrownBy(() -> service.addEntry(42, null, "x", null, "noc"))
        .isInstanceOf(IncidentNotFoundException.class)
        .hasMessage("incident 42 not found");
    assertThatThrownBy(() -> TimelineSource.parse("source", "pager"))
        .hasMessageStartingWith("source 'pager' is not one of ALERT|");
    var i =
        service.open(
            NewIncident.of(
                "t", paris("2024-09-23T07:40:00"), null, null, null, IncidentSeverity.LOW),
            "noc");
    var patch =
        new IncidentPatch(
            null,
            null,
            null,
            null,
            paris("2024-09-23T07:00:00"),
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThatThrownBy(() -> service.edit(i.id(), 1, patch, "noc"))
        .hasMessageStartingWith("endedAt 2024-09-23T05:00:00Z is before startedAt");
  }

  @Test
  void searchFiltersByStatusTextAndTime() {
    var a =
        service.open(
            NewIncident.of(
                "Panne 3CX",
                paris("2024-09-23T07:40:00"),
                List.of("Téléphonie IP 3CX"),
                null,
                null,
                IncidentSeverity.MAJOR),
            "noc");
    service.open(
        NewIncident.of(
            "Trunk down",
            paris("2024-09-24T07:40:00"),
            List.of("SIP trunk"),
            null,
            null,
            IncidentSeverity.MINOR),
        "noc");
    service.transition(a.id(), IncidentStatus.CANCELLED, null, null, "noc", null);
    var store = service.store();
    assertThat(store.search(IncidentQuery.all()))
        .extracting(Incident::number)
        .containsExactly("IG-2024-09-24-001", "IG-2024-09-23-001");
    assertThat(
            store.search(
                new IncidentQuery(
                    java.util.Set.of(IncidentStatus.CANCELLED), null, null, null, 10)))
        .extracting(Incident::id)
        .containsExactly(a.id());
    assertThat(store.search(new IncidentQuery(null, "3cx", null, null, 10)))
        .extracting(Incident::id)
        .containsExactly(a.id());
    assertThat(store.search(new IncidentQuery(null, null, paris("2024-09-24T00:00:00"), null, 10)))
        .hasSize(1);
    assertThat(store.findByNumber("IG-2024-09-23-001")).isPresent();
    assertThatThrownBy(() -> new IncidentQuery(null, null, null, null, 0))
        .hasMessage("limit 0 is not within 1..1000");
  }

  @Test
  void concurrentAlertsForOneMachineOpenOneIncident() throws Exception {
    var t0 = paris("2024-09-23T07:40:00");
    int threads = 8;
    var intakes =
        Concurrently.run(
            threads,
            n ->
                service.onAlert(
                    alert("c" + n, 1, "pbx-acme", Severity.CRITICAL, t0.plusSeconds(n))));
    var ids = intakes.stream().map(i -> i.incident().id()).distinct().toList();
    assertThat(ids).hasSize(1);
    assertThat(service.store().timeline(ids.get(0)).stream().filter(e -> !e.isLifecycle()))
        .hasSize(threads);
  }

  @Test
  void oneAlertNotifiedConcurrentlyWritesOneEntry() throws Exception {
    var t0 = paris("2024-09-23T07:40:00");
    var id = service.onAlert(alert("a1", 1, "pbx-acme", Severity.WARNING, t0)).incident().id();
    var decisions =
        Concurrently.run(
            8,
            n -> service.onAlert(alert("a1", 2 + n, "pbx-acme", Severity.CRITICAL, t0)).decision());
    assertThat(decisions).containsOnlyOnce(AlertDecision.UPDATED);
    assertThat(decisions).filteredOn(d -> d == AlertDecision.UNCHANGED).hasSize(7);
    assertThat(service.store().timeline(id).stream().filter(e -> !e.isLifecycle())).hasSize(2);
  }

  @Test
  void concurrentOpeningsGetDistinctNumbers() throws Exception {
    int threads = 8;
    int each = 50;
    var request =
        NewIncident.of("t", paris("2024-09-23T23:59:00"), null, null, null, IncidentSeverity.LOW);
    var numbers =
        Concurrently.run(
            threads,
            n -> {
              var got = new java.util.ArrayList<String>();
              for (int k = 0; k < each; k++) {
                got.add(service.open(request, "noc").number());
              }
              return got;
            });
    var all = new java.util.HashSet<String>();
    numbers.forEach(all::addAll);
    assertThat(all).hasSize(threads * each).contains("IG-2024-09-23-001", "IG-2024-09-23-400");
  }
}
