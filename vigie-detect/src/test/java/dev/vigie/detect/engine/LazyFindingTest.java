package dev.vigie.detect.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.AlertListener;
import dev.vigie.detect.Severity;
import dev.vigie.detect.rule.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The findings that only update an open episode have their texts made when the alert is read, not
 * every second: the alert read then is the one the eager episode gave (the last finding's evidence
 * and last packet; its summary unless it is below the episode's severity), and a finding that makes
 * a revision (escalation, magnitude doubled, a new proof) is notified with its own texts at once.
 */
class LazyFindingTest {
  private static final long T = 1_700_000_000_000_000L;
  private final AtomicInteger made = new AtomicInteger();
  private final List<Alert> notified = new ArrayList<>();
  private final Episodes episodes =
      new Episodes(
          new AlertListener() {
            @Override
            public void onAlert(Alert a) {
              notified.add(a);
            }

            @Override
            public void onResolved(Alert a) {}
          },
          60,
          100);

  private Finding finding(Severity sev, double magnitude, String proof, int n) {
    return Finding.lazy(
        AlertKind.FLOOD,
        sev,
        magnitude,
        proof,
        () -> {
          made.incrementAndGet();
          return "flood " + n;
        },
        () -> {
          made.incrementAndGet();
          return proof == null ? Map.of("n", n) : Map.of("n", n, "proof", proof);
        });
  }

  private void offer(Finding f, int second) {
    long now = T + second * 1_000_000L;
    episodes.offer(f, "198.51.100.7", "pbx-acme", T, now, now);
  }

  @Test
  void updatesAreMadeWhenReadAndEqualTheEagerAlert() {
    offer(finding(Severity.CRITICAL, 100, "NONE", 1), 0);
    assertThat(notified).hasSize(1);
    assertThat(made).hasValue(2); // a new episode: its alert is built and told at once
    offer(finding(Severity.CRITICAL, 110, "NONE", 2), 1);
    offer(finding(Severity.WARNING, 90, "NONE", 3), 2); // below the episode: keeps a summary
    offer(finding(Severity.CRITICAL, 120, "NONE", 4), 3);
    offer(finding(Severity.WARNING, 95, "NONE", 5), 4);
    assertThat(made).as("nothing made for updates not read").hasValue(2);
    assertThat(notified).hasSize(1);

    Alert a = episodes.alerts().get(0);
    assertThat(a.revision()).isEqualTo(1);
    assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(a.summary()).isEqualTo("flood 4"); // the last finding at the episode's severity
    assertThat(a.evidence()).containsEntry("n", 5); // the last finding's evidence
    assertThat(a.lastSeen()).isEqualTo(Episodes.instant(T + 4_000_000L));
    assertThat(episodes.alerts().get(0)).isSameAs(a);
  }

  @Test
  void aRevisionIsToldWithItsOwnTextsAfterTheUpdatesBeforeIt() {
    offer(finding(Severity.WARNING, 10, "NONE", 1), 0);
    offer(finding(Severity.WARNING, 12, "NONE", 2), 1);
    offer(finding(Severity.WARNING, 13, "TCP", 3), 2); // a proof the alert did not have
    assertThat(notified).hasSize(2);
    Alert r2 = notified.get(1);
    assertThat(r2.revision()).isEqualTo(2);
    assertThat(r2.summary()).isEqualTo("flood 3");
    assertThat(r2.evidence()).containsEntry("proof", "TCP");
    offer(finding(Severity.WARNING, 14, "TCP", 4), 3); // the same proof again: an update
    offer(finding(Severity.CRITICAL, 15, "TCP", 5), 4); // escalation
    assertThat(notified).hasSize(3);
    assertThat(notified.get(2).revision()).isEqualTo(3);
    assertThat(notified.get(2).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(notified.get(2).summary()).isEqualTo("flood 5");
    assertThat(notified.get(2).lastSeen()).isEqualTo(Episodes.instant(T + 4_000_000L));
  }

  @Test
  void anEagerFindingKeepsItsEvidenceProof() {
    Finding f = new Finding(AlertKind.SCAN, Severity.WARNING, 1, "scan", Map.of("proof", "DIALOG"));
    assertThat(f.proof()).isEqualTo("DIALOG");
    assertThat(f.summary()).isEqualTo("scan");
    assertThat(finding(Severity.WARNING, 1, null, 9))
        .isEqualTo(finding(Severity.WARNING, 1, null, 9));
  }
}
