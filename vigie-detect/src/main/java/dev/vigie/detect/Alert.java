package dev.vigie.detect;

import java.time.Instant;
import java.util.Map;

/**
 * An alert: one episode of one kind of abnormal traffic from one source and/or towards or from one
 * machine. Raised once per episode; when the episode escalates (warning to critical) or its
 * evidence grows, a new {@code Alert} with the same {@link #id} and a higher {@link #revision}
 * replaces it.
 *
 * @param id stable id of the episode (same across revisions)
 * @param revision 1 when raised, incremented at each update of the same episode
 * @param kind what was seen
 * @param severity warning or critical
 * @param source remote IP (IPv6 as its /64 when aggregated), null when the alert is about a machine
 * @param machine inventory id of the hosted machine involved, null when none
 * @param firstSeen first packet of the episode (capture clock)
 * @param detectedAt when the rule fired (capture clock)
 * @param lastSeen last packet counted in the episode so far
 * @param summary one line a NOC engineer reads first
 * @param evidence the numbers behind it (rates, counts, samples, User-Agents), JSON-friendly values
 */
public record Alert(
    String id,
    int revision,
    AlertKind kind,
    Severity severity,
    String source,
    String machine,
    Instant firstSeen,
    Instant detectedAt,
    Instant lastSeen,
    String summary,
    Map<String, Object> evidence) {}
