package dev.vigie.detect.rule;

import java.util.List;

/**
 * What the engine knows of one remote source at evaluation time (windows of 60 s unless named
 * otherwise).
 *
 * @param source the address (an IPv6 /64 in CIDR form when aggregated)
 * @param machine the machine it mostly targets (its thresholds apply), null when none
 * @param requestsPerSecond requests in the busiest of the last two seconds
 * @param requests requests in the window
 * @param distinctTargets distinct destination address:port pairs
 * @param sampleTargets a few of them
 * @param userRequests requests naming a user (REGISTER, INVITE, OPTIONS, ...)
 * @param distinctUsers distinct users (extensions) those requests named
 * @param sampleUsers a few of them
 * @param refused requests refused: 404/484/403, failed and unanswered challenges
 * @param authFailures authenticated requests answered 401/407/403
 * @param authUsers the user names of the failed authentications (a few)
 * @param scannerSignature true when a User-Agent matched a known scanner
 * @param userAgents a few User-Agents seen
 * @param firstPacketMicros time of the first packet of the activity (epoch microseconds)
 * @param lastPacketMicros time of the last packet so far (epoch microseconds)
 * @param activeMillis time between the first and the last packet of the activity
 */
public record SourceSnapshot(
    String source,
    String machine,
    long requestsPerSecond,
    long requests,
    long distinctTargets,
    List<String> sampleTargets,
    long userRequests,
    long distinctUsers,
    List<String> sampleUsers,
    long refused,
    long authFailures,
    List<String> authUsers,
    boolean scannerSignature,
    List<String> userAgents,
    long firstPacketMicros,
    long lastPacketMicros,
    long activeMillis)
    implements PacketTimes {

  /** Share of user requests refused, in percent (0 when none). */
  public double refusedPercent() {
    return userRequests == 0 ? 0 : Math.min(100.0, 100.0 * refused / userRequests);
  }
}
