package dev.vigie.incident.number;

import dev.vigie.incident.InvalidIncidentException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * An IG incident number {@code IG-YYYY-MM-DD-NNN}: the day the incident started in the provider's
 * time zone and a per-day sequence from 1. The sequence is written with at least three digits
 * ({@code 001}); a 1000th incident of a day would be {@code IG-…-1000}.
 */
public record IgNumber(LocalDate day, int sequence) implements Comparable<IgNumber> {
  private static final Pattern FORMAT = Pattern.compile("IG-(\\d{4})-(\\d{2})-(\\d{2})-(\\d{3,9})");

  public IgNumber {
    if (day == null) {
      throw new InvalidIncidentException("IG number day is missing");
    }
    if (sequence < 1) {
      throw new InvalidIncidentException("IG number sequence " + sequence + " is not >= 1");
    }
  }

  /**
   * Parses {@code IG-YYYY-MM-DD-NNN}.
   *
   * @throws InvalidIncidentException naming the bad value
   */
  public static IgNumber parse(String text) {
    var m = text == null ? null : FORMAT.matcher(text.strip());
    if (m == null || !m.matches()) {
      throw new InvalidIncidentException(
          "incident number '" + text + "' is not of the form IG-YYYY-MM-DD-NNN");
    }
    try {
      var day =
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
      int sequence = Integer.parseInt(m.group(4));
      if (sequence < 1) {
        throw new InvalidIncidentException(
            "incident number '" + text + "' has sequence 0; sequences start at 001");
      }
      return new IgNumber(day, sequence);
    } catch (DateTimeException e) {
      throw new InvalidIncidentException(
          "incident number '" + text + "' has an invalid date: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return String.format("IG-%s-%03d", day, sequence);
  }

  @Override
  public int compareTo(IgNumber o) {
    int c = day.compareTo(o.day);
    return c != 0 ? c : Integer.compare(sequence, o.sequence);
  }
}
