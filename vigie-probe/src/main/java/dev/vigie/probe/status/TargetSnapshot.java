package dev.vigie.probe.status;

import dev.vigie.probe.ProbeResult;
import dev.vigie.probe.ProbeTarget;
import java.time.Instant;
import java.util.List;

/**
 * A consistent copy of one target's state for the API and the console ({@code GET /probes}). {@code
 * since} is when the current status began (the first result while UNKNOWN), null before any result;
 * {@code last} is null before any result; {@code history} is oldest first.
 */
public record TargetSnapshot(
    ProbeTarget target,
    ComponentStatus status,
    Instant since,
    ProbeResult last,
    int consecutiveSuccesses,
    int consecutiveFailures,
    RttStats rtt,
    List<ProbeResult> history) {}
