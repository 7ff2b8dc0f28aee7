package dev.vigie.wire.net;

/**
 * Decodes IPv4 and IPv6 headers and the UDP or TCP header behind them into a {@link Packet}. IPv4
 * options are skipped by IHL; IPv6 extension headers (hop-by-hop, routing, destination options,
 * authentication) are walked; fragments of either family go through a {@link FragmentReassembler}.
 * No checksum is verified (captures taken on the sending host carry offloaded, unfinished
 * checksums). O(header length), no allocation except for fragments. Not thread-safe (it owns the
 * reassembly state).
 */
public final class IpDecoder {
  /** What {@link #decode} made of a packet. */
  public enum Result {
    /** UDP or TCP headers read; {@link Packet#payload} holds the data. */
    OK,
    /** Valid IP carrying something else (ICMP, ESP...). */
    OTHER_PROTOCOL,
    /** A fragment was stored; the datagram is not complete yet. */
    PENDING,
    /** Bytes refused; {@link Packet#layer} and {@link Packet#reason} say why. */
    MALFORMED
  }

  private static final int MAX_EXTENSION_HEADERS = 16;

  private final FragmentReassembler fragments;

  public IpDecoder() {
    this(new FragmentReassembler());
  }

  public IpDecoder(FragmentReassembler fragments) {
    this.fragments = fragments;
  }

  public FragmentReassembler fragments() {
    return fragments;
  }

  /** Decodes the IP packet at {@code b[off, off+len)}; the timestamp must already be in p. */
  public Result decode(byte[] b, int off, int len, Packet p) {
    p.reason = null;
    p.layer = null;
    if (len < 1) return bad(p, "ip", "empty IP packet");
    int version = (b[off] & 0xF0) >>> 4;
    if (version == 4) return ipv4(b, off, len, p);
    if (version == 6) return ipv6(b, off, len, p);
    return bad(p, "ip", "IP version is neither 4 nor 6");
  }

  private Result ipv4(byte[] b, int off, int len, Packet p) {
    if (len < 20) return bad(p, "ipv4", "header truncated");
    int ihl = (b[off] & 0x0F) * 4;
    if (ihl < 20) return bad(p, "ipv4", "header length under 20 bytes");
    int total = Bytes.u16be(b, off + 2);
    if (total == 0 && len >= ihl) total = len; // segmentation offload on the capturing host
    if (total < ihl) return bad(p, "ipv4", "total length shorter than the header");
    if (total > len) return bad(p, "ipv4", "datagram cut by the capture snap length");
    p.v6 = false;
    p.protocol = b[off + 9] & 0xFF;
    p.srcHi = 0;
    p.dstHi = 0;
    p.srcLo = Bytes.u32be(b, off + 12) & 0xFFFF_FFFFL;
    p.dstLo = Bytes.u32be(b, off + 16) & 0xFFFF_FFFFL;
    int frag = Bytes.u16be(b, off + 6);
    boolean more = (frag & 0x2000) != 0;
    int fragOffset = (frag & 0x1FFF) * 8;
    if (more || fragOffset != 0) {
      int id = Bytes.u16be(b, off + 4);
      byte[] whole = fragments.add(p, id, fragOffset, more, b, off + ihl, total - ihl);
      if (whole == null) return p.reason != null ? Result.MALFORMED : Result.PENDING;
      return transport(whole, 0, whole.length, p);
    }
    return transport(b, off + ihl, total - ihl, p);
  }

  private Result ipv6(byte[] b, int off, int len, Packet p) {
    if (len < 40) return bad(p, "ipv6", "header truncated");
    int payloadLen = Bytes.u16be(b, off + 4);
    if (payloadLen == 0) return bad(p, "ipv6", "jumbograms are not supported");
    if (40 + payloadLen > len) return bad(p, "ipv6", "datagram cut by the capture snap length");
    p.v6 = true;
    p.srcHi = Bytes.u64be(b, off + 8);
    p.srcLo = Bytes.u64be(b, off + 16);
    p.dstHi = Bytes.u64be(b, off + 24);
    p.dstLo = Bytes.u64be(b, off + 32);
    int next = b[off + 6] & 0xFF;
    int q = off + 40;
    int end = off + 40 + payloadLen;
    for (int i = 0; i < MAX_EXTENSION_HEADERS; i++) {
      switch (next) {
        case 0, 43, 60 -> { // hop-by-hop, routing, destination options
          if (q + 8 > end) return bad(p, "ipv6", "extension header truncated");
          int n = ((b[q + 1] & 0xFF) + 1) * 8;
          if (q + n > end) return bad(p, "ipv6", "extension header overruns the packet");
          next = b[q] & 0xFF;
          q += n;
        }
        case 51 -> { // authentication header
          if (q + 8 > end) return bad(p, "ipv6", "authentication header truncated");
          int n = ((b[q + 1] & 0xFF) + 2) * 4;
          if (q + n > end) return bad(p, "ipv6", "authentication header overruns the packet");
          next = b[q] & 0xFF;
          q += n;
        }
        case 44 -> { // fragment
          if (q + 8 > end) return bad(p, "ipv6", "fragment header truncated");
          int nh = b[q] & 0xFF;
          int offs = Bytes.u16be(b, q + 2);
          long id = Bytes.u32be(b, q + 4) & 0xFFFF_FFFFL;
          q += 8;
          p.protocol = nh;
          int fragOffset = offs & 0xFFF8;
          boolean more = (offs & 1) != 0;
          if (fragOffset == 0 && !more) { // atomic fragment (RFC 6946)
            next = nh;
            continue;
          }
          byte[] whole = fragments.add(p, id, fragOffset, more, b, q, end - q);
          if (whole == null) return p.reason != null ? Result.MALFORMED : Result.PENDING;
          return transport(whole, 0, whole.length, p);
        }
        default -> {
          p.protocol = next;
          return transport(b, q, end - q, p);
        }
      }
    }
    return bad(p, "ipv6", "more than 16 extension headers");
  }

  private static Result transport(byte[] b, int off, int len, Packet p) {
    if (p.protocol == Packet.UDP) {
      if (len < 8) return bad(p, "udp", "header truncated");
      p.srcPort = Bytes.u16be(b, off);
      p.dstPort = Bytes.u16be(b, off + 2);
      int ulen = Bytes.u16be(b, off + 4);
      if (ulen == 0 && p.v6) ulen = len; // RFC 2675 jumbo payload
      if (ulen < 8) return bad(p, "udp", "length field under 8");
      if (ulen > len) return bad(p, "udp", "length field exceeds the IP payload");
      p.payload = b;
      p.payloadOff = off + 8;
      p.payloadLen = ulen - 8;
      return Result.OK;
    }
    if (p.protocol == Packet.TCP) {
      if (len < 20) return bad(p, "tcp", "header truncated");
      int doff = ((b[off + 12] & 0xF0) >>> 4) * 4;
      if (doff < 20) return bad(p, "tcp", "data offset under 20 bytes");
      if (doff > len) return bad(p, "tcp", "data offset beyond the segment");
      p.srcPort = Bytes.u16be(b, off);
      p.dstPort = Bytes.u16be(b, off + 2);
      p.seq = Bytes.u32be(b, off + 4) & 0xFFFF_FFFFL;
      p.tcpFlags = b[off + 13] & 0x3F;
      p.payload = b;
      p.payloadOff = off + doff;
      p.payloadLen = len - doff;
      return Result.OK;
    }
    return Result.OTHER_PROTOCOL;
  }

  private static Result bad(Packet p, String layer, String reason) {
    p.fail(layer, reason);
    return Result.MALFORMED;
  }
}
