package dev.vigie.wire.capture;

/**
 * Receives the packets of a capture in file order. The bytes are only valid during the call when
 * the input is streamed (see {@link ByteWindow#stable()}): keep a copy of anything retained.
 */
@FunctionalInterface
public interface PacketHandler {
  /**
   * One captured packet.
   *
   * @param linkType the LINKTYPE_ value of the interface (1 Ethernet, 113 SLL, 276 SLL2, 101 raw, 0
   *     null/loopback...)
   * @param timestampMicros capture time in microseconds since the epoch
   * @param buf the array holding the packet
   * @param off offset of the link-layer header
   * @param len captured length
   * @param originalLength length on the wire (more than {@code len} when the snap length cut it)
   */
  void onPacket(
      int linkType, long timestampMicros, byte[] buf, int off, int len, int originalLength);
}
