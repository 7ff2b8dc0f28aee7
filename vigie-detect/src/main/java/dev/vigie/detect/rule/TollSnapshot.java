package dev.vigie.detect.rule;

import java.util.List;

/**
 * What the engine knows of one calling extension (per machine or per remote source).
 *
 * @param extension the calling user or extension
 * @param source the remote source it calls from, null for a hosted machine's extension
 * @param machine the machine involved (its PBX, or the machine called), null when none
 * @param internationalPerMinute calls to international numbers outside its allowed prefixes, 60 s
 * @param premiumPerMinute calls to premium ranges of the deny-list, 60 s
 * @param concurrent international calls in progress
 * @param sequential consecutive calls to the same international prefix
 * @param sampleNumbers a few numbers called
 * @param firstPacketMicros time of the first packet of the activity (epoch microseconds)
 * @param lastPacketMicros time of the last packet so far (epoch microseconds)
 */
public record TollSnapshot(
    String extension,
    String source,
    String machine,
    long internationalPerMinute,
    long premiumPerMinute,
    long concurrent,
    long sequential,
    List<String> sampleNumbers,
    long firstPacketMicros,
    long lastPacketMicros)
    implements PacketTimes {}
