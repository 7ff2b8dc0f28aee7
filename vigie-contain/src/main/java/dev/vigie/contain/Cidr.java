package dev.vigie.contain;

import dev.vigie.wire.IpAddress;

/**
 * An IPv4 or IPv6 prefix: a network address with its host bits cleared and a prefix length. A
 * single address is a /32 (IPv4) or a /128 (IPv6). Comparisons work on the two longs of {@link
 * IpAddress}, so {@link #contains} and {@link #overlaps} are O(1) and allocation-free.
 */
public record Cidr(IpAddress network, int length) {

  public Cidr {
    int max = network.v6() ? 128 : 32;
    if (length < 0 || length > max) {
      throw new IllegalArgumentException("prefix length " + length + " is not in 0.." + max);
    }
    network = mask(network, length);
  }

  /**
   * Parses {@code 10.0.0.0/8}, {@code 2001:db8::/32} or a bare address (a /32 or /128).
   *
   * @throws IllegalArgumentException naming the text when it is not an address or a prefix
   */
  public static Cidr parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("not an IP address or prefix: '" + text + "'");
    }
    String t = text.strip();
    int slash = t.indexOf('/');
    try {
      if (slash < 0) {
        return of(IpAddress.parse(t));
      }
      IpAddress ip = IpAddress.parse(t.substring(0, slash));
      return new Cidr(ip, Integer.parseInt(t.substring(slash + 1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an IP address or prefix: '" + text + "'");
    }
  }

  /** The single-address prefix of {@code ip}. */
  public static Cidr of(IpAddress ip) {
    return new Cidr(ip, ip.v6() ? 128 : 32);
  }

  /**
   * What a source block covers: an IPv4 address itself, the /64 of an IPv6 address (attackers
   * rotate addresses inside the /64 their provider gives them).
   */
  public static Cidr sourceBlock(IpAddress ip) {
    return ip.v6() ? new Cidr(ip, 64) : of(ip);
  }

  public boolean v6() {
    return network.v6();
  }

  /** True for a /32 (IPv4) or /128 (IPv6). */
  public boolean isHost() {
    return length == (v6() ? 128 : 32);
  }

  public boolean contains(IpAddress ip) {
    return ip.v6() == v6() && mask(ip, length).equals(network);
  }

  /** True when the two prefixes share at least one address (one contains the other). */
  public boolean overlaps(Cidr other) {
    if (other.v6() != v6()) {
      return false;
    }
    int shorter = Math.min(length, other.length);
    return mask(network, shorter).equals(mask(other.network, shorter));
  }

  /** {@code 10.0.0.1} for a host, {@code 10.0.0.0/8} otherwise. */
  @Override
  public String toString() {
    return isHost() ? network.toString() : network + "/" + length;
  }

  private static IpAddress mask(IpAddress ip, int len) {
    if (!ip.v6()) {
      long m = len == 0 ? 0 : (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
      return IpAddress.v4(ip.lo() & m);
    }
    long hiMask = len >= 64 ? -1L : len == 0 ? 0 : -1L << (64 - len);
    long loMask = len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len);
    return new IpAddress(ip.hi() & hiMask, ip.lo() & loMask, true);
  }
}
