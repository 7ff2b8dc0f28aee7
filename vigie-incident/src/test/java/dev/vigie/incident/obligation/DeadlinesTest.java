package dev.vigie.incident.obligation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Article 23(4) due times in the Paris zone: hours are elapsed hours, a month is a calendar month
 * (DST changes and leap days).
 */
class DeadlinesTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  @ParameterizedTest(name = "[{index}] aware {0}")
  @CsvSource({
    // awareAt,                  early warning (+24 h),      notification (+72 h),       final
    // report (notification due + 1 month)
    // the seed
    "2024-09-23T07:40+02:00, 2024-09-24T07:40+02:00, 2024-09-26T07:40+02:00, 2024-10-26T07:40+02:00",
    // the night before the autumn change (27 Oct 2024 03:00 -> 02:00): 24 h later is 06:40 winter
    // time
    "2024-10-26T07:40+02:00, 2024-10-27T06:40+01:00, 2024-10-29T06:40+01:00, 2024-11-29T06:40+01:00",
    // the day before the spring change (31 Mar 2024 02:00 -> 03:00): 24 h later is 13:00 summer
    // time
    "2024-03-30T12:00+01:00, 2024-03-31T13:00+02:00, 2024-04-02T13:00+02:00, 2024-05-02T13:00+02:00",
    // leap day inside the 72 hours
    "2024-02-28T10:00+01:00, 2024-02-29T10:00+01:00, 2024-03-02T10:00+01:00, 2024-04-02T10:00+02:00",
    // notification due on 31 Jan 2024: one month later is the leap day
    "2024-01-28T09:00+01:00, 2024-01-29T09:00+01:00, 2024-01-31T09:00+01:00, 2024-02-29T09:00+01:00",
    // the same in a common year: 28 February
    "2023-01-28T09:00+01:00, 2023-01-29T09:00+01:00, 2023-01-31T09:00+01:00, 2023-02-28T09:00+01:00",
  })
  void dueTimes(String aware, String early, String notification, String fin) {
    var d = Deadlines.of(at(aware), Map.of(), PARIS, at(aware));
    assertThat(d).extracting(Deadline::kind).containsExactly(ObligationKind.values());
    assertThat(d.get(0).dueAt()).isEqualTo(at(early));
    assertThat(d.get(1).dueAt()).isEqualTo(at(notification));
    assertThat(d.get(2).dueAt()).isEqualTo(at(fin));
    assertThat(d).allMatch(x -> x.status() == DeadlineStatus.DUE);
  }

  @Test
  void theFinalReportRunsFromTheNotificationSubmittedAcrossTheSpringChange() {
    var aware = at("2024-03-12T10:00+01:00");
    var sent =
        new Submission(
            ObligationKind.NOTIFICATION, at("2024-03-14T16:30+01:00"), "CERT-FR-42", "noc", aware);
    var d = Deadlines.of(aware, Map.of(ObligationKind.NOTIFICATION, sent), PARIS, aware);
    // the same wall-clock time one month later, now in summer time
    assertThat(d.get(2).dueAt()).isEqualTo(at("2024-04-14T16:30+02:00"));
    assertThat(d.get(1).status()).isEqualTo(DeadlineStatus.SUBMITTED);
    assertThat(d.get(1).reference()).isEqualTo("CERT-FR-42");
  }

  @Test
  void statusFollowsTheClock() {
    var aware = at("2024-09-23T07:40+02:00");
    var ew =
        new Submission(
            ObligationKind.EARLY_WARNING, at("2024-09-23T12:00+02:00"), null, "noc", aware);
    var d =
        Deadlines.of(
            aware, Map.of(ObligationKind.EARLY_WARNING, ew), PARIS, at("2024-09-26T07:41+02:00"));
    assertThat(d.get(0).status()).isEqualTo(DeadlineStatus.SUBMITTED);
    assertThat(d.get(0).submittedAt()).isEqualTo(at("2024-09-23T12:00+02:00"));
    assertThat(d.get(1).status()).isEqualTo(DeadlineStatus.OVERDUE);
    assertThat(d.get(2).status()).isEqualTo(DeadlineStatus.DUE);
    // exactly at the due time it is still due
    var onTime = Deadlines.of(aware, Map.of(), PARIS, at("2024-09-24T07:40+02:00"));
    assertThat(onTime.get(0).status()).isEqualTo(DeadlineStatus.DUE);
  }
}
