package dev.vigie.wire;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address held in two longs, so that it hashes and compares without touching an
 * array. IPv4 addresses are kept in {@code lo} (low 32 bits) with {@code hi == 0} and {@code v6 ==
 * false}; IPv6 addresses use all 128 bits.
 */
public record IpAddress(long hi, long lo, boolean v6) implements Comparable<IpAddress> {

  /**
   * The same value as the record's generated {@code hashCode} (31-fold over the components),
   * written out: the generated one goes through {@code ObjectMethods} and costs more on the
   * per-message path (two cache lookups and a source table lookup per message).
   */
  @Override
  public int hashCode() {
    int h = Long.hashCode(hi);
    h = h * 31 + Long.hashCode(lo);
    return h * 31 + Boolean.hashCode(v6);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress a && a.lo == lo && a.hi == hi && a.v6 == v6;
  }

  /** Reads 4 or 16 bytes in network order. */
  public static IpAddress of(byte[] b, int off, int len) {
    if (len == 4) {
      return v4(
          ((b[off] & 0xFFL) << 24)
              | ((b[off + 1] & 0xFFL) << 16)
              | ((b[off + 2] & 0xFFL) << 8)
              | (b[off + 3] & 0xFFL));
    }
    if (len == 16) {
      return new IpAddress(readLong(b, off), readLong(b, off + 8), true);
    }
    throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + len);
  }

  public static IpAddress of(byte[] b) {
    return of(b, 0, b.length);
  }

  /** An IPv4 address from its 32-bit value. */
  public static IpAddress v4(long value) {
    return new IpAddress(0, value & 0xFFFF_FFFFL, false);
  }

  /**
   * Parses a literal IPv4 or IPv6 address (no host name lookup).
   *
   * @throws IllegalArgumentException naming the text when it is not an IP literal
   */
  public static IpAddress parse(String text) {
    String t = text.strip();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    if (t.isEmpty()
        || !(t.indexOf(':') >= 0 || t.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')))) {
      throw new IllegalArgumentException("not an IP address: '" + text + "'");
    }
    if (t.indexOf(':') < 0 && t.split("\\.", -1).length != 4) {
      throw new IllegalArgumentException("not an IP address: '" + text + "'");
    }
    try {
      return of(InetAddress.getByName(t).getAddress());
    } catch (UnknownHostException | SecurityException e) {
      throw new IllegalArgumentException("not an IP address: '" + text + "'");
    }
  }

  /** The /64 prefix of an IPv6 address (the address itself for IPv4). */
  public IpAddress prefix64() {
    return v6 ? new IpAddress(hi, 0, true) : this;
  }

  /** Network-order bytes: 4 for IPv4, 16 for IPv6. */
  public byte[] toBytes() {
    if (!v6) {
      return new byte[] {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
    }
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (hi >>> (56 - 8 * i));
      out[8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
    return out;
  }

  /** Dotted quad for IPv4, RFC 5952 text for IPv6. */
  @Override
  public String toString() {
    if (!v6) {
      return (lo >>> 24)
          + "."
          + ((lo >>> 16) & 0xFF)
          + "."
          + ((lo >>> 8) & 0xFF)
          + "."
          + (lo & 0xFF);
    }
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
      g[4 + i] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
    }
    int bestStart = -1, bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) j++;
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }

  @Override
  public int compareTo(IpAddress o) {
    int c = Boolean.compare(v6, o.v6);
    if (c != 0) return c;
    c = Long.compareUnsigned(hi, o.hi);
    return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
  }

  private static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (b[off + i] & 0xFFL);
    return v;
  }
}
