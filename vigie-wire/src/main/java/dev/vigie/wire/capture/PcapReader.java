package dev.vigie.wire.capture;

import dev.vigie.wire.Malformed;
import dev.vigie.wire.net.Bytes;
import java.io.IOException;

/**
 * Reads classic libpcap files: a 24-byte global header whose magic gives the byte order and the
 * timestamp unit (0xA1B2C3D4 microseconds, 0xA1B23C4D nanoseconds), then records of a 16-byte
 * header (seconds, sub-second, captured length, original length) and the packet bytes. One pass,
 * O(1) memory beyond the window, no allocation per packet. Not thread-safe.
 */
final class PcapReader {
  /** Records larger than this are refused (snap lengths are at most 256 KiB in practice). */
  static final int MAX_RECORD = 16 * 1024 * 1024;

  private PcapReader() {}

  static ReadStatus read(ByteWindow w, PacketHandler h) throws IOException {
    if (!w.ensure(24)) return status(0, true, bad(w, "file shorter than the 24-byte pcap header"));
    byte[] b = w.buf;
    int p = w.pos;
    int magicBe = Bytes.u32be(b, p);
    boolean be = magicBe == 0xA1B2C3D4 || magicBe == 0xA1B23C4D;
    int magic = be ? magicBe : Bytes.u32le(b, p);
    boolean nanos = magic == 0xA1B23C4D;
    if (magic != 0xA1B2C3D4 && !nanos) {
      return status(0, false, bad(w, "not a pcap file (magic " + hex(magicBe) + ")"));
    }
    int linkType = (int) (Bytes.u32(b, p + 20, be) & 0xFFFF);
    w.pos += 24;
    long packets = 0;
    while (true) {
      if (!w.ensure(16)) return status(packets, w.available() > 0, null);
      b = w.buf;
      p = w.pos;
      long sec = Bytes.u32(b, p, be);
      long frac = Bytes.u32(b, p + 4, be);
      long incl = Bytes.u32(b, p + 8, be);
      long orig = Bytes.u32(b, p + 12, be);
      if (incl > MAX_RECORD) {
        return status(packets, false, bad(w, "record length " + incl + " is impossible"));
      }
      if (!w.ensure(16 + (int) incl)) return status(packets, true, null);
      b = w.buf;
      p = w.pos;
      long micros = sec * 1_000_000L + (nanos ? frac / 1000 : frac);
      packets++;
      h.onPacket(linkType, micros, b, p + 16, (int) incl, (int) Math.min(orig, Integer.MAX_VALUE));
      w.pos = p + 16 + (int) incl;
    }
  }

  static Malformed bad(ByteWindow w, String reason) {
    return new Malformed("pcap", reason + " at byte " + w.position());
  }

  private static ReadStatus status(long packets, boolean truncated, Malformed error) {
    return new ReadStatus(CaptureFormat.PCAP, packets, truncated, error);
  }

  static String hex(int v) {
    return String.format("0x%08X", v);
  }
}
