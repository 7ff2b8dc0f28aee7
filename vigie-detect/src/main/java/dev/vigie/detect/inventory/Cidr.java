package dev.vigie.detect.inventory;

import dev.vigie.wire.IpAddress;

/**
 * An address range: a network address and a prefix length (32 or 128 for a single address). The
 * network is stored with its host bits cleared. Comparisons work on the two longs of {@link
 * IpAddress}, so {@link #contains} and {@link #overlaps} are O(1).
 */
public record Cidr(IpAddress network, int prefixLength) {

  public Cidr {
    int max = network.v6() ? 128 : 32;
    if (prefixLength < 0 || prefixLength > max) {
      throw new IllegalArgumentException("prefix length " + prefixLength + " out of 0.." + max);
    }
    network = mask(network, prefixLength);
  }

  /**
   * Parses {@code 10.0.1.15}, {@code 10.0.1.0/24}, {@code 2001:db8::/64}.
   *
   * @throws IllegalArgumentException with a message quoting the text
   */
  public static Cidr parse(String text) {
    String t = text == null ? "" : text.strip();
    int slash = t.indexOf('/');
    try {
      if (slash < 0) {
        return of(IpAddress.parse(t));
      }
      return new Cidr(
          IpAddress.parse(t.substring(0, slash)), Integer.parseInt(t.substring(slash + 1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR");
    }
  }

  /** The single-address range of {@code ip} (a /32 or a /128). */
  public static Cidr of(IpAddress ip) {
    return new Cidr(ip, ip.v6() ? 128 : 32);
  }

  /**
   * A remote source as detection aggregates it and containment blocks it: an IPv4 address itself,
   * the /64 of an IPv6 address (attackers rotate addresses inside the /64 their provider gives
   * them).
   */
  public static Cidr sourceBlock(IpAddress ip) {
    return ip.v6() ? new Cidr(ip, 64) : of(ip);
  }

  public boolean v6() {
    return network.v6();
  }

  /** True for a single address (/32 or /128). */
  public boolean isHost() {
    return prefixLength == (network.v6() ? 128 : 32);
  }

  public boolean contains(IpAddress ip) {
    return ip.v6() == network.v6() && mask(ip, prefixLength).equals(network);
  }

  /** True when the two ranges share at least one address (one contains the other). */
  public boolean overlaps(Cidr other) {
    if (other.v6() != v6()) {
      return false;
    }
    int shorter = Math.min(prefixLength, other.prefixLength);
    return mask(network, shorter).equals(mask(other.network, shorter));
  }

  static IpAddress mask(IpAddress ip, int len) {
    if (!ip.v6()) {
      long m = len == 0 ? 0 : (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
      return IpAddress.v4(ip.lo() & m);
    }
    long hiMask = len >= 64 ? -1L : len == 0 ? 0 : -1L << (64 - len);
    long loMask = len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len);
    return new IpAddress(ip.hi() & hiMask, ip.lo() & loMask, true);
  }

  /** {@code 10.0.0.1} for a single address, {@code 10.0.0.0/8} otherwise. */
  @Override
  public String toString() {
    return isHost() ? network.toString() : network + "/" + prefixLength;
  }
}
