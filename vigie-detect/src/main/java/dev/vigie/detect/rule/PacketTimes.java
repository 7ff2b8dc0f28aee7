package dev.vigie.detect.rule;

/**
 * The first and last packet of the activity a snapshot describes, kept as epoch microseconds: the
 * ISO-8601 text is made only when a finding puts it in its evidence, not for every snapshot.
 */
public interface PacketTimes {
  long firstPacketMicros();

  long lastPacketMicros();

  /** {@link #firstPacketMicros()} as ISO-8601 text, as {@link java.time.Instant#toString()}. */
  default String firstPacket() {
    return Evidence.iso(firstPacketMicros());
  }

  /** {@link #lastPacketMicros()} as ISO-8601 text. */
  default String lastPacket() {
    return Evidence.iso(lastPacketMicros());
  }
}
