package dev.vigie.wire.net;

import dev.vigie.wire.IpAddress;

/**
 * The decoded network and transport headers of one packet, as a reusable mutable view (one instance
 * per decoder, overwritten by every packet: no allocation on the hot path). Addresses are kept as
 * two longs, the way {@link IpAddress} holds them; {@link #src()} and {@link #dst()} make the
 * records when an event needs them. Not thread-safe.
 */
public final class Packet {
  /** IP protocol numbers. */
  public static final int TCP = 6;

  public static final int UDP = 17;

  public long timestampMicros;
  public boolean v6;
  public long srcHi;
  public long srcLo;
  public long dstHi;
  public long dstLo;
  public int protocol;
  public int srcPort;
  public int dstPort;

  /** TCP only: sequence number (unsigned 32 bits) and flags byte. */
  public long seq;

  public int tcpFlags;

  /** The transport payload (UDP datagram data, TCP segment data). */
  public byte[] payload;

  public int payloadOff;
  public int payloadLen;

  /** Why the last decode failed (a constant string). */
  public String reason;

  /** The layer that failed ("ipv4", "ipv6", "udp", "tcp"). */
  public String layer;

  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;

  public IpAddress src() {
    return new IpAddress(srcHi, srcLo, v6);
  }

  public IpAddress dst() {
    return new IpAddress(dstHi, dstLo, v6);
  }

  String fail(String layer, String reason) {
    this.layer = layer;
    this.reason = reason;
    return reason;
  }
}
