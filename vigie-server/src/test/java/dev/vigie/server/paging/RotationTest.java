package dev.vigie.server.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who is on call when: turns, handover in the zone, daylight saving, overrides. */
class RotationTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static Rotation weekly(List<Rotation.Override> overrides) {
    return new Rotation(
        PARIS,
        true,
        LocalDate.of(2024, 9, 16),
        LocalTime.of(9, 0),
        List.of("marie", "paul", "lea"),
        overrides);
  }

  @Test
  void weeklyTurnsHandOverAt0900Paris() {
    Rotation r = weekly(List.of());
    // 23/09/2024 07h40 Paris (05:40Z): still Marie's week, Paul from 09h00 Paris (07:00Z)
    var s = r.at(Instant.parse("2024-09-23T05:40:00Z"));
    assertThat(s.person()).isEqualTo("marie");
    assertThat(s.until()).isEqualTo(Instant.parse("2024-09-23T07:00:00Z"));
    assertThat(r.next(Instant.parse("2024-09-23T05:40:00Z")).person()).isEqualTo("paul");
    assertThat(r.at(Instant.parse("2024-09-23T07:00:00Z")).person()).isEqualTo("paul");
    assertThat(r.at(Instant.parse("2024-09-30T07:00:00Z")).person()).isEqualTo("lea");
    assertThat(r.at(Instant.parse("2024-10-07T07:00:00Z")).person()).isEqualTo("marie");
    // before the start the turns run backwards: the week before Marie's is Léa's
    assertThat(r.at(Instant.parse("2024-09-16T06:59:59Z")).person()).isEqualTo("lea");
    assertThat(r.at(Instant.parse("2024-09-16T07:00:00Z")).person()).isEqualTo("marie");
  }

  @Test
  void theHandoverStaysAt0900AcrossTheEndOfSummerTime() {
    Rotation r = weekly(List.of());
    // summer time ends on 27/10/2024: Monday 28/10 09h00 Paris is 08:00Z, not 07:00Z
    var s = r.at(Instant.parse("2024-10-27T12:00:00Z"));
    assertThat(s.until()).isEqualTo(Instant.parse("2024-10-28T08:00:00Z"));
    assertThat(s.from()).isEqualTo(Instant.parse("2024-10-21T07:00:00Z"));
  }

  @Test
  void dailyShifts() {
    Rotation r =
        new Rotation(
            PARIS,
            false,
            LocalDate.of(2024, 9, 23),
            LocalTime.of(8, 30),
            List.of("a", "b"),
            List.of());
    assertThat(r.at(Instant.parse("2024-09-23T06:29:00Z")).person()).isEqualTo("b");
    assertThat(r.at(Instant.parse("2024-09-23T06:30:00Z")).person()).isEqualTo("a");
    assertThat(r.at(Instant.parse("2024-09-24T06:30:00Z")).person()).isEqualTo("b");
    assertThat(r.upcoming(Instant.parse("2024-09-23T10:00:00Z"), 3))
        .extracting(Rotation.Shift::person)
        .containsExactly("a", "b", "a");
  }

  @Test
  void anOverrideWinsForItsIntervalAndEndsTheShiftEarly() {
    var o =
        new Rotation.Override(
            "lea", Instant.parse("2024-09-23T03:00:00Z"), Instant.parse("2024-09-23T06:00:00Z"));
    Rotation r = weekly(List.of(o));
    assertThat(r.at(Instant.parse("2024-09-23T02:59:00Z")).until()).isEqualTo(o.from());
    var s = r.at(Instant.parse("2024-09-23T05:40:00Z"));
    assertThat(s.person()).isEqualTo("lea");
    assertThat(s.override()).isTrue();
    assertThat(r.next(Instant.parse("2024-09-23T05:40:00Z")).person()).isEqualTo("marie");
    assertThat(r.at(Instant.parse("2024-09-23T06:00:00Z")).person()).isEqualTo("marie");
  }
}
