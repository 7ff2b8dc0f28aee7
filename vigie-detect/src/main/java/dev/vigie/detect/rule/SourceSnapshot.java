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
 * @param proof the strongest evidence that the source address is real, not spoofed: {@code
 *     CHALLENGE_ANSWERED} (it sent back a nonce the platform challenged it with), {@code DIALOG}
 *     (it continued a dialog with the To tag the platform answered it with), {@code TCP} (it spoke
 *     over a connection: TCP, TLS, WebSocket, SCTP) or {@code NONE}
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
    long activeMillis,
    String proof)
    implements PacketTimes {

  /** The {@code proof} of a source never proven. */
  public static final String UNPROVEN = "NONE";

  /** The {@code proof} of a FLOOD at its critical level from a source not proven otherwise. */
  public static final String VOLUME = "VOLUME";

  /** True when the source completed an exchange a spoofer cannot. */
  public boolean proven() {
    return !UNPROVEN.equals(proof);
  }

  /** Share of user requests refused, in percent (0 when none). */
  public double refusedPercent() {
    return userRequests == 0 ? 0 : Math.min(100.0, 100.0 * refused / userRequests);
  }
}
