package dev.vigie.wire.capture;

import dev.vigie.wire.Malformed;
import dev.vigie.wire.net.Bytes;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads pcapng files: blocks of {@code type, total length, body, total length}. Handles section
 * header blocks (either byte order; a new section resets the interfaces), interface description
 * blocks (link type, {@code if_tsresol} and {@code if_tsoffset} options: each interface has its own
 * timestamp unit), enhanced, simple and obsolete packet blocks; any other block is skipped. One
 * pass, memory bounded by the largest block, no allocation per packet. Not thread-safe.
 */
final class PcapngReader {
  private static final int SHB = 0x0A0D0D0A;
  private static final int IDB = 1;
  private static final int OPB = 2;
  private static final int SPB = 3;
  private static final int EPB = 6;

  private boolean be;
  private int interfaces;
  private int[] linkType = new int[4];
  private int[] snapLen = new int[4];
  private long[] tsUnitsPerSecond = new long[4]; // 0 means a power of two: see tsShift
  private int[] tsShift = new int[4];
  private long[] tsOffsetSeconds = new long[4];
  private long packets;
  private long lastMicros;

  static ReadStatus read(ByteWindow w, PacketHandler h) throws IOException {
    return new PcapngReader().run(w, h);
  }

  private ReadStatus run(ByteWindow w, PacketHandler h) throws IOException {
    boolean first = true;
    while (true) {
      if (!w.ensure(12)) {
        boolean some = w.available() > 0;
        if (first) return status(true, bad(w, "file shorter than a pcapng section header"));
        return status(some, null);
      }
      byte[] b = w.buf;
      int p = w.pos;
      int type = Bytes.u32be(b, p); // SHB type is a palindrome: order does not matter for it
      if (type == SHB) {
        int bom = Bytes.u32be(b, p + 8);
        if (bom == 0x1A2B3C4D) be = true;
        else if (bom == 0x4D3C2B1A) be = false;
        else return status(false, bad(w, "bad byte-order magic " + PcapReader.hex(bom)));
        interfaces = 0;
      } else if (first) {
        return status(
            false, bad(w, "not a pcapng file (first block " + PcapReader.hex(type) + ")"));
      }
      first = false;
      type = (int) Bytes.u32(b, p, be);
      long total = Bytes.u32(b, p + 4, be);
      if (total < 12 || (total & 3) != 0 || total > ByteWindow.MAX_BLOCK) {
        return status(false, bad(w, "block length " + total + " is impossible"));
      }
      int n = (int) total;
      if (!w.ensure(n)) return status(true, null);
      b = w.buf;
      p = w.pos;
      if (Bytes.u32(b, p + n - 4, be) != total) {
        return status(false, bad(w, "block length " + total + " does not match its trailer"));
      }
      String err =
          switch (type) {
            case SHB -> n < 28 ? "section header block too short" : null;
            case IDB -> interfaceBlock(b, p, n);
            case EPB -> enhanced(b, p, n, h);
            case SPB -> simple(b, p, n, h);
            case OPB -> obsolete(b, p, n, h);
            default -> null; // unknown blocks are skipped
          };
      if (err != null) return status(false, bad(w, err));
      w.pos = p + n;
    }
  }

