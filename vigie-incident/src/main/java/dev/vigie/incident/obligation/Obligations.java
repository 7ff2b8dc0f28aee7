package dev.vigie.incident.obligation;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/incidents/{id}/obligations}: the contract's fields ({@code
 * significant, reasons, awareAt, deadlines}) plus the facts behind them and the client clock.
 * Reasons are in the requested language. An incident that is not significant has no deadlines.
 */
public record Obligations(
    boolean significant,
    List<String> reasons,
    Instant awareAt,
    List<Deadline> deadlines,
    long usersAffected,
    long totalUsers,
    Impact impact,
    ClientCommunication clientCommunication) {

  /**
   * The client-communication clock in the answer.
   *
   * @param applies whether the incident affects clients
   * @param firstNoticeAt the first client notice, null if none
   * @param minutesAfterAwareness minutes from awareness to the first notice (or to now)
   * @param targetMinutes the configured target
   * @param late whether the target is (or was) missed
   */
  public record ClientCommunication(
      boolean applies,
      Instant firstNoticeAt,
      long minutesAfterAwareness,
      long targetMinutes,
      boolean late) {}
}
