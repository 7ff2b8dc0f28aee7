package dev.vigie.incident.obligation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an incident is significant under Implementing Regulation (EU) 2024/2690, Article 10
 * (managed service providers), and why: every criterion is checked and reported, met or not, so an
 * incident that is not significant says why. A pure function of the facts, the thresholds and the
 * instant (an open window is measured up to {@code now}).
 *
 * @param significant whether at least one criterion is met
 * @param reasons the criteria checked, in the article's order
 */
public record Classification(boolean significant, List<Reason> reasons) {
  public Classification {
    reasons = List.copyOf(reasons);
  }

  /**
   * Classifies.
   *
   * @param impact the incident's facts
   * @param usersAffected the users affected (stated, or from the catalogue)
   * @param totalUsers the users of the service (0 when unknown: the cap alone applies)
   */
  public static Classification of(
      Impact impact, long usersAffected, long totalUsers, Thresholds t, Instant now) {
    var reasons = new ArrayList<Reason>();
    // Art. 10(a): complete unavailability
    var down = length(impact.unavailableFrom(), impact.unavailableUntil(), now);
    if (impact.unavailableFrom() == null) {
      reasons.add(Reason.of("reason.unavailable.none", false, t.unavailableOver()));
    } else if (down.compareTo(t.unavailableOver()) > 0) {
      reasons.add(Reason.of("reason.unavailable.over", true, down, t.unavailableOver()));
    } else {
      reasons.add(Reason.of("reason.unavailable.under", false, down, t.unavailableOver()));
    }
    // Art. 10(b): limited availability (complete unavailability is a limitation too)
    var limited = union(impact, now);
    double threshold = t.usersThreshold(totalUsers);
    if (limited.isZero()) {
      reasons.add(Reason.of("reason.limited.none", false, t.limitedOver()));
    } else if (limited.compareTo(t.limitedOver()) <= 0) {
      reasons.add(Reason.of("reason.limited.short", false, limited, t.limitedOver()));
    } else if (usersAffected > threshold) {
      reasons.add(
          Reason.of(
              "reason.limited.over", true, limited, t.limitedOver(), usersAffected, threshold));
    } else {
      reasons.add(
          Reason.of("reason.limited.few", false, limited, usersAffected, threshold, totalUsers));
    }
    // Art. 10(c): suspected malicious action
    reasons.add(
        impact.malicious()
            ? Reason.of("reason.malicious.yes", true)
            : Reason.of("reason.malicious.no", false));
    return new Classification(reasons.stream().anyMatch(Reason::met), reasons);
  }

  private static Duration length(Instant from, Instant until, Instant now) {
    if (from == null) {
      return Duration.ZERO;
    }
    var end = until != null ? until : now;
    return end.isAfter(from) ? Duration.between(from, end) : Duration.ZERO;
  }

  /** The length of the union of the unavailable and degraded windows. */
  private static Duration union(Impact i, Instant now) {
    var a = window(i.unavailableFrom(), i.unavailableUntil(), now);
    var b = window(i.degradedFrom(), i.degradedUntil(), now);
    if (a == null || b == null) {
      var w = a != null ? a : b;
      return w == null ? Duration.ZERO : Duration.between(w[0], w[1]);
    }
    if (a[1].isBefore(b[0]) || b[1].isBefore(a[0])) {
      return Duration.between(a[0], a[1]).plus(Duration.between(b[0], b[1]));
    }
    var from = a[0].isBefore(b[0]) ? a[0] : b[0];
    var to = a[1].isAfter(b[1]) ? a[1] : b[1];
    return Duration.between(from, to);
  }

  private static Instant[] window(Instant from, Instant until, Instant now) {
    if (from == null) {
      return null;
    }
    var end = until != null ? until : now;
    return new Instant[] {from, end.isAfter(from) ? end : from};
  }
}
