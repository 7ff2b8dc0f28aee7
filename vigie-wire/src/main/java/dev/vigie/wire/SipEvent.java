package dev.vigie.wire;

import dev.vigie.wire.sip.SipMessage;

/**
 * One SIP message as it crossed the wire: when, between which transport addresses, and the framed
 * message. This is what every source (pcap, pcapng, HEP over UDP/TCP) produces and what detection
 * consumes.
 *
 * @param timestampMicros capture time, microseconds since the epoch (packet or HEP timestamp)
 * @param src transport source address (from the IP header, or from HEP chunks)
 * @param srcPort transport source port
 * @param dst transport destination address
 * @param dstPort transport destination port
 * @param transport UDP, TCP, ...
 * @param captureId HEP capture agent id, or 0 when read from a wire capture
 * @param sip the framed message
 */
public record SipEvent(
    long timestampMicros,
    IpAddress src,
    int srcPort,
    IpAddress dst,
    int dstPort,
    Transport transport,
    int captureId,
    SipMessage sip) {

  /** The same message re-stamped at {@code micros} (live ingest's clock, a replay's offset). */
  public SipEvent withTimestamp(long micros) {
    return new SipEvent(micros, src, srcPort, dst, dstPort, transport, captureId, sip);
  }
}
