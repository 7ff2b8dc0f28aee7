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
    // rule checked                                                , out/s, calls/min, distinct,
    // warm , mean, sd , expected
    "'quiet machine, cold baseline: nothing'                        , 5  , 3  , 3  , false, 0  , 0  , NONE",
    "'100 requests/s: machineRequestsPerSecond warning'             , 100, 3  , 3  , false, 0  , 0  , WARNING",
    "'400 requests/s: critical'                                      , 400, 3  , 3  , false, 0  , 0  , CRITICAL",
    "'60 calls/min: machineCallsPerMinute warning'                   , 20 , 60 , 3  , false, 0  , 0  , WARNING",
    "'100 distinct numbers/min: machineDistinctDestinations critical', 20 , 50 , 100, false, 0  , 0  , CRITICAL",
    "'warm baseline 10/s, now 40/s: 7 deviations (sd floored at sqrt(mean)+1), warning', 40 , 3  , 3  , true , 10 , 3  , WARNING",
    "'warm baseline 10/s, now 80/s: 16 deviations, critical'         , 80 , 3  , 3  , true , 10 , 3  , CRITICAL",
    "'warm baseline 2/s, now 20/s: under the floor (warning/4)'      , 20 , 3  , 3  , true , 2  , 1  , NONE",
    "'warm baseline 60/s, now 90/s: within usual deviation'          , 90 , 3  , 3  , true , 60 , 10 , NONE",
    "'cold baseline, 80/s: thresholds only, nothing'                 , 80 , 3  , 3  , false, 2  , 1  , NONE",
  })
  void machineTraffic(
      String rule,
      long out,
      long calls,
      long distinct,
      boolean warm,
      double mean,
      double sd,
      String expected) {
    BaselineView b = new BaselineView(warm, mean, sd);
    MachineSnapshot m =
        new MachineSnapshot(
            "pbx-acme",
            "acme",
            0,
            List.of(),
            out,
            calls,
            distinct,
            List.of("0088210"),
            b,
            BaselineView.COLD,
            "a",
            "b");
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
            in,
            List.of("198.51.100.7 (900)"),
            0,
            0,
            0,
            List.of(),
            BaselineView.COLD,
            BaselineView.COLD,
            "a",
            "b");
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
            "a",
            "b");
    assertThat(grade(TollRule.evaluate(s, T))).as(rule).isEqualTo(expected);
  }
}
