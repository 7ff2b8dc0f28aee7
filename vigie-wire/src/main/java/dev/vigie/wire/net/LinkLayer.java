package dev.vigie.wire.net;

/**
 * Finds the IP header behind a link-layer header. Supported LINKTYPE_ values: 1 Ethernet (with any
 * number of 802.1Q / 802.1ad / QinQ tags, up to 8), 113 Linux cooked (SLL), 276 Linux cooked v2
 * (SLL2), 101, 12 and 14 raw IP, 228 raw IPv4, 229 raw IPv6, 0 BSD null and 108 OpenBSD loopback
 * (4-byte address family in either byte order). Stateless, no allocation.
 */
public final class LinkLayer {
  /** Result: the frame does not carry IP (ARP, LLDP...): not an error. */
  public static final int NOT_IP = -1;

  /** Result: the frame is shorter than its link-layer header. */
  public static final int TRUNCATED = -2;

  /** Result: a link type this reader does not know. */
  public static final int UNSUPPORTED = -3;

  private static final int ETH_IPV4 = 0x0800;
  private static final int ETH_IPV6 = 0x86DD;

  private LinkLayer() {}

  /**
   * Offset of the IP header inside {@code b[off, off+len)}, or one of the negative results above.
   * The caller tells IPv4 from IPv6 by the version nibble at that offset.
   */
  public static int ipOffset(int linkType, byte[] b, int off, int len) {
    int end = off + len;
    switch (linkType) {
      case 1: // Ethernet
        {
          if (len < 14) return TRUNCATED;
          int p = off + 12;
          int type = Bytes.u16be(b, p);
          int tags = 0;
          while (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
            if (++tags > 8 || p + 6 > end) return TRUNCATED;
            p += 4;
            type = Bytes.u16be(b, p);
          }
          return etherType(type, p + 2, end);
        }
      case 113: // Linux cooked v1: 16-byte header, protocol at 14
        if (len < 16) return TRUNCATED;
        return etherType(Bytes.u16be(b, off + 14), off + 16, end);
      case 276: // Linux cooked v2: 20-byte header, protocol at 0
        if (len < 20) return TRUNCATED;
        return etherType(Bytes.u16be(b, off), off + 20, end);
      case 101:
      case 12:
      case 14:
      case 228:
      case 229:
        return len < 1 ? TRUNCATED : versioned(b, off, end);
      case 0:
      case 108:
        if (len < 5) return TRUNCATED;
        return versioned(b, off + 4, end);
      default:
        return UNSUPPORTED;
    }
  }

  private static int etherType(int type, int p, int end) {
    if (type != ETH_IPV4 && type != ETH_IPV6) return NOT_IP;
    return p < end ? p : TRUNCATED;
  }

  private static int versioned(byte[] b, int p, int end) {
    if (p >= end) return TRUNCATED;
    int v = (b[p] & 0xF0) >>> 4;
    return v == 4 || v == 6 ? p : NOT_IP;
  }
}
