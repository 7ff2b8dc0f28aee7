package dev.vigie.incident.number;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.incident.Concurrently;
import dev.vigie.incident.InvalidIncidentException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IgNumberTest {
  @ParameterizedTest(name = "{0} in {1} -> {2}")
  @CsvSource({
    // summer (CEST, UTC+2): 23:30 UTC on the 22nd is 01:30 on the 23rd in Paris
    "2024-06-22T23:30:00Z, Europe/Paris, IG-2024-06-23-001",
    // summer: 21:59 UTC is still 23:59 on the 22nd
    "2024-06-22T21:59:00Z, Europe/Paris, IG-2024-06-22-001",
    // summer: 22:00 UTC is midnight on the 23rd
    "2024-06-22T22:00:00Z, Europe/Paris, IG-2024-06-23-001",
    // winter (CET, UTC+1): 22:59 UTC is 23:59 on the 22nd, 23:00 UTC is the 23rd
    "2024-01-22T22:59:00Z, Europe/Paris, IG-2024-01-22-001",
    "2024-01-22T23:00:00Z, Europe/Paris, IG-2024-01-23-001",
    // the seed: 07h40 in Paris on 23/09/2024
    "2024-09-23T05:40:00Z, Europe/Paris, IG-2024-09-23-001",
    // another configured zone
    "2024-06-22T23:30:00Z, UTC, IG-2024-06-22-001",
    "2024-06-22T13:30:00Z, Pacific/Auckland, IG-2024-06-23-001"
  })
  void dayIsTheStartDateInTheProviderZone(String start, String zone, String expected) {
    var numbering = new IgNumbering(ZoneId.of(zone), new InMemorySequenceSource());
    assertThat(numbering.next(Instant.parse(start))).hasToString(expected);
  }

  @Test
  void sequenceIsPerDayAndFormattedOnThreeDigits() {
    var numbering = IgNumbering.paris(new InMemorySequenceSource());
    var day1 = Instant.parse("2024-09-23T05:40:00Z");
    var day2 = Instant.parse("2024-09-24T05:40:00Z");
    assertThat(numbering.next(day1)).hasToString("IG-2024-09-23-001");
    assertThat(numbering.next(day1)).hasToString("IG-2024-09-23-002");
    assertThat(numbering.next(day2)).hasToString("IG-2024-09-24-001");
    assertThat(numbering.next(day1)).hasToString("IG-2024-09-23-003");
    assertThat(new IgNumber(LocalDate.of(2024, 9, 23), 1000)).hasToString("IG-2024-09-23-1000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"IG-2024-09-23-001", "IG-2024-09-23-042", "IG-2025-12-31-1000"})
  void parseRoundTrips(String text) {
    assertThat(IgNumber.parse(text)).hasToString(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "IG-2024-9-23-001",
        "IG-2024-09-23-01",
        "IG-2024-13-01-001",
        "IG-2024-02-30-001",
        "INC-2024-09-23-001",
        "IG-2024-09-23-000"
      })
  void parseRejectsWithTheValue(String text) {
    assertThatThrownBy(() -> IgNumber.parse(text))
        .isInstanceOf(InvalidIncidentException.class)
        .hasMessageContaining(text.isEmpty() ? "IG-YYYY-MM-DD-NNN" : text);
  }

  @Test
  void badZoneNamesTheKey() {
    assertThatThrownBy(() -> IgNumbering.zone("incident.zone", "Europe/Pariss"))
        .hasMessage("incident.zone 'Europe/Pariss' is not a time zone id");
    assertThat(IgNumbering.zone("incident.zone", null)).isEqualTo(ZoneId.of("Europe/Paris"));
  }

  /** 16 threads take 500 numbers each for the same two days: no duplicate, no gap. */
  @Test
  void concurrentNumberingNeverDuplicates() throws Exception {
    var numbering = IgNumbering.paris(new InMemorySequenceSource());
    int threads = 16;
    int each = 500;
    var perThread =
        Concurrently.run(
            threads,
            t -> {
              var at = Instant.parse(t % 2 == 0 ? "2024-06-22T23:30:00Z" : "2024-06-23T12:00:00Z");
              var got = new ArrayList<String>(each);
              for (int i = 0; i < each; i++) {
                got.add(numbering.next(at).toString());
              }
              return got;
            });
    var all = new ArrayList<String>();
    perThread.forEach(all::addAll);
    assertThat(all).hasSize(threads * each);
    assertThat(new HashSet<>(all)).hasSize(threads * each);
    // both instants are the 23rd in Paris: one sequence 1..8000
    assertThat(all).allMatch(n -> n.startsWith("IG-2024-06-23-"));
    assertThat(all.stream().mapToInt(n -> IgNumber.parse(n).sequence()).max().orElseThrow())
        .isEqualTo(threads * each);
  }
}
