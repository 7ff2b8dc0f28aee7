package dev.vigie.contain.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.detect.inventory.Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigReaderTest {

  @Test
  void anEmptyDocumentGivesTheDefaults() {
    ContainmentConfig c = ConfigReader.read(Map.of());
    assertThat(c).isEqualTo(ContainmentConfig.defaults());
    assertThat(c.policy().mode(AlertKind.SCAN, Severity.WARNING)).isEqualTo(Mode.AUTO);
    assertThat(c.policy().mode(AlertKind.MACHINE_TRAFFIC, Severity.CRITICAL)).isEqualTo(Mode.AUTO);
    assertThat(c.cap()).isEqualTo(new ActionCap(10, Duration.ofMinutes(5)));
    assertThat(c.dryRun()).isFalse();
  }

  @Test
  void readsTheInventoryAndTheContainmentSection() {
    Map<String, Object> doc =
        Map.of(
            "protected", List.of("203.0.113.0/24", "2001:db8:ffff::/48"),
            "machines",
                List.of(
                    Map.of(
                        "id", "pbx-acme",
                        "addresses", List.of("10.0.1.15", "2001:db8:1::15"),
                        "client", "acme",
                        "role", "pbx"),
                    Map.of(
                        "id", "pbx-auto",
                        "addresses", List.of("10.0.2.0/29"),
                        "isolation", Map.of("policy", "auto", "duration", "2h"))),
            "containment",
                Map.of(
                    "dryRun", true,
                    "policy", Map.of("flood", Map.of("warning", "observe")),
                    "cap", Map.of("maxActions", 4, "window", "1m"),
                    "expiry", Map.of("base", "5m", "factor", 2, "max", "PT1H"),
                    "approvalTimeout", 900));
    ContainmentConfig c = ConfigReader.read(doc);
    assertThat(c.protectedRanges())
        .containsExactly(Cidr.parse("203.0.113.0/24"), Cidr.parse("2001:db8:ffff::/48"));
    assertThat(c.machines().get("pbx-acme"))
        .isEqualTo(
            MachinePolicy.askUntilReleased(
                "pbx-acme", List.of(Cidr.parse("10.0.1.15"), Cidr.parse("2001:db8:1::15"))));
    assertThat(c.machines().get("pbx-auto").isolation()).isEqualTo(Mode.AUTO);
    assertThat(c.machines().get("pbx-auto").duration()).isEqualTo(Duration.ofHours(2));
    assertThat(c.policy().mode(AlertKind.FLOOD, Severity.WARNING)).isEqualTo(Mode.OBSERVE);
    assertThat(c.policy().mode(AlertKind.FLOOD, Severity.CRITICAL)).isEqualTo(Mode.AUTO);
    assertThat(c.cap()).isEqualTo(new ActionCap(4, Duration.ofMinutes(1)));
    assertThat(c.expiry().durationFor(3)).isEqualTo(Duration.ofMinutes(40));
    assertThat(c.expiry().durationFor(9)).isEqualTo(Duration.ofHours(1));
    assertThat(c.approvalTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.dryRun()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # bad document (YAML flow style, parsed by a tiny reader below)       | error message
          containment.policy.SCAN.WARNING=sometimes                            | containment.policy.SCAN.WARNING: 'sometimes' is not one of observe, ask, auto
          containment.policy.SCAM.WARNING=auto                                 | containment.policy: 'SCAM' is not one of [SCAN, ENUMERATION, BRUTE_FORCE, FLOOD, MACHINE_TRAFFIC, TOLL_FRAUD, SERVICE_DEGRADED, PLATFORM_PRESSURE]
          containment.policy.SCAN.SEVERE=auto                                  | containment.policy.SCAN: 'SEVERE' is not one of [WARNING, CRITICAL]
          containment.policy.PLATFORM_PRESSURE.CRITICAL=auto                   | containment.policy.PLATFORM_PRESSURE.CRITICAL: 'auto' is not observe (platform pressure never contains anything by itself)
          containment.cap.maxActions=-1                                        | containment.cap.maxActions: '-1' is not a count >= 0
          containment.cap.maxActions=ten                                       | containment.cap.maxActions: 'ten' is not an integer
          containment.cap.window=0s                                            | containment.cap.window: '0s' is not a positive duration such as 90s, 10m, 2h or 1d
          containment.expiry.base=soon                                         | containment.expiry.base: 'soon' is not a positive duration such as 90s, 10m, 2h or 1d
          containment.expiry.factor=0                                          | containment.expiry.factor: '0' is not an integer >= 1
          containment.expiry.max=1m                                            | containment.expiry.max: 'PT1M' is not at least the base PT10M
          containment.dryRun=yes                                               | containment.dryRun: 'yes' is not true or false
          containment.approvalTimeout=-5m                                      | containment.approvalTimeout: '-5m' is not a positive duration such as 90s, 10m, 2h or 1d
          protected=[10.0.0.0/33]                                              | protected[0]: '10.0.0.0/33' is not an address or CIDR prefix
          protected=trunks                                                     | protected: 'trunks' is not a list of addresses or CIDR prefixes
          machines=[{addresses=[10.0.0.1]}]                                    | machines[0].id: 'null' is not a machine id
          machines=[{id=pbx, addresses=[10.0.0.x]}]                            | machines[pbx].addresses[0]: '10.0.0.x' is not an address or CIDR prefix
          machines=[{id=pbx, isolation={policy=always}}]                       | machines[pbx].isolation.policy: 'always' is not one of observe, ask, auto
          machines=[{id=pbx, isolation={duration=forever}}]                    | machines[pbx].isolation.duration: 'forever' is not a positive duration such as 90s, 10m, 2h or 1d
          machines=[{id=pbx}, {id=pbx}]                                        | machines.id: 'pbx' is not unique (it appears twice)
          """)
  void badSettingsNameTheKeyAndTheValue(String doc, String message) {
    assertThatThrownBy(() -> ConfigReader.read(MiniYaml.parse(doc)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }
}
