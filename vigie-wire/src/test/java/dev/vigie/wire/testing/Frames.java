package dev.vigie.wire.testing;

import static dev.vigie.wire.net.Bytes.put16;
import static dev.vigie.wire.net.Bytes.put32;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hand-built link, IP, UDP and TCP frames for tests (checksums left at zero, as offloaded). */
public final class Frames {
  private Frames() {}

  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;

  public static byte[] ip(String dotted) {
    String[] p = dotted.split("\\.");
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) b[i] = (byte) Integer.parseInt(p[i]);
    return b;
  }

  public static byte[] ip6(String text) {
    return dev.vigie.wire.IpAddress.parse(text).toBytes();
  }

  public static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] udpHeader(int sport, int dport, byte[] payload) {
    byte[] u = new byte[8 + payload.length];
    put16(u, 0, sport);
    put16(u, 2, dport);
    put16(u, 4, u.length);
    System.arraycopy(payload, 0, u, 8, payload.length);
    return u;
  }

  public static byte[] tcpHeader(int sport, int dport, long seq, int flags, byte[] payload) {
    byte[] t = new byte[20 + payload.length];
    put16(t, 0, sport);
    put16(t, 2, dport);
    put32(t, 4, (int) seq);
    put32(t, 8, 1);
    t[12] = (byte) (5 << 4);
    t[13] = (byte) flags;
    put16(t, 14, 65535);
    System.arraycopy(payload, 0, t, 20, payload.length);
    return t;
  }

  /** An IPv4 packet (no options) around a transport header and payload. */
  public static byte[] ipv4(byte[] src, byte[] dst, int proto, int id, int fragField, byte[] data) {
    byte[] p = new byte[20 + data.length];
    p[0] = 0x45;
    put16(p, 2, p.length);
    put16(p, 4, id);
    put16(p, 6, fragField);
    p[8] = 64;
    p[9] = (byte) proto;
    System.arraycopy(src, 0, p, 12, 4);
    System.arraycopy(dst, 0, p, 16, 4);
    System.arraycopy(data, 0, p, 20, data.length);
    return p;
  }

  /** An IPv6 packet; {@code ext} is a chain of extension headers already built (may be empty). */
  public static byte[] ipv6(byte[] src, byte[] dst, int firstNext, byte[] ext, byte[] data) {
    byte[] p = new byte[40 + ext.length + data.length];
    p[0] = 0x60;
    put16(p, 4, ext.length + data.length);
    p[6] = (byte) firstNext;
    p[7] = 64;
    System.arraycopy(src, 0, p, 8, 16);
    System.arraycopy(dst, 0, p, 24, 16);
    System.arraycopy(ext, 0, p, 40, ext.length);
    System.arraycopy(data, 0, p, 40 + ext.length, data.length);
    return p;
  }

  public static byte[] udp4(String src, int sport, String dst, int dport, byte[] payload) {
    return ipv4(ip(src), ip(dst), 17, 1, 0x4000, udpHeader(sport, dport, payload));
  }

  public static byte[] tcp4(
      String src, int sp, String dst, int dp, long seq, int flags, byte[] pl) {
    return ipv4(ip(src), ip(dst), 6, 1, 0x4000, tcpHeader(sp, dp, seq, flags, pl));
  }

  /** Splits an IPv4 UDP datagram into fragments whose data parts are {@code chunk} bytes. */
  public static List<byte[]> fragments4(String src, String dst, int id, byte[] udp, int chunk) {
    List<byte[]> out = new ArrayList<>();
    for (int off = 0; off < udp.length; off += chunk) {
      int n = Math.min(chunk, udp.length - off);
      boolean more = off + n < udp.length;
      byte[] part = java.util.Arrays.copyOfRange(udp, off, off + n);
      out.add(ipv4(ip(src), ip(dst), 17, id, (more ? 0x2000 : 0) | (off / 8), part));
    }
    return out;
  }

  /** An IPv6 fragment header (8 bytes). */
  public static byte[] fragHeader6(int next, int offset, boolean more, int id) {
    byte[] h = new byte[8];
    h[0] = (byte) next;
    put16(h, 2, offset | (more ? 1 : 0));
    put32(h, 4, id);
    return h;
  }

  public static byte[] ethernet(byte[] ipPacket, int... vlanTpids) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2});
    for (int tpid : vlanTpids) o.writeBytes(new byte[] {(byte) (tpid >> 8), (byte) tpid, 0, 42});
    int v = (ipPacket[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800;
    o.writeBytes(new byte[] {(byte) (v >> 8), (byte) v});
    o.writeBytes(ipPacket);
    return o.toByteArray();
  }

  public static byte[] sll(byte[] ipPacket) {
    byte[] f = new byte[16 + ipPacket.length];
    put16(f, 2, 772);
    put16(f, 4, 6);
    put16(f, 14, (ipPacket[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800);
    System.arraycopy(ipPacket, 0, f, 16, ipPacket.length);
    return f;
  }

  public static byte[] sll2(byte[] ipPacket) {
    byte[] f = new byte[20 + ipPacket.length];
    put16(f, 0, (ipPacket[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800);
    put32(f, 4, 1);
    put16(f, 8, 772);
    f[11] = 6;
    System.arraycopy(ipPacket, 0, f, 20, ipPacket.length);
    return f;
  }

  /** BSD null/loopback: 4-byte address family in host (here little-endian) order. */
  public static byte[] nullLoopback(byte[] ipPacket, boolean bigEndian) {
    byte[] f = new byte[4 + ipPacket.length];
    int fam = (ipPacket[0] & 0xF0) == 0x60 ? 30 : 2;
    if (bigEndian) put32(f, 0, fam);
    else f[0] = (byte) fam;
    System.arraycopy(ipPacket, 0, f, 4, ipPacket.length);
    return f;
  }
}
