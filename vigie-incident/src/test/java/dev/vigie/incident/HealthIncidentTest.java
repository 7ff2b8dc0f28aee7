package dev.vigie.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.incident.IncidentService.AlertDecision;
import dev.vigie.incident.number.IgNumbering;
import dev.vigie.incident.number.InMemorySequenceSource;
import dev.vigie.incident.store.InMemoryIncidentStore;
import dev.vigie.incident.timeline.TimelineSource;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An automatic incident for a SERVICE_DEGRADED alert (issue 12): affected clients from the
 * catalogue, its first row written by Vigie from the alert's evidence, a recovery row when the
 * episode resolves.
 */
class HealthIncidentTest {
  private static Instant paris(String local) {
    return LocalDateTime.parse(local).atZone(ZoneId.of("Europe/Paris")).toInstant();
  }

  private final TestClock clock = new TestClock(paris("2024-09-23T07:40:00"));
  private final IncidentService service =
      new IncidentService(
          new InMemoryIncidentStore(clock),
          IgNumbering.paris(new InMemorySequenceSource()),
          clock,
          Wording.FRENCH,
          new IncidentCatalog() {
            @Override
            public Optional<AffectedClient> client(String nameOrId) {
              return Optional.empty();
            }

            @Override
            public List<AffectedClient> clientsOf(String machineId) {
              return machineId.equals("trunk-carrier")
                  ? List.of(
                      new AffectedClient("ACME SA", "acme"), new AffectedClient("Globex", "globex"))
                  : List.of();
            }

            @Override
            public Optional<String> groupOf(String machineId) {
              return Optional.empty();
            }

            @Override
            public boolean carriesCriticalService(String machineId) {
              return machineId.equals("trunk-carrier");
            }
          });

  private static Alert degraded(int revision, Map<String, Object> extra) {
    return degraded("trunk-carrier", revision, extra);
  }

  private static Alert degraded(String machine, int revision, Map<String, Object> extra) {
    Instant t = paris("2024-09-23T07:40:00");
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("signal", "CALLS_FAILING");
    ev.put("calls", 23L);
    ev.put("callsEffective", 0L);
    ev.put("usualNerPercent", 96L);
    ev.putAll(extra);
    return new Alert(
        "SERVICE_DEGRADED:-:" + machine + ":1",
        revision,
        AlertKind.SERVICE_DEGRADED,
        Severity.CRITICAL,
        null,
        machine,
        t.minusSeconds(20),
        t,
        t,
        "summary",
        ev);
  }

  @Test
  void aMachineCarryingNoCriticalServiceGetsAnAlertOnlyUnlessItsIncidentIsOpen() {
    var intake = service.onAlert(degraded("pbx-lab", 1, Map.of()));
    assertThat(intake.decision()).isEqualTo(AlertDecision.ALERT_ONLY);
    assertThat(intake.incident()).isNull();
    assertThat(service.store().findOpenByKey("machine:pbx-lab")).isEmpty();

    // an incident of that machine is open (traffic, an operator): the alert joins it
    var traffic =
        new Alert(
            "MACHINE_TRAFFIC:-:pbx-lab:1",
            1,
            AlertKind.MACHINE_TRAFFIC,
            Severity.WARNING,
            null,
            "pbx-lab",
            paris("2024-09-23T07:39:00"),
            paris("2024-09-23T07:39:30"),
            paris("2024-09-23T07:39:30"),
            "trafic",
            Map.of());
    assertThat(service.onAlert(traffic).decision()).isEqualTo(AlertDecision.OPENED);
    var joined = service.onAlert(degraded("pbx-lab", 1, Map.of()));
    assertThat(joined.decision()).isEqualTo(AlertDecision.ATTACHED);
  }

  @Test
  void opensWithTheAffectedClientsAndVigiesFirstRowThenRecordsTheRecovery() {
    var intake = service.onAlert(degraded(1, Map.of()));
    assertThat(intake.decision()).isEqualTo(AlertDecision.OPENED);
    var incident = intake.incident();
    assertThat(incident.title()).isEqualTo("Service dégradé : trunk-carrier");
    assertThat(incident.severity()).isEqualTo(IncidentSeverity.MAJOR);
    assertThat(incident.affectedClients())
        .extracting(AffectedClient::catalogId)
        .containsExactly("acme", "globex");
    assertThat(intake.entry().source()).isEqualTo(TimelineSource.ALERT);
    assertThat(intake.entry().at()).isEqualTo(paris("2024-09-23T07:40:00"));
    assertThat(intake.entry().description())
        .isEqualTo(
            "appels via trunk-carrier en échec : 0 aboutis sur 23 en 60 s, habituellement 96 %");

    var recovered =
        degraded(3, Map.of("recoveredAt", "2024-09-23T05:41:00Z", "degradedSeconds", 40L));
    var row = service.onResolved(recovered);
    assertThat(row).isPresent();
    assertThat(row.get().description())
        .isEqualTo("Service de trunk-carrier rétabli : dégradé pendant 40 s");
    assertThat(row.get().at()).isEqualTo(Instant.parse("2024-09-23T05:41:00Z"));
    assertThat(service.onResolved(recovered)).as("recorded once").isEmpty();
  }
}
