package dev.vigie.wire.net;

/** Unsigned integer reads in either byte order (no bounds checks: callers check lengths). */
public final class Bytes {
  private Bytes() {}

  public static int u8(byte[] b, int o) {
    return b[o] & 0xFF;
  }

  public static int u16be(byte[] b, int o) {
    return ((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF);
  }

  public static int u16le(byte[] b, int o) {
    return ((b[o + 1] & 0xFF) << 8) | (b[o] & 0xFF);
  }

  public static int u16(byte[] b, int o, boolean bigEndian) {
    return bigEndian ? u16be(b, o) : u16le(b, o);
  }

  public static int u32be(byte[] b, int o) {
    return ((b[o] & 0xFF) << 24)
        | ((b[o + 1] & 0xFF) << 16)
        | ((b[o + 2] & 0xFF) << 8)
        | (b[o + 3] & 0xFF);
  }

  public static int u32le(byte[] b, int o) {
    return ((b[o + 3] & 0xFF) << 24)
        | ((b[o + 2] & 0xFF) << 16)
        | ((b[o + 1] & 0xFF) << 8)
        | (b[o] & 0xFF);
  }

  /** A 32-bit field as a non-negative long. */
  public static long u32(byte[] b, int o, boolean bigEndian) {
    return (bigEndian ? u32be(b, o) : u32le(b, o)) & 0xFFFF_FFFFL;
  }

  /** 8 bytes in network order. */
  public static long u64be(byte[] b, int o) {
    return ((long) u32be(b, o) << 32) | (u32be(b, o + 4) & 0xFFFF_FFFFL);
  }

  public static void put16(byte[] b, int o, int v) {
    b[o] = (byte) (v >>> 8);
    b[o + 1] = (byte) v;
  }

  public static void put32(byte[] b, int o, int v) {
    b[o] = (byte) (v >>> 24);
    b[o + 1] = (byte) (v >>> 16);
    b[o + 2] = (byte) (v >>> 8);
    b[o + 3] = (byte) v;
  }
}
