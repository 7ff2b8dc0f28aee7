package dev.vigie.detect.pressure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.AlertListener;
import dev.vigie.detect.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PLATFORM_PRESSURE episodes: warning, escalation, closing when back under, per machine. */
class PressureEpisodesTest {
  private static final PressureMetric DISK = new PressureMetric("diskWriteBytes", "q", 1000, 0.8);
  private static final PressureMetric PPS = new PressureMetric("packetsPerSecond", "q", 50000, 0.8);
  private final List<Alert> raised = new ArrayList<>();
  private final List<Alert> resolved = new ArrayList<>();
  private final AlertListener toLists = AlertListener.of(raised::add, resolved::add);
  private final PressureEpisodes episodes = new PressureEpisodes(toLists);

  private final Instant t0 = Instant.parse("2024-09-23T05:30:00Z");

  private void poll(String machine, int second, double disk, double pps) {
    episodes.observe(
        machine,
        List.of(PressureReading.of(DISK, disk), PressureReading.of(PPS, pps)),
        t0.plusSeconds(second));
  }

  @Test
  void warnsEscalatesOnceAndClosesWhenEveryMetricIsBackUnder() {
    poll("pbx-acme", 0, 100, 1000);
    assertThat(raised).isEmpty();
    poll("pbx-acme", 15, 850, 1000);
    assertThat(raised).hasSize(1);
    Alert w = raised.getFirst();
    assertThat(w.kind()).isEqualTo(AlertKind.PLATFORM_PRESSURE);
    assertThat(w.severity()).isEqualTo(Severity.WARNING);
    assertThat(w.machine()).isEqualTo("pbx-acme");
    assertThat(w.source()).isNull();
    assertThat(w.id())
        .isEqualTo("PLATFORM_PRESSURE:-:pbx-acme:" + t0.plusSeconds(15).getEpochSecond());
    assertThat(w.evidence())
        .containsEntry("metric", "diskWriteBytes")
        .containsEntry("value", 850.0)
        .containsEntry("threshold", 1000.0)
        .containsEntry("fraction", 0.85)
        .containsEntry("percent", 85L)
        .containsEntry("warningFraction", 0.8);

    poll("pbx-acme", 30, 900, 1000); // still warning: no new revision
    assertThat(raised).hasSize(1);
    poll("pbx-acme", 45, 900, 52000); // packets at their block: critical, the worst metric named
    assertThat(raised).hasSize(2);
    Alert c = raised.get(1);
    assertThat(c.id()).isEqualTo(w.id());
    assertThat(c.revision()).isEqualTo(2);
    assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(c.evidence()).containsEntry("metric", "packetsPerSecond");
    assertThat((List<?>) c.evidence().get("metrics")).hasSize(2);

    poll("pbx-acme", 60, 900, Double.NaN); // no data for one metric, the other still warning
    poll("pbx-acme", 75, 100, Double.NaN); // disk back under, packets unknown: not recovered
    assertThat(resolved).isEmpty();
    poll("pbx-acme", 90, 100, 1000);
    assertThat(resolved).hasSize(1);
    Alert r = resolved.getFirst();
    assertThat(r.id()).isEqualTo(w.id());
    assertThat(r.revision()).isEqualTo(3);
    assertThat(r.evidence())
        .containsEntry("recoveredAt", t0.plusSeconds(90).toString())
        .containsEntry("pressureSeconds", 75L);
    assertThat(episodes.openAlerts()).isEmpty();

    poll("pbx-acme", 105, 1200, 1000); // a new episode, a new id
    assertThat(raised).hasSize(3);
    assertThat(raised.get(2).id()).isNotEqualTo(w.id());
    assertThat(raised.get(2).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void eachMachineHasItsOwnEpisode() {
    poll("pbx-acme", 0, 950, 0);
    poll("pbx-globex", 0, 10, 0);
    assertThat(raised).extracting(Alert::machine).containsExactly("pbx-acme");
    assertThat(episodes.openAlert("pbx-globex")).isNull();
  }

  @Test
  void aResumedEpisodeIsClosedOrContinuedByTheFirstPollNeverOpenedAgain() {
    poll("pbx-acme", 0, 1200, 1000);
    poll("pbx-globex", 0, 850, 1000);
    Alert acme = raised.get(0);
    Alert globex = raised.get(1);
    // a new run (restart): a fresh instance given back the stored, still open episodes
    raised.clear();
    var fresh = new ArrayList<Alert>();
    var after = new PressureEpisodes(AlertListener.of(fresh::add, resolved::add));
    assertThat(after.resume(acme)).isNull();
    assertThat(after.resume(globex)).isNull();
    List<PressureReading> under =
        List.of(PressureReading.of(DISK, 100), PressureReading.of(PPS, 1));
    after.observe("pbx-acme", under, t0.plusSeconds(600));
    assertThat(resolved).hasSize(1);
    assertThat(resolved.getFirst().id()).isEqualTo(acme.id());
    assertThat(resolved.getFirst().revision()).isEqualTo(acme.revision() + 1);
    assertThat(resolved.getFirst().evidence()).containsEntry("pressureSeconds", 600L);
    // still over, now critical: the same episode escalates; still over again: nothing new
    List<PressureReading> over =
        List.of(PressureReading.of(DISK, 1100), PressureReading.of(PPS, 1));
    after.observe("pbx-globex", over, t0.plusSeconds(600));
    after.observe("pbx-globex", over, t0.plusSeconds(615));
    assertThat(fresh).hasSize(1);
    assertThat(fresh.getFirst().id()).isEqualTo(globex.id());
    assertThat(fresh.getFirst().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(fresh.getFirst().revision()).isEqualTo(globex.revision() + 1);
    // no data is not "back under" for a resumed episode either
    after.observe("pbx-globex", List.of(PressureReading.noData(DISK)), t0.plusSeconds(630));
    assertThat(after.openAlert("pbx-globex").id()).isEqualTo(globex.id());
  }

  /**
   * After a gap in the polls, the history says when the machine went back under: recoveredAt,
   * pressureSeconds and the last sight are that moment. An answer outside the gap (before the last
   * sight, after the poll) or none leaves the poll's time.
   */
  @Test
  void anEpisodeClosedAfterAGapTakesTheMomentTheHistoryTells() {
    poll("pbx-acme", 0, 1200, 1000);
    Alert open = raised.getFirst();
    List<Instant> asked = new ArrayList<>();
    Instant[] answer = {t0.plusSeconds(130)};
    var after =
        new PressureEpisodes(
            toLists,
            (machine, from, to) -> {
              asked.add(from);
              asked.add(to);
              return answer[0];
            });
    List<PressureReading> under =
        List.of(PressureReading.of(DISK, 100), PressureReading.of(PPS, 1));
    after.resume(open);
    after.observe("pbx-acme", under, t0.plusSeconds(600));
    assertThat(asked).containsExactly(t0, t0.plusSeconds(600));
    Alert closed = resolved.getLast();
    assertThat(closed.evidence())
        .containsEntry("recoveredAt", "2024-09-23T05:32:10Z")
        .containsEntry("pressureSeconds", 130L);
    assertThat(closed.lastSeen()).isEqualTo(t0.plusSeconds(130));

    for (Instant wrong : new Instant[] {t0.minusSeconds(5), t0.plusSeconds(700), null}) {
      answer[0] = wrong;
      after.resume(open);
      after.observe("pbx-acme", under, t0.plusSeconds(600));
      assertThat(resolved.getLast().evidence())
          .as("history answered %s", wrong)
          .containsEntry("recoveredAt", "2024-09-23T05:40:00Z")
          .containsEntry("pressureSeconds", 600L);
    }
  }

  @Test
  void resumeKeepsTheLatestEpisodeOfAMachineAndRefusesAClosedOne() {
    poll("pbx-acme", 0, 900, 1000);
    Alert older = raised.getFirst();
    poll("pbx-acme", 30, 100, 1);
    Alert closed = resolved.getFirst();
    poll("pbx-acme", 60, 900, 1000);
    Alert newer = raised.getLast();
    var after = new PressureEpisodes(AlertListener.NONE);
    assertThat(after.resume(newer)).isNull();
    assertThat(after.resume(older)).isSameAs(older);
    assertThat(after.openAlert("pbx-acme")).isSameAs(newer);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> after.resume(closed))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clearForgetsOpenEpisodesSilentlyAndResumeTakesThemBack() {
    poll("pbx-acme", 0, 900, 1000);
    Alert open = raised.getFirst();
    episodes.clear();
    assertThat(episodes.openAlerts()).isEmpty();
    assertThat(resolved).as("forgetting is not closing").isEmpty();
    // without the episode, the next poll under pressure would open a second one...
    assertThat(episodes.resume(open)).isNull();
    // ...taken back, it continues under its id and closes it
    poll("pbx-acme", 30, 950, 1000);
    assertThat(raised).hasSize(1);
    poll("pbx-acme", 60, 100, 1);
    assertThat(resolved).hasSize(1);
    assertThat(resolved.getFirst().id()).isEqualTo(open.id());
  }
}
