package dev.vigie.detect.pressure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PLATFORM_PRESSURE rule: a metric's value against its blocking threshold. */
class PressureReadingTest {
  private static final PressureMetric DISK =
      new PressureMetric("diskWriteBytes", "x{m=\"{machine}\"}", 1000, 0.8);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // value, level: the rule's row
    "0,       OK", // idle
    "799.99,  OK", // just under the warning fraction (0.8 × 1000)
    "800,     WARNING", // at the warning fraction: warns
    "999,     WARNING", // close to the block, not at it
    "1000,    CRITICAL", // at the platform's blocking threshold
    "5000,    CRITICAL", // far beyond
    "NaN,     NO_DATA", // Prometheus returned no number
    "Infinity,NO_DATA", // a division by zero in the expression is no measure
  })
  void levels(double value, PressureLevel level) {
    PressureReading r = PressureReading.of(DISK, value);
    assertThat(r.level()).isEqualTo(level);
    assertThat(r.threshold()).isEqualTo(1000);
    if (level != PressureLevel.NO_DATA) assertThat(r.fraction()).isEqualTo(value / 1000);
  }

  @Test
  void theMachinePlaceholderIsReplacedAndEscaped() {
    assertThat(DISK.queryFor("pbx-acme")).isEqualTo("x{m=\"pbx-acme\"}");
    assertThat(DISK.queryFor("a\"}or vector(1)#")).isEqualTo("x{m=\"a\\\"}or vector(1)#\"}");
  }

  @Test
  void badSettingsAreRefusedWithTheirName() {
    assertThatThrownBy(() -> new PressureMetric("cpuSteal", "q", 0, 0.8))
        .hasMessageContaining("cpuSteal: threshold 0.0 is not above 0");
    assertThatThrownBy(() -> new PressureMetric("cpuSteal", "q", 10, 1))
        .hasMessageContaining("cpuSteal: warningFraction 1.0 is not between 0 and 1");
  }
}
