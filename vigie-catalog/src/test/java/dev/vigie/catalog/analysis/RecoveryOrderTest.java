package dev.vigie.catalog.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.Machine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recovery order: what others depend on comes first, through services and redundancy too. */
class RecoveryOrderTest {
  // storage <- sbc <- proxy <- {pbx-acme, pbx-office}; pbx-office also needs a database machine;
  // the voip service needs the proxy and one of the two PBXs (anyOf); pbx-3 stands alone
  static final String YAML =
      """
      providers:
        - {id: cloud-a, kind: hosting}
      machines:
        - {id: pbx-acme, addresses: [10.0.0.20], client: acme, role: pbx, hosting: cloud-a, dependsOn: [proxy]}
        - {id: pbx-office, addresses: [10.0.0.22], client: office, role: pbx, dependsOn: [proxy, db]}
        - {id: proxy, addresses: [10.0.0.1], role: proxy, dependsOn: [sbc]}
        - {id: db, addresses: [10.0.0.30], role: other}
        - {id: sbc, addresses: [10.0.0.2], role: sbc, dependsOn: [storage]}
        - {id: storage, addresses: [10.0.0.3], role: other, hosting: cloud-a}
        - {id: pbx-3, addresses: [10.0.0.40], client: other, role: pbx}
      services:
        - {id: voip, name: Téléphonie, critical: true, dependsOn: [proxy, {anyOf: [pbx-acme, pbx-office]}]}
      clients:
        - {id: acme, name: ACME, services: [voip]}
        - {id: office, name: Office, services: [voip]}
        - {id: other, name: Other, services: []}
      """;

  @Test
  void dependenciesComeFirstAndTheMostNeededLeadsTies() throws Exception {
    Catalog c = Catalog.parse(YAML);
    var steps =
        RecoveryOrder.of(
            c, List.of("pbx-office", "pbx-acme", "proxy", "db", "sbc", "storage", "pbx-3"));
    List<String> order = steps.stream().map(s -> s.machine().id()).toList();
    // storage before sbc before proxy before both PBXs; db before pbx-office
    assertThat(order.indexOf("storage")).isLessThan(order.indexOf("sbc"));
    assertThat(order.indexOf("sbc")).isLessThan(order.indexOf("proxy"));
    assertThat(order.indexOf("proxy")).isLessThan(order.indexOf("pbx-acme"));
    assertThat(order.indexOf("proxy")).isLessThan(order.indexOf("pbx-office"));
    assertThat(order.indexOf("db")).isLessThan(order.indexOf("pbx-office"));
    // storage is needed by four machines: first; the lone pbx-3 and the leaves come last
    assertThat(order.getFirst()).isEqualTo("storage");
    assertThat(steps.getFirst().dependents()).isEqualTo(4);
    var office = steps.stream().filter(s -> s.machine().id().equals("pbx-office")).findFirst();
    assertThat(office.orElseThrow().waitsFor())
        .containsExactlyInAnyOrder("storage", "sbc", "proxy", "db");
  }

  @Test
  void onlyTheChosenMachinesAreOrderedAndUnknownOnesRefused() throws Exception {
    Catalog c = Catalog.parse(YAML);
    assertThat(RecoveryOrder.of(c, List.of("pbx-acme", "storage")))
        .extracting(s -> s.machine().id())
        .containsExactly("storage", "pbx-acme");
    assertThatThrownBy(() -> RecoveryOrder.of(c, List.of("pbx-acme", "nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nope'");
  }

  @Test
  void anIncidentTouchesTheMachinesItsServicesAndClientsNeed() throws Exception {
    Catalog c = Catalog.parse(YAML);
    // the service by its name as operators write it: everything voip needs, at any depth
    List<String> ids =
        RecoveryOrder.affected(c, List.of("téléphonie"), List.of(), List.of()).stream()
            .map(Machine::id)
            .toList();
    assertThat(ids).containsExactly("pbx-acme", "pbx-office", "proxy", "db", "sbc", "storage");
    // a client's own machines and a machine named by the alert
    assertThat(RecoveryOrder.affected(c, List.of(), List.of("Other"), List.of("db")))
        .extracting(Machine::id)
        .containsExactly("db", "pbx-3");
  }
}
