package dev.vigie.wire.hep;

import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.Transport;
import dev.vigie.wire.net.Bytes;
import dev.vigie.wire.sip.SipMessage;
import java.nio.charset.StandardCharsets;

/**
 * Encodes HEP packets: v3 (what {@code vigie replay} sends, and what Kamailio's siptrace sends with
 * {@code hep_version=3}) and, for tests and old collectors, v1/v2 in the layout Kamailio and
 * captagent use (v2 time header little-endian, padded to 12 bytes). Stateless and thread-safe.
 */
public final class HepEncoder {
  private HepEncoder() {}

  /**
   * HEP v3 bytes for a packet: chunks 1, 2, 3/4 or 5/6, 7, 8, 9, 10, 11, 12, then 14, 17, 18, 19
   * when set, 13 for a keep-alive, and 15 with the payload.
   *
   * @throws IllegalArgumentException when the packet would exceed the 65535-byte HEP3 limit or
   *     mixes IPv4 and IPv6 addresses
   */
  public static byte[] encode(HepPacket p) {
    byte[] auth = utf8(p.authKey());
    byte[] corr = utf8(p.correlationId());
    byte[] node = utf8(p.nodeName());
    boolean addr = p.src() != null && p.dst() != null;
    boolean v6 = addr && p.src().v6();
    if (addr && p.dst().v6() != v6) {
      throw new IllegalArgumentException("source and destination are not the same IP family");
    }
    int size = 6 + 7 + 8 + 8 + 10 + 10 + 7 + 10; // header, chunks 2, 7, 8, 9, 10, 11, 12
    if (addr) size += 7 + 2 * (v6 ? 22 : 10);
    if (auth != null) size += 6 + auth.length;
    if (corr != null) size += 6 + corr.length;
    if (p.vlan() >= 0) size += 8;
    if (node != null) size += 6 + node.length;
    if (p.keepAlive()) size += 6;
    size += 6 + p.payloadLength();
    if (size > 0xFFFF) throw new IllegalArgumentException("HEP3 packet of " + size + " bytes");
    byte[] out = new byte[size];
    out[0] = 'H';
    out[1] = 'E';
    out[2] = 'P';
    out[3] = '3';
    Bytes.put16(out, 4, size);
    int q = 6;
    if (addr) q = u8(out, q, 1, v6 ? 10 : 2);
    q = u8(out, q, 2, p.ipProtocol());
    if (addr) {
      q = chunk(out, q, v6 ? 5 : 3, p.src().toBytes());
      q = chunk(out, q, v6 ? 6 : 4, p.dst().toBytes());
    }
    q = u16(out, q, 7, p.srcPort());
    q = u16(out, q, 8, p.dstPort());
    q = u32(out, q, 9, p.timestampMicros() / 1_000_000L);
    q = u32(out, q, 10, p.timestampMicros() % 1_000_000L);
    q = u8(out, q, 11, p.protocolType());
    q = u32(out, q, 12, p.captureId());
    if (auth != null) q = chunk(out, q, 14, auth);
    if (corr != null) q = chunk(out, q, 17, corr);
    if (p.vlan() >= 0) q = u16(out, q, 18, p.vlan());
    if (node != null) q = chunk(out, q, 19, node);
    if (p.keepAlive()) q = header(out, q, 13, 0);
    q = header(out, q, 15, p.payloadLength());
    if (p.payloadLength() > 0) {
      System.arraycopy(p.buffer(), p.payloadOffset(), out, q, p.payloadLength());
    }
    return out;
  }

  /** HEP v3 bytes carrying a SIP event (what {@code vigie replay} sends). */
  public static byte[] encode(SipEvent e) {
    SipMessage m = e.sip();
    int proto =
        switch (e.transport()) {
          case TCP, TLS, WS, WSS -> 6;
          case SCTP -> 132;
          default -> 17;
        };
    return encode(
        new HepPacket(
            3,
            proto,
            e.src(),
            e.srcPort(),
            e.dst(),
            e.dstPort(),
            e.timestampMicros(),
            HepPacket.SIP,
            e.captureId() & 0xFFFF_FFFFL,
            null,
            null,
            null,
            -1,
            false,
            m.buffer(),
            m.offset(),
            m.length()));
  }

  /**
   * HEP v1 or v2 bytes (Kamailio's layout): header length 16 or 40, ports in network order, v2 time
   * header little-endian and padded to 12 bytes, then the payload.
   */
  public static byte[] encodeV1V2(int version, HepPacket p) {
    if (version != 1 && version != 2) throw new IllegalArgumentException("version " + version);
    IpAddress src = p.src();
    IpAddress dst = p.dst();
    if (src == null || dst == null || src.v6() != dst.v6()) {
      throw new IllegalArgumentException("HEP v1/v2 needs two addresses of one family");
    }
    int hl = src.v6() ? 40 : 16;
    int size = hl + (version == 2 ? 12 : 0) + p.payloadLength();
    byte[] out = new byte[size];
    out[0] = (byte) version;
    out[1] = (byte) hl;
    out[2] = (byte) (src.v6() ? 10 : 2);
    out[3] = (byte) p.ipProtocol();
    Bytes.put16(out, 4, p.srcPort());
    Bytes.put16(out, 6, p.dstPort());
    byte[] s = src.toBytes();
    byte[] d = dst.toBytes();
    System.arraycopy(s, 0, out, 8, s.length);
    System.arraycopy(d, 0, out, 8 + s.length, d.length);
    int q = hl;
    if (version == 2) {
      putLe32(out, q, p.timestampMicros() / 1_000_000L);
      putLe32(out, q + 4, p.timestampMicros() % 1_000_000L);
      out[q + 8] = (byte) p.captureId();
      out[q + 9] = (byte) (p.captureId() >>> 8);
      q += 12;
    }
    System.arraycopy(p.buffer(), p.payloadOffset(), out, q, p.payloadLength());
    return out;
  }

  private static void putLe32(byte[] b, int o, long v) {
    b[o] = (byte) v;
    b[o + 1] = (byte) (v >>> 8);
    b[o + 2] = (byte) (v >>> 16);
    b[o + 3] = (byte) (v >>> 24);
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static int header(byte[] out, int q, int type, int valueLength) {
    Bytes.put16(out, q, 0);
    Bytes.put16(out, q + 2, type);
    Bytes.put16(out, q + 4, 6 + valueLength);
    return q + 6;
  }

  private static int u8(byte[] out, int q, int type, int v) {
    q = header(out, q, type, 1);
    out[q] = (byte) v;
    return q + 1;
  }

  private static int u16(byte[] out, int q, int type, int v) {
    q = header(out, q, type, 2);
    Bytes.put16(out, q, v);
    return q + 2;
  }

  private static int u32(byte[] out, int q, int type, long v) {
    q = header(out, q, type, 4);
    Bytes.put32(out, q, (int) v);
    return q + 4;
  }

  private static int chunk(byte[] out, int q, int type, byte[] v) {
    q = header(out, q, type, v.length);
    System.arraycopy(v, 0, out, q, v.length);
    return q + v.length;
  }

  static Transport transportOf(int ipProtocol) {
    return switch (ipProtocol) {
      case 17 -> Transport.UDP;
      case 6 -> Transport.TCP;
      case 132 -> Transport.SCTP;
      default -> Transport.OTHER;
    };
  }
}
