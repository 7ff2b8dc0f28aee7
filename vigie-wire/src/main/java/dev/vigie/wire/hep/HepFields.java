package dev.vigie.wire.hep;

import dev.vigie.wire.IpAddress;
import java.nio.charset.StandardCharsets;

/**
 * The fields of one decoded HEP packet as a reusable mutable view, filled by {@link
 * HepDecoder#decodeInto}: addresses as two longs each, strings as ranges of {@link #buf}, the
 * payload as a range of {@link #payload} (the input array, or a fresh one for a compressed
 * payload). The decode pipeline keeps one instance and reuses it for every packet, so decoding
 * allocates nothing. {@link HepPacket} is its immutable form. Not thread-safe.
 */
public final class HepFields {
  public int version;

  /** IP family as sent: 2 IPv4, 10 IPv6 (0 when absent). */
  public int family;

  public int ipProtocol;
  public boolean v6;
  public boolean hasAddresses;
  public long srcHi;
  public long srcLo;
  public long dstHi;
  public long dstLo;
  public int srcPort;
  public int dstPort;
  public long seconds;
  public long micros;
  public int protocolType;
  public long captureId;
  public boolean keepAlive;
  public int vlan = -1;

  /** The array the packet was decoded from (holds the string chunks). */
  public byte[] buf;

  int authOff = -1;
  int authLen;
  int corrOff = -1;
  int corrLen;
  int nodeOff = -1;
  int nodeLen;
  public byte[] payload;
  public int payloadOff;
  public int payloadLen;

  void clear(byte[] b) {
    version = 0;
    family = 0;
    ipProtocol = 0;
    v6 = false;
    hasAddresses = false;
    srcHi = srcLo = dstHi = dstLo = 0;
    srcPort = dstPort = 0;
    seconds = micros = 0;
    protocolType = 0;
    captureId = 0;
    keepAlive = false;
    vlan = -1;
    buf = b;
    authOff = corrOff = nodeOff = -1;
    authLen = corrLen = nodeLen = 0;
    payload = null;
    payloadOff = payloadLen = 0;
  }

  /** Capture time in microseconds since the epoch, 0 when the packet carried none. */
  public long timestampMicros() {
    return seconds * 1_000_000L + micros;
  }

  public IpAddress src() {
    return new IpAddress(srcHi, srcLo, v6);
  }

  public IpAddress dst() {
    return new IpAddress(dstHi, dstLo, v6);
  }

  /**
   * True when the packet carries exactly this authentication key (chunk 14), compared without
   * allocating; a listener that requires a key checks it before {@link HepSip#toEvent}.
   */
  public boolean authKeyEquals(byte[] key) {
    if (authOff < 0 || authLen != key.length) return false;
    return java.util.Arrays.equals(buf, authOff, authOff + authLen, key, 0, key.length);
  }

  public String authKey() {
    return authOff < 0 ? null : new String(buf, authOff, authLen, StandardCharsets.UTF_8);
  }

  public String correlationId() {
    return corrOff < 0 ? null : new String(buf, corrOff, corrLen, StandardCharsets.UTF_8);
  }

  public String nodeName() {
    return nodeOff < 0 ? null : new String(buf, nodeOff, nodeLen, StandardCharsets.UTF_8);
  }

  /** The immutable record of these fields. */
  public HepPacket toPacket() {
    return new HepPacket(
        version,
        ipProtocol,
        hasAddresses ? src() : null,
        srcPort,
        hasAddresses ? dst() : null,
        dstPort,
        timestampMicros(),
        protocolType,
        captureId,
        authKey(),
        correlationId(),
        nodeName(),
        vlan,
        keepAlive,
        payload,
        payloadOff,
        payloadLen);
  }
}
