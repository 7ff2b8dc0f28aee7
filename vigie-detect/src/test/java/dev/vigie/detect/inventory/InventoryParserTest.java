package dev.vigie.detect.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigie.detect.threshold.Level;
import dev.vigie.detect.threshold.Threshold;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.IpAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InventoryParserTest {
  static Map<String, Object> machine(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  static final Inventory INV =
      InventoryParser.parse(
          Map.of(
              "machines",
              List.of(
                  machine(
                      "id",
                      "pbx-acme",
                      "addresses",
                      List.of("10.0.1.15", "2001:db8:1::15"),
                      "client",
                      "acme",
                      "role",
                      "pbx",
                      "thresholds",
                      Map.of("requestsPerSecond", Map.of("warning", 50, "critical", 200)),
                      "allowedPrefixes",
                      List.of("0033")),
                  machine("id", "office-net", "addresses", List.of("10.0.0.0/16"), "role", "other"),
                  machine("id", "office-lan", "addresses", List.of("10.0.2.0/24")),
                  machine("id", "v6", "addresses", List.of("2001:db8:2::/48"))),
              "protected",
              List.of("203.0.113.0/24")));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "10.0.1.15, pbx-acme",
    "10.0.2.7, office-lan", // longest prefix wins over the /16
    "10.0.9.9, office-net",
    "10.1.0.1, ''",
    "2001:db8:1::15, pbx-acme",
    "2001:db8:2:5::1, v6",
    "2001:db8:3::1, ''",
  })
  void findsTheMachineOfAnAddress(String ip, String id) {
    Machine m = INV.machineOf(IpAddress.parse(ip));
    assertThat(m == null ? "" : m.id()).isEqualTo(id);
  }

  @Test
  void keepsRolesThresholdsAndProtectedRanges() {
    Machine pbx = INV.machine("pbx-acme");
    assertThat(pbx.role()).isEqualTo(Role.PBX);
    assertThat(pbx.client()).isEqualTo("acme");
    assertThat(pbx.allowedPrefixes()).containsExactly("0033");
    assertThat(INV.isProtected(IpAddress.parse("203.0.113.9"))).isTrue();
    assertThat(INV.isProtected(IpAddress.parse("203.0.114.9"))).isFalse();
    Thresholds t = INV.thresholds(Thresholds.defaults());
    assertThat(t.level("pbx-acme", Threshold.REQUESTS_PER_SECOND)).isEqualTo(new Level(50, 200));
    assertThat(t.level("office-net", Threshold.REQUESTS_PER_SECOND))
        .isEqualTo(Threshold.REQUESTS_PER_SECOND.defaults());
  }

  @Test
  void collectsEveryErrorWithItsKeyAndValue() {
    Map<String, Object> root =
        Map.of(
            "machines",
            List.of(
                machine("id", "a", "addresses", List.of("10.0.1.1")),
                machine("id", "a", "addresses", List.of("10.0.1.2")),
                machine("id", "c", "addresses", List.of("10.0.1.300"), "role", "router"),
                machine(
                    "addresses",
                    List.of("10.0.0.0/33"),
                    "thresholds",
                    Map.of("requestPerSecond", Map.of("warning", 1))),
                machine(
                    "id",
                    "e",
                    "addresses",
                    List.of("10.0.1.5"),
                    "thresholds",
                    Map.of("authFailures", Map.of("warning", 50, "critical", 5))),
                machine(
                    "id",
                    "f",
                    "addresses",
                    List.of("10.0.1.6"),
                    "thresholds",
                    Map.of("authFailures", Map.of("warning", "lots")),
                    "colour",
                    "red")),
            "protected",
            List.of("nonsense"));
    InvalidConfigException e =
        catchThrowableOfType(InvalidConfigException.class, () -> InventoryParser.parse(root));
    assertThat(e.errors())
        .containsExactlyInAnyOrder(
            "machines[1].id: 'a' is a duplicate id",
            "machines[2].addresses[0]: '10.0.1.300' is not an IP address or CIDR",
            "machines[2].role: 'router' is not one of pbx, proxy, sbc, trunk, other",
            "machines[3].id: is required",
            "machines[3].addresses[0]: '10.0.0.0/33' is not an IP address or CIDR",
            "machines[3].thresholds.requestPerSecond: 'requestPerSecond' is not a known threshold",
            "machines[4].thresholds.authFailures: warning (50) is above critical (5)",
            "machines[5].thresholds.authFailures.warning: 'lots' is not a positive number",
            "machines[5].colour: unknown key (known: addresses, allowedPrefixes, client, dependsOn, hosting, id, name, pressure, role, site, thresholds)",
            "protected[0]: 'nonsense' is not an IP address or CIDR");
    assertThat(e.getMessage()).contains("machines[2].addresses[0]: '10.0.1.300'");
  }

  @Test
  void emptyDocumentIsAnEmptyInventory() {
    assertThat(InventoryParser.parse(Map.of()).machines()).isEmpty();
    assertThat(InventoryParser.parse(null).machineOf(IpAddress.parse("10.0.0.1"))).isNull();
  }

  @Test
  void runtimeChangeIsANewSnapshot() {
    var registry = new dev.vigie.detect.threshold.ThresholdRegistry(Thresholds.defaults());
    Thresholds before = registry.current();
    registry.update(t -> t.withDefault(Threshold.AUTH_FAILURES, new Level(3, 6)));
    assertThat(before.level(Threshold.AUTH_FAILURES)).isEqualTo(Threshold.AUTH_FAILURES.defaults());
    assertThat(registry.current().level("any", Threshold.AUTH_FAILURES)).isEqualTo(new Level(3, 6));
  }
}
