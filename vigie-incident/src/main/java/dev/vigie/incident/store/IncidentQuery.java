package dev.vigie.incident.store;

import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.InvalidIncidentException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * A search over incidents. Null or empty fields do not filter.
 *
 * @param statuses statuses to keep (empty: all)
 * @param text case-insensitive substring of number, title, services, client impact or cause
 * @param startedFrom inclusive lower bound of startedAt
 * @param startedBefore exclusive upper bound of startedAt
 * @param limit at most this many (1..1000)
 */
public record IncidentQuery(
    Set<IncidentStatus> statuses,
    String text,
    Instant startedFrom,
    Instant startedBefore,
    int limit) {
  public IncidentQuery {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    text = text == null || text.isBlank() ? null : text.strip();
    if (limit < 1 || limit > 1000) {
      throw new InvalidIncidentException("limit " + limit + " is not within 1..1000");
    }
  }

  /** Every incident, up to 100. */
  public static IncidentQuery all() {
    return new IncidentQuery(null, null, null, null, 100);
  }

  /** Whether an incident matches (used by the in-memory store, mirrors the SQL). */
  public boolean matches(Incident i) {
    if (!statuses.isEmpty() && !statuses.contains(i.status())) {
      return false;
    }
    if (startedFrom != null && i.startedAt().isBefore(startedFrom)) {
      return false;
    }
    if (startedBefore != null && !i.startedAt().isBefore(startedBefore)) {
      return false;
    }
    if (text == null) {
      return true;
    }
    var needle = text.toLowerCase(Locale.ROOT);
    var hay =
        String.join(
                "\n",
                i.number(),
                i.title(),
                String.join("\n", i.services()),
                String.valueOf(i.clientImpact()),
                String.valueOf(i.cause()))
            .toLowerCase(Locale.ROOT);
    return hay.contains(needle);
  }
}
