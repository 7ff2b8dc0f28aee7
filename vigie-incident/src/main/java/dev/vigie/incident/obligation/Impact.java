package dev.vigie.incident.obligation;

import dev.vigie.incident.InvalidIncidentException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The impact facts of an incident that the NIS2 classification reads (docs/obligations.md). Every
 * field may be null: not known (yet). Immutable; {@link #merged} applies an edit.
 *
 * @param unavailableFrom start of the complete unavailability of the service
 * @param unavailableUntil its end, null while it lasts (measured up to now)
 * @param degradedFrom start of the limited availability (calls failing for some users)
 * @param degradedUntil its end, null while it lasts
 * @param usersAffected users affected as stated by an operator; null means the sum of {@code users}
 *     of the incident's catalogue clients
 * @param suspectedMalicious set when a security alert opened or joined the incident, or by an
 *     operator
 * @param crossBorder whether the incident affects (or could affect) other Member States, for the
 *     early warning; null when not assessed
 * @param indicators indicators of compromise collected from security alerts (source addresses,
 *     User-Agents), at most {@link #MAX_INDICATORS}
 */
public record Impact(
    Instant unavailableFrom,
    Instant unavailableUntil,
    Instant degradedFrom,
    Instant degradedUntil,
    Long usersAffected,
    Boolean suspectedMalicious,
    Boolean crossBorder,
    List<String> indicators) {

  /** Indicators kept per incident: a flood of spoofed sources must not grow a report. */
  public static final int MAX_INDICATORS = 50;

  /** Nothing known. */
  public static final Impact NONE = new Impact(null, null, null, null, null, null, null, List.of());

  public Impact {
    window("unavailable", unavailableFrom, unavailableUntil);
    window("degraded", degradedFrom, degradedUntil);
    if (usersAffected != null && usersAffected < 0) {
      throw new InvalidIncidentException("usersAffected must be >= 0, got " + usersAffected);
    }
    indicators = indicators == null ? List.of() : bounded(indicators);
  }

  private static void window(String name, Instant from, Instant until) {
    if (from != null && until != null && until.isBefore(from)) {
      throw new InvalidIncidentException(
          name + "Until " + until + " is before " + name + "From " + from);
    }
  }

  private static List<String> bounded(List<String> in) {
    var set = new LinkedHashSet<String>();
    for (var s : in) {
      if (s != null && !s.isBlank() && set.size() < MAX_INDICATORS) {
        set.add(s.strip().length() > 200 ? s.strip().substring(0, 200) : s.strip());
      }
    }
    return List.copyOf(set);
  }

  /**
   * These facts with the non-null fields of {@code edit} applied; indicators are added to the known
   * ones (still bounded).
   */
  public Impact merged(Impact edit) {
    var ind = new ArrayList<>(indicators);
    ind.addAll(edit.indicators);
    return new Impact(
        or(edit.unavailableFrom, unavailableFrom),
        or(edit.unavailableUntil, unavailableUntil),
        or(edit.degradedFrom, degradedFrom),
        or(edit.degradedUntil, degradedUntil),
        or(edit.usersAffected, usersAffected),
        or(edit.suspectedMalicious, suspectedMalicious),
        or(edit.crossBorder, crossBorder),
        ind);
  }

  /**
   * These facts if complete enough to store: an end of a window needs its start (an edit may give
   * the end alone when the start is stored already, so this is checked after {@link #merged}).
   *
   * @throws InvalidIncidentException naming the field
   */
  public Impact complete() {
    if (unavailableUntil != null && unavailableFrom == null) {
      throw new InvalidIncidentException("unavailableUntil is set without unavailableFrom");
    }
    if (degradedUntil != null && degradedFrom == null) {
      throw new InvalidIncidentException("degradedUntil is set without degradedFrom");
    }
    return this;
  }

  /** Whether the malicious-cause flag is set. */
  public boolean malicious() {
    return Boolean.TRUE.equals(suspectedMalicious);
  }

  /** The names of the fields that differ from {@code other}, in declaration order. */
  public List<String> changedFrom(Impact other) {
    var out = new ArrayList<String>();
    diff(out, "unavailableFrom", unavailableFrom, other.unavailableFrom);
    diff(out, "unavailableUntil", unavailableUntil, other.unavailableUntil);
    diff(out, "degradedFrom", degradedFrom, other.degradedFrom);
    diff(out, "degradedUntil", degradedUntil, other.degradedUntil);
    diff(out, "usersAffected", usersAffected, other.usersAffected);
    diff(out, "suspectedMalicious", suspectedMalicious, other.suspectedMalicious);
    diff(out, "crossBorder", crossBorder, other.crossBorder);
    diff(out, "indicators", indicators, other.indicators);
    return out;
  }

  private static void diff(List<String> out, String name, Object a, Object b) {
    if (!Objects.equals(a, b)) {
      out.add(name);
    }
  }

  private static <T> T or(T a, T b) {
    return a != null ? a : b;
  }
}
