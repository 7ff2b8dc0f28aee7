package dev.vigie.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.catalog.Catalog;
import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.incident.IncidentCatalog;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.IncidentService.AlertDecision;
import dev.vigie.incident.Wording;
import dev.vigie.incident.number.IgNumbering;
import dev.vigie.incident.number.InMemorySequenceSource;
import dev.vigie.incident.store.InMemoryIncidentStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Automatic incidents for SERVICE_DEGRADED only on machines carrying a critical service of the
 * catalogue (issue 12): the seed's platform, and a machine serving only a non-critical service.
 */
class CatalogIncidentsCriticalTest {
  private static final String YAML =
      """
      providers:
        - {id: vinfra, kind: hosting}
      machines:
        - {id: pbx-acme, addresses: [10.0.1.15], role: pbx, hosting: vinfra}
        - {id: sbc-1, addresses: [10.0.0.1], role: sbc, hosting: vinfra}
        - {id: sbc-2, addresses: [10.0.0.2], role: sbc, hosting: vinfra}
        - {id: mail-relay, addresses: [10.0.3.1], role: other, hosting: vinfra}
        - {id: lab-box, addresses: [10.0.4.1], role: other}
      services:
        - id: sip-edge
          critical: true
          dependsOn: [{anyOf: [sbc-1, sbc-2]}]
        - {id: voip-acme, critical: true, dependsOn: [pbx-acme, sip-edge]}
        - {id: email, dependsOn: [mail-relay]}
      """;

  private static Alert degraded(String machine) {
    Instant t = Instant.parse("2024-09-23T05:40:00Z");
    return new Alert(
        "SERVICE_DEGRADED:-:" + machine + ":1",
        1,
        AlertKind.SERVICE_DEGRADED,
        Severity.CRITICAL,
        null,
        machine,
        t,
        t,
        t,
        "summary",
        Map.of("signal", "NO_RESPONSE", "requestsUnanswered", 12L, "requestsJudged", 12L));
  }

  @Test
  void criticalServicesAreFollowedThroughTheirDependenciesRedundantMembersIncluded()
      throws Exception {
    IncidentCatalog c = CatalogIncidents.of(Catalog.parse(YAML));
    assertThat(c.carriesCriticalService("pbx-acme")).as("voip-acme needs it").isTrue();
    assertThat(c.carriesCriticalService("sbc-2")).as("one of sip-edge's redundant pair").isTrue();
    assertThat(c.carriesCriticalService("mail-relay")).as("email is not critical").isFalse();
    assertThat(c.carriesCriticalService("lab-box")).as("serves nothing").isFalse();
    assertThat(c.carriesCriticalService("unknown")).isFalse();
    assertThat(IncidentCatalog.NONE.carriesCriticalService("pbx-acme")).isFalse();

    IncidentCatalog seed =
        CatalogIncidents.of(Catalog.load(Path.of("../examples/seed-platform-fixed.yaml")));
    assertThat(seed.carriesCriticalService("pbx-acme")).isTrue();
    assertThat(seed.carriesCriticalService("proxy-boulangerie")).isTrue();
  }

  @Test
  void onlyAMachineCarryingACriticalServiceOpensAnIncident() throws Exception {
    InstantSource clock = InstantSource.fixed(Instant.parse("2024-09-23T05:41:00Z"));
    var service =
        new IncidentService(
            new InMemoryIncidentStore(clock),
            IgNumbering.paris(new InMemorySequenceSource()),
            clock,
            Wording.FRENCH,
            CatalogIncidents.of(Catalog.parse(YAML)));
    assertThat(service.onAlert(degraded("pbx-acme")).decision()).isEqualTo(AlertDecision.OPENED);
    assertThat(service.onAlert(degraded("sbc-1")).decision()).isEqualTo(AlertDecision.OPENED);
    assertThat(service.onAlert(degraded("mail-relay")).decision())
        .isEqualTo(AlertDecision.ALERT_ONLY);
    assertThat(service.onAlert(degraded("lab-box")).decision()).isEqualTo(AlertDecision.ALERT_ONLY);
    assertThat(service.store().findOpenByKey("machine:mail-relay")).isEmpty();
  }
}
