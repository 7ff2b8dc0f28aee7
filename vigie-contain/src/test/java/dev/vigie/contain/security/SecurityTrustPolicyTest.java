package dev.vigie.contain.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.contain.Alerts;
import dev.vigie.contain.Reason;
import dev.vigie.contain.config.ContainmentConfig;
import dev.vigie.contain.policy.ContainmentPolicy;
import dev.vigie.contain.policy.Decision;
import dev.vigie.contain.policy.History;
import dev.vigie.contain.trust.KnownGood;
import dev.vigie.contain.trust.KnownGoodAddress;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What an automatic source block may rest on: one row per trust rule (default policy). */
class SecurityTrustPolicyTest {
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final String PHONE = "192.0.2.10";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # rule                                              | kind        | severity | source       | proof              | requests | asked | dry   | reason
          a proven scanner is blocked, naming its proof       | SCAN        | CRITICAL | 198.51.100.7 | DIALOG             | 200      | 0     | false | ISOLATE_PROVEN
          answering a challenge proves the source             | BRUTE_FORCE | CRITICAL | 198.51.100.7 | CHALLENGE_ANSWERED | 40       | 0     | false | ISOLATE_PROVEN
          a TCP connection proves the source                  | ENUMERATION | CRITICAL | 198.51.100.7 | TCP                | 90       | 0     | false | ISOLATE_PROVEN
          an unproven scanner is asked, not blocked           | SCAN        | CRITICAL | 198.51.100.7 | NONE               | 200      | 0     | false | ASK_UNPROVEN
          an unproven enumeration is asked                    | ENUMERATION | CRITICAL | 198.51.100.7 | NONE               | 200      | 0     | false | ASK_UNPROVEN
          an alert without proof evidence is unproven         | SCAN        | CRITICAL | 198.51.100.7 | -                  | 200      | 0     | false | ASK_UNPROVEN
          an unproven critical flood: the volume is the harm  | FLOOD       | CRITICAL | 198.51.100.7 | VOLUME             | 9000     | 0     | false | ISOLATE_FLOOD
          an unproven flood at warning is asked               | FLOOD       | WARNING  | 198.51.100.7 | NONE               | 900      | 0     | false | ASK_UNPROVEN
          one forged OPTIONS with a scanner UA never blocks   | SCAN        | WARNING  | 198.51.100.7 | NONE               | 1        | 0     | false | LONE_PROBE
          a lone probe even over TCP is only asked about      | SCAN        | WARNING  | 198.51.100.7 | TCP                | 1        | 0     | false | LONE_PROBE
          the unproven budget spent: recorded only            | SCAN        | CRITICAL | 198.51.100.7 | NONE               | 200      | 5     | false | UNPROVEN_CAP_REACHED
          lone probes share that budget                       | SCAN        | WARNING  | 198.51.100.7 | NONE               | 1        | 5     | false | UNPROVEN_CAP_REACHED
          a spent unproven budget never stops a proven block  | SCAN        | CRITICAL | 198.51.100.7 | DIALOG             | 200      | 5     | false | ISOLATE_PROVEN
          a known-good address is asked, even proven          | ENUMERATION | CRITICAL | 192.0.2.10   | DIALOG             | 200      | 0     | false | KNOWN_GOOD
          a known-good address is asked, even flooding        | FLOOD       | CRITICAL | 192.0.2.10   | VOLUME             | 9000     | 0     | false | KNOWN_GOOD
          a proven known-good address: not on the budget      | ENUMERATION | CRITICAL | 192.0.2.10   | DIALOG             | 200      | 5     | false | KNOWN_GOOD
          a forged known-good address: on the budget          | SCAN        | CRITICAL | 192.0.2.10   | NONE               | 200      | 5     | false | UNPROVEN_CAP_REACHED
          dry-run: a proven source is simulated               | SCAN        | CRITICAL | 198.51.100.7 | DIALOG             | 200      | 0     | true  | DRY_RUN
          dry-run: an unproven one is still only asked about  | SCAN        | CRITICAL | 198.51.100.7 | NONE               | 200      | 0     | true  | ASK_UNPROVEN
          the table's ASK still asks about a proven source    | BRUTE_FORCE | WARNING  | 198.51.100.7 | CHALLENGE_ANSWERED | 40       | 0     | false | ASK_OPERATOR
          """)
  void decides(
      String rule,
      AlertKind kind,
      Severity severity,
      String source,
      String proof,
      long requests,
      int asked,
      boolean dry,
      Reason reason) {
    ContainmentConfig cfg = ContainmentConfig.defaults().withDryRun(dry);
    List<Instant> asks = new ArrayList<>();
    for (int i = 0; i < asked; i++) asks.add(NOW.minus(Duration.ofSeconds(30 + i)));
    KnownGood kg =
        s ->
            s.equals(PHONE)
                ? Optional.of(new KnownGoodAddress(PHONE, "acme", "pbx-acme", 34, 7, NOW))
                : Optional.empty();
    var alert = Alerts.of(kind, severity, source, null, proof, requests);
    if (proof.equals("-")) {
      alert =
          new dev.vigie.detect.Alert(
              alert.id(),
              1,
              kind,
              severity,
              source,
              null,
              NOW,
              NOW,
              NOW,
              "no evidence",
              java.util.Map.of());
    }
    Decision d =
        ContainmentPolicy.decide(
            alert, cfg, new History(List.of()).withUnprovenAsks(asks), NOW, kg);
    assertThat(d.reason()).as(rule + ": " + d.detail()).isEqualTo(reason);
    if (reason == Reason.KNOWN_GOOD) {
      assertThat(d.detail()).contains("34 successful registrations of acme's phones");
    }
    if (reason == Reason.ISOLATE_PROVEN) assertThat(d.detail()).contains("proven source (" + proof);
  }
}
