package dev.vigie.detect.inventory;

import dev.vigie.wire.IpAddress;

/**
 * An address range: a network address and a prefix length (32 or 128 for a single address). The
 * network is stored with its host bits cleared.
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
      IpAddress ip = IpAddress.parse(slash < 0 ? t : t.substring(0, slash));
      int max = ip.v6() ? 128 : 32;
      int len = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
      if (len < 0 || len > max) throw new NumberFormatException();
      return new Cidr(ip, len);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR");
    }
  }

  /** True for a single address (/32 or /128). */
  public boolean isHost() {
    return prefixLength == (network.v6() ? 128 : 32);
  }

  public boolean contains(IpAddress ip) {
    return ip.v6() == network.v6() && mask(ip, prefixLength).equals(network);
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

  @Override
  public String toString() {
    return isHost() ? network.toString() : network + "/" + prefixLength;
  }
}