  private String interfaceBlock(byte[] b, int p, int n) {
    if (n < 20) return "interface description block too short";
    if (interfaces == linkType.length) {
      if (interfaces >= 65536) return "more than 65536 interfaces";
      int m = interfaces * 2;
      linkType = Arrays.copyOf(linkType, m);
      snapLen = Arrays.copyOf(snapLen, m);
      tsUnitsPerSecond = Arrays.copyOf(tsUnitsPerSecond, m);
      tsShift = Arrays.copyOf(tsShift, m);
      tsOffsetSeconds = Arrays.copyOf(tsOffsetSeconds, m);
    }
    int i = interfaces++;
    linkType[i] = Bytes.u16(b, p + 8, be);
    snapLen[i] = (int) Bytes.u32(b, p + 12, be);
    tsUnitsPerSecond[i] = 1_000_000L;
    tsShift[i] = 0;
    tsOffsetSeconds[i] = 0;
    // options: code u16, length u16, value padded to 4
    int o = p + 16;
    int end = p + n - 4;
    while (o + 4 <= end) {
      int code = Bytes.u16(b, o, be);
      int len = Bytes.u16(b, o + 2, be);
      if (code == 0) break;
      if (o + 4 + len > end) return "interface option " + code + " overruns its block";
      if (code == 9 && len >= 1) {
        int r = b[o + 4] & 0xFF;
        if ((r & 0x80) != 0) {
          int shift = r & 0x7F;
          if (shift > 63) return "if_tsresol 2^-" + shift + " is out of range";
          tsUnitsPerSecond[i] = 0;
          tsShift[i] = shift;
        } else {
          if (r > 18) return "if_tsresol 10^-" + r + " is out of range";
          long u = 1;
          for (int k = 0; k < r; k++) u *= 10;
          tsUnitsPerSecond[i] = u;
        }
      } else if (code == 14 && len >= 8) {
        long hi = Bytes.u32(b, o + 4, be);
        long lo = Bytes.u32(b, o + 8, be);
        tsOffsetSeconds[i] = be ? (hi << 32) | lo : (lo << 32) | hi;
      }
      o += 4 + ((len + 3) & ~3);
    }
    return null;
  }

  private String enhanced(byte[] b, int p, int n, PacketHandler h) {
    if (n < 32) return "enhanced packet block too short";
    return timedPacket(b, p, n, h, Bytes.u32(b, p + 8, be)); // interface id: 32 bits
  }

  private String simple(byte[] b, int p, int n, PacketHandler h) {
    if (n < 16) return "simple packet block too short";
    if (interfaces == 0) return "simple packet block before any interface";
    long orig = Bytes.u32(b, p + 8, be);
    int cap = (int) Math.min(orig, n - 16);
    if (snapLen[0] > 0) cap = Math.min(cap, snapLen[0]);
    deliver(h, 0, lastMicros, b, p + 12, cap, orig); // no timestamp: keep the last one
    return null;
  }

  private String obsolete(byte[] b, int p, int n, PacketHandler h) {
    if (n < 32) return "packet block too short";
    return timedPacket(b, p, n, h, Bytes.u16(b, p + 8, be)); // interface id: 16 bits, drops: 16
  }

  /** The rest of an enhanced or obsolete packet block, laid out alike from byte 12 on. */
  private String timedPacket(byte[] b, int p, int n, PacketHandler h, long ifc) {
    if (ifc >= interfaces) return "packet on undeclared interface " + ifc;
    long ts = (Bytes.u32(b, p + 12, be) << 32) | Bytes.u32(b, p + 16, be);
    long cap = Bytes.u32(b, p + 20, be);
    long orig = Bytes.u32(b, p + 24, be);
    if (cap > n - 32) return "captured length " + cap + " overruns its block";
    deliver(h, (int) ifc, micros((int) ifc, ts), b, p + 28, (int) cap, orig);
    return null;
  }

  private void deliver(
      PacketHandler h, int ifc, long micros, byte[] b, int off, int cap, long orig) {
    packets++;
    lastMicros = micros;
    h.onPacket(linkType[ifc], micros, b, off, cap, (int) Math.min(orig, Integer.MAX_VALUE));
  }

  /** Converts a raw timestamp in the interface's unit into microseconds since the epoch. */
  long micros(int ifc, long ts) {
    long units = tsUnitsPerSecond[ifc];
    long off = tsOffsetSeconds[ifc] * 1_000_000L;
    if (units == 1_000_000L) return ts + off;
    if (units == 0) {
      int shift = tsShift[ifc];
      if (shift == 0) return ts * 1_000_000L + off;
      long sec = ts >>> shift;
      long frac = ts & ((1L << shift) - 1);
      return sec * 1_000_000L + Math.unsignedMultiplyHigh(frac << (64 - shift), 1_000_000L) + off;
    }
    if (units > 1_000_000L) return Long.divideUnsigned(ts, units / 1_000_000L) + off;
    return ts * (1_000_000L / units) + off;
  }

  private ReadStatus status(boolean truncated, Malformed error) {
    return new ReadStatus(CaptureFormat.PCAPNG, packets, truncated, error);
  }

  private static Malformed bad(ByteWindow w, String reason) {
    return new Malformed("pcapng", reason + " at byte " + w.position());
  }
}
