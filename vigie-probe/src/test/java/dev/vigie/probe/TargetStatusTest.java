package dev.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.probe.status.ComponentStatus;
import dev.vigie.probe.status.RttHistory;
import dev.vigie.probe.status.RttStats;
import dev.vigie.probe.status.StatusChange;
import dev.vigie.probe.status.TargetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetStatusTest {
  static final Instant T0 = Instant.parse("2024-09-23T09:58:00Z");
  static final ProbeTarget TARGET =
      ProbeTarget.builder("proxy", "127.0.0.1").downAfter(3).upAfter(2).build();

  /** U = up, M = 503 maintenance, F = failed; the i-th result (from 1) is at T0 + i s. */
  static ProbeResult result(char c, int i) {
    Instant at = T0.plusSeconds(i);
    Duration rtt = Duration.ofMillis(i);
    return switch (c) {
      case 'U' -> new ProbeResult.Up(at, 200, rtt);
      case 'M' -> new ProbeResult.Maintenance(at, 503, rtt);
      default -> new ProbeResult.Failed(at, FailureReason.TIMEOUT, "t", 0, rtt);
    };
  }

  static List<StatusChange> run(TargetStatus s, String results) {
    List<StatusChange> out = new ArrayList<>();
    for (int i = 0; i < results.length(); i++) {
      s.record(result(results.charAt(i), i + 1)).ifPresent(out::add);
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // results  | transitions (status@index of the deciding result), N=3, M=2
        "U          | ''",
        "UU         | UP@2",
        "FF         | ''",
        "FFF        | DOWN@3",
        "UUFFF      | UP@2 DOWN@5",
        "UUFFUFF    | UP@2", // the failure streak is broken by a success
        "UUFFFUU    | UP@2 DOWN@5 UP@7",
        "UUFFFUFUU  | UP@2 DOWN@5 UP@9", // the success streak is broken by a failure
        "MMM        | MAINTENANCE@3",
        "UUMMM      | UP@2 MAINTENANCE@5",
        "UUFMM      | UP@2 DOWN@5", // a mix of failures and 503 counts towards down
        "UUFMMM     | UP@2 DOWN@5 MAINTENANCE@6",
        "MMMFF      | MAINTENANCE@3",
        "MMMFFF     | MAINTENANCE@3 DOWN@6", // from maintenance only failures count
        "MMMFMF     | MAINTENANCE@3",
        "MMMUU      | MAINTENANCE@3 UP@5",
      })
  void transitions(String results, String expected) {
    List<StatusChange> changes = run(new TargetStatus(TARGET, 10), results.strip());

    List<String> got = new ArrayList<>();
    for (StatusChange c : changes) {
      got.add(c.to() + "@" + (c.at().getEpochSecond() - T0.getEpochSecond()));
    }
    assertThat(String.join(" ", got)).isEqualTo(expected);
  }

  @Test
  void aChangeCarriesTheDecidingStreakAndStatistics() {
    TargetStatus s = new TargetStatus(TARGET, 10);
    List<StatusChange> changes = run(s, "UUUFFF");

    StatusChange down = changes.get(1);
    assertThat(down.from()).isEqualTo(ComponentStatus.UP);
    assertThat(down.to()).isEqualTo(ComponentStatus.DOWN);
    assertThat(down.streak())
        .extracting(ProbeResult::at)
        .containsExactly(T0.plusSeconds(4), T0.plusSeconds(5), T0.plusSeconds(6));
    assertThat(down.rtt().answered()).isEqualTo(3);
    assertThat(down.rtt().results()).isEqualTo(6);
    assertThat(down.summary()).contains("UP -> DOWN after 3 consecutive results", "TIMEOUT");
    assertThat(s.snapshot().since()).isEqualTo(T0.plusSeconds(6));
    assertThat(s.snapshot().consecutiveFailures()).isEqualTo(3);
  }

  @Test
  void rttStatisticsOverTheRing() {
    RttHistory h = new RttHistory(20);
    for (int i = 1; i <= 25; i++) h.add(result('U', i)); // keeps 6..25 ms
    h.add(result('F', 99)); // evicts 6 ms; a failure has no RTT

    RttStats st = h.stats();
    assertThat(st.results()).isEqualTo(20);
    assertThat(st.answered()).isEqualTo(19);
    assertThat(st.min()).isEqualTo(Duration.ofMillis(7));
    assertThat(st.max()).isEqualTo(Duration.ofMillis(25));
    assertThat(st.avg()).isEqualTo(Duration.ofMillis(16)); // (7+...+25)/19
    assertThat(st.p95()).isEqualTo(Duration.ofMillis(25)); // rank ceil(0.95 x 19) = 19
    assertThat(st.answeredRatio()).isEqualTo(0.95);
    assertThat(h.results())
        .hasSize(20)
        .first()
        .extracting(ProbeResult::rtt)
        .isEqualTo(Duration.ofMillis(7));
    assertThat(h.last(2)).extracting(ProbeResult::code).containsExactly(200, 0);
  }

  @Test
  void p95OfHundredResults() {
    RttHistory h = new RttHistory(100);
    for (int i = 1; i <= 100; i++) h.add(result('U', i));
    assertThat(h.stats().p95()).isEqualTo(Duration.ofMillis(95));
    assertThat(new RttHistory(3).stats()).isEqualTo(RttStats.EMPTY);
  }
}
