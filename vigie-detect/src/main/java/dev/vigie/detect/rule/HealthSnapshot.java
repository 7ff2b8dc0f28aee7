package dev.vigie.detect.rule;

import dev.vigie.detect.baseline.BaselineView;

/**
 * What the engine knows of one machine's service over the last 60 s (passive: only the traffic that
 * reaches it and that it sends).
 *
 * @param machine inventory id of the machine whose service is judged
 * @param client its client
 * @param role its role (pbx, proxy, trunk...), lower case
 * @param judged requests to it whose 5 s answer deadline passed in the window
 * @param unanswered of those, requests that got no response at all while it answered nothing else
 * @param recentJudged requests judged in the last 10 s
 * @param recentUnanswered of those, unanswered
 * @param retransmissions requests to it sent again before any response (INVITE retransmissions)
 * @param callsEffective calls to it ended with a final response showing the network working
 *     (answered, busy, no answer, user rejected or cancelled)
 * @param calls5xx calls to it ended by a 5xx it sent
 * @param calls408 calls to it ended by a 408 it sent
 * @param callsUnanswered calls to it that got no response at all
 * @param nerBaseline the machine's NER (0-1) for this hour of the week, learned per call
 * @param registerOk REGISTERs it answered normally (challenge, 2xx, refusal)
 * @param registerFailed REGISTERs it answered 5xx/408 or not at all
 * @param registrationsLost registrations (of this machine's phones, or kept by this registrar)
 *     expired without a refresh in the window
 * @param registrationsActive registrations still alive
 * @param setupSamples INVITEs to it whose first response was timed in the window
 * @param setupMeanMillis their mean INVITE-to-first-response delay
 * @param setupBaseline the learned delay (milliseconds) per INVITE
 * @param silentSeconds seconds since it last sent anything (0 when it sent in the last 60 s)
 * @param messagesBaseline its messages sent per minute for this hour of the week (the slot alone)
 * @param peersActive other machines that sent messages in the last 60 s
 */
public record HealthSnapshot(
    String machine,
    String client,
    String role,
    long judged,
    long unanswered,
    long recentJudged,
    long recentUnanswered,
    long retransmissions,
    long callsEffective,
    long calls5xx,
    long calls408,
    long callsUnanswered,
    BaselineView nerBaseline,
    long registerOk,
    long registerFailed,
    long registrationsLost,
    long registrationsActive,
    long setupSamples,
    long setupMeanMillis,
    BaselineView setupBaseline,
    long silentSeconds,
    BaselineView messagesBaseline,
    int peersActive,
    long firstPacketMicros,
    long lastPacketMicros)
    implements PacketTimes {

  /** Calls that reached a final outcome (or none) in the window. */
  public long calls() {
    return callsEffective + calls5xx + calls408 + callsUnanswered;
  }

  /** Calls that failed for the network: 5xx, 408, no response. */
  public long callsFailed() {
    return calls5xx + calls408 + callsUnanswered;
  }
}
