package dev.vigie.incident.obligation;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The {@code obligations:} settings (docs/configuration.md, docs/obligations.md).
 *
 * @param thresholds the Article 10 thresholds of Implementing Regulation (EU) 2024/2690
 * @param totalUsers the users of the service; 0 means the sum of {@code users} of the catalogue's
 *     clients
 * @param clientNoticeTarget the longest time from awareness to the first client notice before the
 *     NOC is reminded (default 15 min)
 * @param reminderBefore how long before a deadline the NOC is reminded (default 4 h)
 * @param zone the provider's zone (calendar months, times in words)
 * @param companyName the provider's name in the drafts
 */
public record ObligationSettings(
    Thresholds thresholds,
    long totalUsers,
    Duration clientNoticeTarget,
    Duration reminderBefore,
    ZoneId zone,
    String companyName) {

  /** The regulation's thresholds, 15 minutes, 4 hours, in {@code zone}. */
  public static ObligationSettings defaults(ZoneId zone, String companyName) {
    return new ObligationSettings(
        Thresholds.REGULATION, 0, Duration.ofMinutes(15), Duration.ofHours(4), zone, companyName);
  }
}
