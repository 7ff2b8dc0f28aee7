package dev.vigie.incident.obligation;

import java.time.Duration;

/**
 * When an incident of a managed service provider is significant: Commission Implementing Regulation
 * (EU) 2024/2690, Article 10. The defaults are the regulation's; the configuration ({@code
 * obligations.thresholds.*}) may change them (docs/obligations.md).
 *
 * <ul>
 *   <li>Art. 10(a): the managed service is completely unavailable for more than {@link
 *       #unavailableOver} (30 minutes);
 *   <li>Art. 10(b): its availability is limited for more than {@link #limitedOver} (one hour) for
 *       more than {@link #limitedUsersPercent} (5 %) of its users or more than {@link
 *       #limitedUsersCap} (1 000 000) users, whichever number is smaller;
 *   <li>Art. 10(c): data integrity, confidentiality or authenticity compromised as a result of a
 *       suspected malicious action (here: {@link Impact#suspectedMalicious}).
 * </ul>
 */
public record Thresholds(
    Duration unavailableOver,
    Duration limitedOver,
    double limitedUsersPercent,
    long limitedUsersCap) {

  /** The regulation's values. */
  public static final Thresholds REGULATION =
      new Thresholds(Duration.ofMinutes(30), Duration.ofHours(1), 5.0, 1_000_000);

  public Thresholds {
    if (unavailableOver.isNegative() || limitedOver.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
    if (!(limitedUsersPercent >= 0 && limitedUsersPercent <= 100)) {
      throw new IllegalArgumentException(
          "limitedUsersPercent must be within 0..100, got " + limitedUsersPercent);
    }
    if (limitedUsersCap < 0) {
      throw new IllegalArgumentException("limitedUsersCap must be >= 0, got " + limitedUsersCap);
    }
  }

  /**
   * The number of users above which a limitation counts: the smaller of the percentage of {@code
   * totalUsers} and the cap; the cap alone when the total is unknown (0).
   */
  public double usersThreshold(long totalUsers) {
    if (totalUsers <= 0) {
      return limitedUsersCap;
    }
    return Math.min(totalUsers * limitedUsersPercent / 100.0, limitedUsersCap);
  }
}
