package dev.vigie.detect.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigie.detect.AlertKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScorerTest {
  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration W = Duration.ofSeconds(10);
  static final List<Label> LABELS =
      List.of(
          new Label(AlertKind.SCAN, "198.51.100.7", null, T, T.plusSeconds(4)),
          new Label(
              AlertKind.MACHINE_TRAFFIC, null, "pbx-acme", T.plusSeconds(100), T.plusSeconds(120)));

  static Detection d(AlertKind k, String src, String m, double at) {
    return new Detection(k, src, m, T.plusMillis(Math.round(at * 1000)));
  }

  @Test
  void neverFiringScoresZeroAndPerfectScoresHundred() {
    assertThat(Scorer.score(LABELS, List.of(), List.of(), W).nab()).isCloseTo(0, within(1e-9));
    Score perfect =
        Scorer.score(
            LABELS,
            List.of(),
            List.of(
                d(AlertKind.SCAN, "198.51.100.7", null, 0),
                d(AlertKind.MACHINE_TRAFFIC, "10.0.1.15", "pbx-acme", 100)),
            W);
    assertThat(perfect.nab()).isCloseTo(100, within(1e-9));
    assertThat(perfect.perKind().get(AlertKind.SCAN).precision()).isEqualTo(1.0);
    assertThat(perfect.perKind().get(AlertKind.MACHINE_TRAFFIC).meanLatency())
        .isEqualTo(Duration.ZERO);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // case                                                    , detection time of the scan (s),
    // expected NAB
    "'at the window start: perfect for that label'              , 0   , 100.0",
    "'half-way through the 10 s window: sigma(-0.5) = 0.848'    , 5   , 96.5",
    "'at the window end: sigma(0) = 0, still no miss'           , 10  , 75.2",
    "'after the window: a miss and a false positive'            , 11  , 47.2",
  })
  void earlierIsBetter(String rule, double at, double nab) {
    Score s =
        Scorer.score(
            LABELS,
            List.of(),
            List.of(
                d(AlertKind.SCAN, "198.51.100.7", null, at),
                d(AlertKind.MACHINE_TRAFFIC, "10.0.1.15", "pbx-acme", 100)),
            W);
    assertThat(s.nab()).as(rule).isCloseTo(nab, within(0.1));
  }

  @Test
  void wrongKindOrPartyIsAFalsePositiveAndToleratedAlertsAreIgnored() {
    List<Detection> ds =
        List.of(
            d(AlertKind.SCAN, "198.51.100.7", null, 1),
            d(AlertKind.FLOOD, "198.51.100.7", "proxy", 1), // tolerated
            d(AlertKind.SCAN, "192.0.2.10", null, 1), // innocent
            d(AlertKind.MACHINE_TRAFFIC, "10.0.1.16", "pbx-other", 101));
    Score s =
        Scorer.score(
            LABELS,
            List.of(new Label(AlertKind.FLOOD, "198.51.100.7", null, T, T.plusSeconds(4))),
            ds,
            W);
    assertThat(s.falsePositives()).isEqualTo(2);
    assertThat(s.missed()).isEqualTo(1);
    assertThat(s.perKind().get(AlertKind.SCAN).precision()).isEqualTo(0.5);
    assertThat(s.perKind().get(AlertKind.SCAN).recall()).isEqualTo(1.0);
    assertThat(s.perKind().get(AlertKind.MACHINE_TRAFFIC).recall()).isZero();
    assertThat(s.perKind()).doesNotContainKey(AlertKind.FLOOD);
    assertThat(Scorer.table(s)).contains("SCAN", "NAB score");
  }
}
