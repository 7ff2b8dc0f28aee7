package dev.vigie.wire.hep;

import dev.vigie.wire.IpAddress;

/**
 * One HEP packet (v1, v2 or v3), decoded. The payload is not copied: it is the range {@code
 * [payloadOffset, payloadOffset+payloadLength)} of {@code buffer}, the array the packet was decoded
 * from (or the inflated array for a compressed payload). Equality compares the array by reference.
 *
 * @param version 1, 2 or 3
 * @param ipProtocol IP protocol of the mirrored message: 17 UDP, 6 TCP, 132 SCTP (0 unknown)
 * @param src source address, null when the packet had none (keep-alive)
 * @param dst destination address, null when the packet had none
 * @param timestampMicros capture time in microseconds since the epoch, 0 when absent (v1)
 * @param protocolType HEP protocol type: 1 SIP, 5 RTCP, 100 log... (v1/v2: 1)
 * @param captureId capture agent id (0 when absent)
 * @param authKey authentication key chunk, or null
 * @param correlationId correlation id chunk, or null
 * @param nodeName node name chunk, or null
 * @param vlan VLAN id, -1 when absent
 * @param keepAlive true for a keep-alive packet (chunk 13)
 */
public record HepPacket(
    int version,
    int ipProtocol,
    IpAddress src,
    int srcPort,
    IpAddress dst,
    int dstPort,
    long timestampMicros,
    int protocolType,
    long captureId,
    String authKey,
    String correlationId,
    String nodeName,
    int vlan,
    boolean keepAlive,
    byte[] buffer,
    int payloadOffset,
    int payloadLength)
    implements HepDecoded {

  /** HEP protocol type of SIP. */
  public static final int SIP = 1;

  /** A SIP packet with only the usual fields (version 3, no key, no correlation id). */
  public static HepPacket sip(
      IpAddress src,
      int srcPort,
      IpAddress dst,
      int dstPort,
      int ipProtocol,
      long timestampMicros,
      long captureId,
      byte[] payload) {
    return new HepPacket(
        3,
        ipProtocol,
        src,
        srcPort,
        dst,
        dstPort,
        timestampMicros,
        SIP,
        captureId,
        null,
        null,
        null,
        -1,
        false,
        payload,
        0,
        payload.length);
  }
}
