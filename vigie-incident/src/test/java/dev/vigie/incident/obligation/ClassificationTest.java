package dev.vigie.incident.obligation;

import static dev.vigie.incident.TestClock.paris;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.incident.Language;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Implementing Regulation (EU) 2024/2690 Art. 10 thresholds, one row per criterion edge. */
class ClassificationTest {
  private static final Instant T0 = paris("2024-09-23T07:40:00");
  private static final Instant NOW = paris("2024-09-24T12:00:00");

  private static Impact facts(int downMinutes, int degradedMinutes, Long users, boolean malicious) {
    return new Impact(
        downMinutes < 0 ? null : T0,
        downMinutes < 0 ? null : T0.plus(Duration.ofMinutes(downMinutes)),
        degradedMinutes < 0 ? null : T0,
        degradedMinutes < 0 ? null : T0.plus(Duration.ofMinutes(degradedMinutes)),
        users,
        malicious,
        null,
        List.of());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    // case, unavailable min (-1 none), degraded min (-1 none), users affected, total, malicious,
    // significant
    "'seed: 07h40-11h05 down (Art. 10(a))',            205, -1, 200, 200, false, true",
    "'down exactly 30 min is not more than 30',        30,  -1, 200, 200, false, false",
    "'down 31 min (Art. 10(a))',                       31,  -1, 200, 200, false, true",
    "'20-min partial incident, 1 % of users',          -1,  20,   2, 200, false, false",
    "'limited 61 min for 6 % (Art. 10(b))',            -1,  61,  12, 200, false, true",
    "'limited 61 min for exactly 5 % is not more',     -1,  61,  10, 200, false, false",
    "'limited 60 min for everyone is not more than 1h', -1, 60, 200, 200, false, false",
    "'limited 2 h for 1 % only',                       -1, 120,   2, 200, false, false",
    "'malicious compromise suspected (Art. 10(c))',    -1,  -1,   0, 200, true,  true",
    "'limited 2 h, total unknown: 1 million cap',      -1, 120, 999999, 0, false, false",
    "'limited 2 h, total unknown, over 1 million',     -1, 120, 1000001, 0, false, true",
    "'down 25 min inside 65 min limited for all', 25, 65, 200, 200, false, true",
  })
  void table(
      String name,
      int down,
      int degraded,
      long users,
      long total,
      boolean malicious,
      boolean significant) {
    var c =
        Classification.of(
            facts(down, degraded, users, malicious), users, total, Thresholds.REGULATION, NOW);
    assertThat(c.significant()).as(name).isEqualTo(significant);
    assertThat(c.reasons()).hasSize(3);
    assertThat(c.reasons().stream().filter(Reason::met).count() > 0).isEqualTo(significant);
  }

  @Test
  void reasonsAreWordsInBothLanguages() {
    var c = Classification.of(facts(205, -1, 200L, false), 200, 200, Thresholds.REGULATION, NOW);
    var fr = Words.of(Language.FR, ZoneId.of("Europe/Paris"));
    var en = Words.of(Language.EN, ZoneId.of("Europe/Paris"));
    assertThat(c.reasons().get(0).words(fr))
        .isEqualTo(
            "Service complètement indisponible pendant 3 h 25 min, plus de 30 min (règlement"
                + " d'exécution (UE) 2024/2690, art. 10, point a)).");
    assertThat(c.reasons().get(0).words(en))
        .isEqualTo(
            "Service completely unavailable for 3 h 25 min, more than 30 min (Implementing"
                + " Regulation (EU) 2024/2690, Art. 10(a)).");
    var partial = Classification.of(facts(-1, 20, 2L, false), 2, 200, Thresholds.REGULATION, NOW);
    assertThat(partial.reasons().get(1).words(en))
        .isEqualTo("Availability limited for 20 min, not more than 1 h (Art. 10(b)).");
    for (var r : partial.reasons()) {
      assertThat(r.words(fr)).doesNotContain("{", "PT", "_");
    }
  }

  @Test
  void anOpenWindowIsMeasuredUpToNow() {
    var open = new Impact(T0, null, null, null, 5L, null, null, List.of());
    var t = Thresholds.REGULATION;
    assertThat(Classification.of(open, 5, 200, t, T0.plusSeconds(29 * 60)).significant()).isFalse();
    assertThat(Classification.of(open, 5, 200, t, T0.plusSeconds(31 * 60)).significant()).isTrue();
  }

  @Test
  void configuredThresholdsApply() {
    var strict = new Thresholds(Duration.ofMinutes(10), Duration.ofMinutes(15), 1.0, 1000);
    var partial = facts(-1, 20, 3L, false);
    assertThat(Classification.of(partial, 3, 200, strict, NOW).significant()).isTrue();
    assertThat(Classification.of(partial, 3, 200, Thresholds.REGULATION, NOW).significant())
        .isFalse();
  }

  @Test
  void durationsInWords() {
    var fr = Words.of(Language.FR, ZoneId.of("Europe/Paris"));
    var en = Words.of(Language.EN, ZoneId.of("Europe/Paris"));
    assertThat(fr.duration(Duration.ofMinutes(200))).isEqualTo("3 h 20 min");
    assertThat(fr.duration(Duration.ofMinutes(45))).isEqualTo("45 min");
    assertThat(fr.duration(Duration.ofHours(3))).isEqualTo("3 h");
    assertThat(fr.duration(Duration.ofHours(28))).isEqualTo("1 j 4 h");
    assertThat(en.duration(Duration.ofHours(28))).isEqualTo("1 d 4 h");
    assertThat(en.duration(Duration.ZERO)).isEqualTo("0 min");
  }
}
