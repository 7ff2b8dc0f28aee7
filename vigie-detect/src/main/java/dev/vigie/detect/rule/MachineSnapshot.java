package dev.vigie.detect.rule;

import dev.vigie.detect.baseline.BaselineView;
import java.util.List;

/**
 * What the engine knows of one hosted machine at evaluation time.
 *
 * @param machine inventory id
 * @param address the machine's address its own traffic came from (null when it sent nothing)
 * @param client its client
 * @param inboundPerSecond requests per second towards it from remote sources (busiest of the last
 *     two seconds)
 * @param topSources the heaviest remote sources sending to it, as "address (requests)"
 * @param outboundPerSecond requests per second it originated (busiest of the last two seconds)
 * @param callsPerSecond initial INVITEs it originated (busiest of the last two seconds)
 * @param callsPerMinute initial INVITEs it originated in 60 s
 * @param internationalPerMinute of those, calls to international numbers outside its allowed
 *     prefixes
 * @param distinctDestinations distinct numbers it called in 60 s
 * @param sampleDestinations a few of them
 * @param outboundBaseline the learned baseline of its outbound requests per second
 * @param callsBaseline the learned baseline of its calls per minute
 * @param firstPacketMicros time of the first packet of the activity (epoch microseconds)
 * @param lastPacketMicros time of the last packet so far (epoch microseconds)
 */
public record MachineSnapshot(
    String machine,
    String address,
    String client,
    long inboundPerSecond,
    List<String> topSources,
    long outboundPerSecond,
    long callsPerSecond,
    long callsPerMinute,
    long internationalPerMinute,
    long distinctDestinations,
    List<String> sampleDestinations,
    BaselineView outboundBaseline,
    BaselineView callsBaseline,
    long firstPacketMicros,
    long lastPacketMicros)
    implements PacketTimes {}
