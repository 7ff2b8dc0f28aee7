package dev.vigie.server.pressure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.detect.pressure.PressureMetric;
import dev.vigie.server.Json;
import dev.vigie.server.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code prometheus} section and the {@code pressure} maps: defaults, merge, errors. */
class PressureSettingsTest {
  private static JsonNode yaml(String s) throws Exception {
    return Json.yaml().readTree(s);
  }

  private static final String BASE =
      """
      prometheus: {url: 'http://127.0.0.1:9090'}
      providers:
        - id: vinfra
          kind: hosting
          pressure:
            diskWriteBytes: {query: 'rate(disk{vm="{machine}"}[1m])', threshold: 1e8}
            cpuSteal: {query: 'steal{vm="{machine}"}', threshold: 20, warningFraction: 0.5}
      machines:
        - id: pbx-acme
          hosting: vinfra
          pressure:
            diskWriteBytes: {threshold: 5e7}
            packetsPerSecond: {query: 'pps{vm="{machine}"}', threshold: 40000}
        - id: pbx-globex
          hosting: vinfra
        - id: proxy-lab
      """;

  @Test
  void providersServeEveryMachineTheyHostAndMachinesOverrideByName() throws Exception {
    PressureSettings s = PressureSettings.read(yaml(BASE));
    assertThat(s.enabled()).isTrue();
    assertThat(s.interval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.warningFraction()).isEqualTo(0.8);
    assertThat(s.metrics()).containsOnlyKeys("pbx-acme", "pbx-globex");
    assertThat(s.metrics().get("pbx-acme"))
        .containsExactly(
            new PressureMetric("diskWriteBytes", "rate(disk{vm=\"{machine}\"}[1m])", 5e7, 0.8),
            new PressureMetric("cpuSteal", "steal{vm=\"{machine}\"}", 20, 0.5),
            new PressureMetric("packetsPerSecond", "pps{vm=\"{machine}\"}", 40000, 0.8));
    assertThat(s.metrics().get("pbx-globex"))
        .extracting(PressureMetric::threshold)
        .containsExactly(1e8, 20.0);
    assertThat(s.metrics().get("pbx-globex").getFirst().queryFor("pbx-globex"))
        .isEqualTo("rate(disk{vm=\"pbx-globex\"}[1m])");
  }

  @Test
  void theDefaultTimeoutFitsAShortInterval() throws Exception {
    var s = PressureSettings.read(yaml("prometheus: {url: 'http://p:9090', interval: 2s}"));
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void nothingConfiguredIsOff() throws Exception {
    assertThat(PressureSettings.read(yaml("machines: [{id: a}]")).enabled()).isFalse();
    assertThat(PressureSettings.read(yaml("prometheus: {url: 'http://p:9090'}")).enabled())
        .isFalse();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # YAML                                                                                          | the error names the key and the value
          prometheus: {url: 'ftp://p'}                                                                     | prometheus.url: 'ftp://p' is not an http(s) URL such as http://127.0.0.1:9090
          prometheus: {url: 'http://p', interval: 0s}                                                      | prometheus.interval: '0s' is not between 1s and 1h
          prometheus: {url: 'http://p', interval: 2s, timeout: 5s}                                         | prometheus.timeout: '5s' is not between 100ms and prometheus.interval
          prometheus: {url: 'http://p', warningFraction: 1.5}                                              | prometheus.warningFraction: '1.5' is not a number between 0 and 1 (e.g. 0.8)
          machines: [{id: a, pressure: {disk: {query: 'q', threshold: 1}}}]                                | prometheus.url: required, since platform metrics are configured (machines[a].pressure)
          prometheus: {url: 'http://p'}\\nmachines: [{id: a, pressure: {disk: {query: 'q'}}}]              | machines[a].pressure.disk.threshold: required (the platform's blocking threshold, above 0)
          prometheus: {url: 'http://p'}\\nmachines: [{id: a, pressure: {disk: {query: 'q', threshold: -3}}}] | machines[a].pressure.disk.threshold: '-3' is not a number above 0
          prometheus: {url: 'http://p'}\\nmachines: [{id: a, pressure: {disk: {threshold: 3}}}]            | machines[a].pressure.disk.query: required (a PromQL expression; {machine} is the machine's id)
          prometheus: {url: 'http://p'}\\nmachines: [{id: a, pressure: {disk: {query: q, threshold: 3, warningFraction: 0}}}] | machines[a].pressure.disk.warningFraction: '0' is not a number between 0 and 1 (e.g. 0.8)
          prometheus: {url: 'http://p'}\\nmachines: [{id: a, pressure: {disk: {query: q, treshold: 3}}}]   | machines[a].pressure.disk.treshold: unknown key (known: query, threshold, warningFraction)
          prometheus: {url: 'http://p'}\\nproviders: [{id: v, pressure: [disk]}]                           | providers[v].pressure: expected a mapping of metric names to {query, threshold, warningFraction}
          prometheus: {url: 'http://p'}\\nmachines: [{id: a, pressure: {'disk write': {query: q, threshold: 3}}}] | machines[a].pressure: 'disk write' is not a metric name (letters, digits, _)
          """)
  void badSettingsNameTheKeyAndTheValue(String doc, String message) {
    assertThatThrownBy(() -> PressureSettings.read(yaml(doc.replace("\\n", "\n"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }
}
