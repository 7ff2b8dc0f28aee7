package dev.vigie.detect.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.baseline.BaselineView;
import dev.vigie.detect.threshold.Thresholds;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tables of cases for the machine and toll-fraud rules (default thresholds). */
class MachineAndTollRulesTest {
  static final Thresholds T = Thresholds.defaults();

  static String grade(Optional<Finding> f) {
    return f.map(x -> x.severity().name()).orElse("NONE");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // rule checked                                                  , out/s, calls/s, calls/min,
    // intl/min, distinct, warm , mean, sd, expected
    "'quiet machine, cold baseline: nothing'                          , 5  , 1 , 3  , 0 , 3  , false, 0 , 0 , NONE",
    "'office burst: 4 calls/s, 40 national numbers: nothing'          , 12 , 4 , 40 , 0 , 40 , false, 0 , 0 , NONE",
    "'100 requests/s: machineRequestsPerSecond warning'               , 100, 1 , 3  , 0 , 3  , false, 0 , 0 , WARNING",
    "'400 requests/s: critical'                                       , 400, 1 , 3  , 0 , 3  , false, 0 , 0 , CRITICAL",
    "'45 calls/s (machine burst): machineCallsPerSecond critical'     , 90 , 45, 90 , 0 , 90 , false, 0 , 0 , CRITICAL",
    "'120 calls/min: machineCallsPerMinute warning'                   , 20 , 3 , 120, 0 , 3  , false, 0 , 0 , WARNING",
    "'10 international calls/min: warning'                            , 20 , 8 , 10 , 10, 10 , false, 0 , 0 , WARNING",
    "'30 international calls/min: critical'                           , 20 , 8 , 30 , 30, 30 , false, 0 , 0 , CRITICAL",
    "'60 distinct numbers/min: machineDistinctDestinations warning'   , 20 , 5 , 60 , 0 , 60 , false, 0 , 0 , WARNING",
    "'warm baseline 10/s, now 40/s: 7 deviations (sd floored at sqrt(mean)+1), warning', 40, 1, 3, 0, 3, true, 10, 3, WARNING",
    "'warm baseline 10/s, now 80/s: 16 deviations, critical'          , 80 , 1 , 3  , 0 , 3  , true , 10, 3 , CRITICAL",
    "'warm baseline 2/s, now 20/s: under the floor (warning/4)'       , 20 , 1 , 3  , 0 , 3  , true , 2 , 1 , NONE",
    "'warm baseline 60/s, now 90/s: within usual deviation'           , 90 , 1 , 3  , 0 , 3  , true , 60, 10, NONE",
    "'cold baseline, 80/s: thresholds only, nothing'                  , 80 , 1 , 3  , 0 , 3  , false, 2 , 1 , NONE",
  })
  void machineTraffic(
      String rule,
      long out,
      long cps,
      long calls,
      long intl,
      long distinct,
      boolean warm,
      double mean,
      double sd,
      String expected) {
    BaselineView b = new BaselineView(warm, mean, sd);
    MachineSnapshot m =
        new MachineSnapshot(
            "pbx-acme",
            "10.0.1.15",
            "acme",
            0,
            List.of(),
            out,
            cps,
            calls,
            intl,
            distinct,
            List.of("0088210"),
            b,
            BaselineView.COLD,
            0,
            1_000_000);
    assertThat(grade(MachineRules.machineTraffic(m, T))).as(rule).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // rule checked                                     , inbound/s, expected
    "'300/s towards a machine: below 500'                , 300 , NONE",
    "'500/s: inboundRequestsPerSecond warning'           , 500 , WARNING",
    "'5000/s (spoofed flood): critical'                  , 5000, CRITICAL",
  })
  void inboundFlood(String rule, long in, String expected) {
    MachineSnapshot m =
        new MachineSnapshot(
            "proxy",
            null,
            null,
            in,
            List.of("198.51.100.7 (900)"),
            0,
            0,
            0,
            0,
            0,
            List.of(),
            BaselineView.COLD,
            BaselineView.COLD,
            0,
            1_000_000);
    assertThat(grade(MachineRules.inboundFlood(m, T))).as(rule).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // rule checked                                         , intl/min, premium/min, concurrent,
    // sequential, expected
    "'one international call: nothing'                       , 1 , 0, 1 , 1 , NONE",
    "'one premium call: premiumCallsPerMinute warning'       , 1 , 1, 1 , 1 , WARNING",
    "'three premium calls in a minute: critical'             , 3 , 3, 1 , 1 , CRITICAL",
    "'5 international calls/min: callsPerMinute warning'     , 5 , 0, 1 , 2 , WARNING",
    "'4 concurrent international calls: warning'             , 4 , 0, 4 , 1 , WARNING",
    "'10 concurrent: critical'                               , 10, 0, 10, 1 , CRITICAL",
    "'5 consecutive calls to one prefix: warning'            , 3 , 0, 1 , 5 , WARNING",
  })
  void toll(
      String rule, long intl, long premium, long concurrent, long sequential, String expected) {
    TollSnapshot s =
        new TollSnapshot(
            "1002",
            null,
            "pbx-acme",
            intl,
            premium,
            concurrent,
            sequential,
            List.of("00882"),
            0,
            1_000_000);
    assertThat(grade(TollRule.evaluate(s, T))).as(rule).isEqualTo(expected);
  }
}
