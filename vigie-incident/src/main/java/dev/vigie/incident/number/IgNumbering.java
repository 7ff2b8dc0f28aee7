package dev.vigie.incident.number;

import dev.vigie.incident.InvalidIncidentException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Assigns IG numbers: the day is the start instant's date in the provider's time zone (default
 * {@code Europe/Paris}), the sequence comes from the {@link SequenceSource}. Thread-safe when the
 * source is. The number is fixed at creation: editing the start afterwards does not renumber (a
 * number, once given to clients, stays).
 */
public final class IgNumbering {
  /** The provider's zone when the configuration names none. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

  private final ZoneId zone;
  private final SequenceSource sequences;

  public IgNumbering(ZoneId zone, SequenceSource sequences) {
    if (zone == null || sequences == null) {
      throw new InvalidIncidentException("incident.zone and a sequence source are required");
    }
    this.zone = zone;
    this.sequences = sequences;
  }

  /** Numbering in Europe/Paris. */
  public static IgNumbering paris(SequenceSource sequences) {
    return new IgNumbering(DEFAULT_ZONE, sequences);
  }

  /**
   * Parses a configured zone id.
   *
   * @throws InvalidIncidentException naming the key and the bad value
   */
  public static ZoneId zone(String key, String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_ZONE;
    }
    try {
      return ZoneId.of(value.strip());
    } catch (java.time.DateTimeException e) {
      throw new InvalidIncidentException(key + " '" + value + "' is not a time zone id", e);
    }
  }

  public ZoneId zone() {
    return zone;
  }

  /** The day an incident starting at {@code startedAt} is numbered under. */
  public LocalDate dayOf(Instant startedAt) {
    return startedAt.atZone(zone).toLocalDate();
  }

  /** Takes the next number for an incident starting at {@code startedAt}. */
  public IgNumber next(Instant startedAt) {
    var day = dayOf(startedAt);
    return new IgNumber(day, sequences.next(day));
  }
}
