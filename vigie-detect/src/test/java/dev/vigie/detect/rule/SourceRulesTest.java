package dev.vigie.detect.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.detect.threshold.Level;
import dev.vigie.detect.threshold.Threshold;
import dev.vigie.detect.threshold.Thresholds;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tables of cases for the source rules (defaults unless the row says otherwise). */
class SourceRulesTest {
  static final Thresholds T = Thresholds.defaults();

  static SourceSnapshot snap(
      long rps,
      long targets,
      long userReqs,
      long users,
      long refused,
      long authFail,
      boolean sig,
      String machine) {
    return new SourceSnapshot(
        "198.51.100.7",
        machine,
        rps,
        rps * 10,
        targets,
        List.of("10.0.0.1:5060"),
        userReqs,
        users,
        List.of("100"),
        refused,
        authFail,
        List.of("1001"),
        sig,
        List.of("ua"),
        1_767_225_600_000_000L, // 2026-01-01T00:00:00Z
        1_767_225_605_000_000L,
        5000,
        SourceSnapshot.UNPROVEN);
  }

  static String grade(Optional<Finding> f) {
    return f.map(x -> x.severity().name()).orElse("NONE");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // rule checked                                   , targets, signature, users, authFail,
    // expected
    "'one target, no signature: nothing'               , 1 , false, 0 , 0 , NONE",
    "'4 targets: below scanDistinctTargets warning 5'  , 4 , false, 0 , 0 , NONE",
    "'5 targets: warning (levels are inclusive)'       , 5 , false, 0 , 0 , WARNING",
    "'15 targets: critical, whatever the User-Agent'   , 15, false, 0 , 0 , CRITICAL",
    "'signature alone: warning'                        , 1 , true , 0 , 0 , WARNING",
    "'signature plus 5 targets: one level up'          , 5 , true , 0 , 0 , CRITICAL",
    "'signature but enumerating: left to ENUMERATION'  , 1 , true , 50, 0 , NONE",
    "'signature but cracking: left to BRUTE_FORCE'     , 1 , true , 1 , 40, NONE",
    "'behaviour scan while cracking: still a scan'     , 15, true , 1 , 40, CRITICAL",
    "'signature but flooding (sipcli): left to FLOOD'  , 1 , true , 0 , 0 , NONE",
  })
  void scan(String rule, long targets, boolean sig, long users, long authFail, String expected) {
    long rps = rule.contains("flooding") ? 300 : 1;
    SourceSnapshot s = snap(rps, targets, users, users, users, authFail, sig, null);
    assertThat(grade(SourceRules.scan(s, T))).as(rule).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // rule checked                                        , userReqs, users, refused, expected
    "'9 users all refused: below 10'                        , 9  , 9  , 9  , NONE",
    "'10 users all refused: warning'                        , 10 , 10 , 10 , WARNING",
    "'111 users all refused (svwar): critical'              , 111, 111, 111, CRITICAL",
    "'400 users all accepted (restart storm): nothing'      , 800, 400, 0  , NONE",
    "'60 users, 60% refused: only a warning (critical 80%)' , 100, 60 , 60 , WARNING",
    "'60 users, 40% refused: nothing'                       , 100, 60 , 40 , NONE",
  })
  void enumeration(String rule, long userReqs, long users, long refused, String expected) {
    SourceSnapshot s = snap(1, 1, userReqs, users, refused, 0, false, null);
    assertThat(grade(SourceRules.enumeration(s, T))).as(rule).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // rule checked                                 , authFailures, expected
    "'no failure (challenge then 200 is none)'       , 0 , NONE",
    "'9 failures in 60 s: below authFailures 10'     , 9 , NONE",
    "'10 failures: warning'                          , 10, WARNING",
    "'300 failures (svcrack): critical'              , 300, CRITICAL",
  })
  void bruteForce(String rule, long failures, String expected) {
    assertThat(grade(SourceRules.bruteForce(snap(1, 1, 1, 1, 0, failures, false, null), T)))
        .as(rule)
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // rule checked                                              , rps, machine , expected
    "'60 requests/s (office at 20 calls/s): nothing'             , 60 , ''      , NONE",
    "'124 requests/s (svcrack on loopback): nothing'              , 124, ''      , NONE",
    "'150 requests/s: warning'                                    , 150, ''      , WARNING",
    "'250 requests/s (the lab flood): critical'                   , 250, ''      , CRITICAL",
    "'60 requests/s towards a machine whose critical level is 50' , 60 , pbx-acme, CRITICAL",
  })
  void flood(String rule, long rps, String machine, String expected) {
    Thresholds t =
        T.withMachine("pbx-acme", Map.of(Threshold.REQUESTS_PER_SECOND, new Level(20, 50)));
    SourceSnapshot s = snap(rps, 1, 1, 1, 0, 0, false, machine.isEmpty() ? null : machine);
    assertThat(grade(SourceRules.flood(s, t))).as(rule).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"SCAN", "ENUMERATION", "BRUTE_FORCE", "FLOOD"})
  void findingsCarryEvidenceAndKind(AlertKind kind) {
    SourceSnapshot s = snap(500, 20, 111, 111, 111, 300, false, null);
    Map<AlertKind, BiFunction<SourceSnapshot, Thresholds, Optional<Finding>>> rules =
        Map.of(
            AlertKind.SCAN,
            SourceRules::scan,
            AlertKind.ENUMERATION,
            SourceRules::enumeration,
            AlertKind.BRUTE_FORCE,
            SourceRules::bruteForce,
            AlertKind.FLOOD,
            SourceRules::flood);
    Finding f = rules.get(kind).apply(s, T).orElseThrow();
    assertThat(f.kind()).isEqualTo(kind);
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.summary()).contains("198.51.100.7");
    assertThat(f.evidence())
        .containsKeys("firstPacket", "lastPacket", "userAgents", "requestsPerSecond");
    assertThat(f.evidence().get("firstPacket")).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(f.evidence().get("lastPacket")).isEqualTo("2026-01-01T00:00:05Z");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // rule checked                                                    , rps, users, authFail,
    // expected
    "'fast enumeration at warning rate: ENUMERATION, not FLOOD'         , 160, 50, 0  , NONE",
    "'fast password guessing at warning rate: BRUTE_FORCE, not FLOOD'   , 160, 1 , 40 , NONE",
    "'enumeration at a critical rate is also a FLOOD'                   , 300, 50, 0  , CRITICAL",
  })
  void floodExplainedByAnotherKind(
      String rule, long rps, long users, long authFail, String expected) {
    SourceSnapshot s = snap(rps, 1, users, users, users, authFail, false, null);
    assertThat(grade(SourceRules.flood(s, T))).as(rule).isEqualTo(expected);
  }
}
