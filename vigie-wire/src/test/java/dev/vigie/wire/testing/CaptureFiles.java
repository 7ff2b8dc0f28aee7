package dev.vigie.wire.testing;

import java.io.ByteArrayOutputStream;

/** Builds pcap and pcapng files in memory, in either byte order, for tests. */
public final class CaptureFiles {
  private CaptureFiles() {}

  /** A classic pcap writer. */
  public static final class Pcap {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean be;
    private final boolean nanos;

    public Pcap(int linkType, boolean bigEndian, boolean nanos) {
      this.be = bigEndian;
      this.nanos = nanos;
      u32(nanos ? 0xA1B23C4D : 0xA1B2C3D4);
      u16(2);
      u16(4);
      u32(0);
      u32(0);
      u32(262144);
      u32(linkType);
    }

    /** Adds a record; {@code frac} is micro- or nanoseconds depending on the file. */
    public Pcap packet(long sec, long frac, byte[] data) {
      u32((int) sec);
      u32((int) frac);
      u32(data.length);
      u32(data.length);
      out.writeBytes(data);
      return this;
    }

    public boolean nanos() {
      return nanos;
    }

    public byte[] bytes() {
      return out.toByteArray();
    }

    private void u16(int v) {
      if (be) out.writeBytes(new byte[] {(byte) (v >> 8), (byte) v});
      else out.writeBytes(new byte[] {(byte) v, (byte) (v >> 8)});
    }

    private void u32(int v) {
      if (be)
        out.writeBytes(new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
      else
        out.writeBytes(new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)});
    }
  }

  /** A pcapng writer: sections, interfaces, enhanced/simple packets and arbitrary blocks. */
  public static final class Pcapng {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean be;

    public Pcapng(boolean bigEndian) {
      section(bigEndian);
    }

    public Pcapng section(boolean bigEndian) {
      be = bigEndian;
      Body b = new Body();
      b.u32(0x1A2B3C4D).u16(1).u16(0).u32(-1).u32(-1);
      return block(0x0A0D0D0A, b);
    }

    /** An interface; {@code tsresol} is the if_tsresol byte, or -1 for none (microseconds). */
    public Pcapng iface(int linkType, int tsresol) {
      Body b = new Body();
      b.u16(linkType).u16(0).u32(65535);
      if (tsresol >= 0) b.u16(9).u16(1).raw(new byte[] {(byte) tsresol, 0, 0, 0});
      b.u16(2).u16(3).raw(new byte[] {'e', 't', 'h', 0}); // if_name, to check option skipping
      b.u16(0).u16(0);
      return block(1, b);
    }

    public Pcapng enhanced(int ifc, long ts, byte[] data) {
      Body b = new Body();
      b.u32(ifc).u32((int) (ts >>> 32)).u32((int) ts).u32(data.length).u32(data.length);
      b.raw(data).pad();
      return block(6, b);
    }

    public Pcapng simple(byte[] data) {
      Body b = new Body();
      b.u32(data.length).raw(data).pad();
      return block(3, b);
    }

    public Pcapng unknown(int type, int bodyLength) {
      Body b = new Body();
      b.raw(new byte[bodyLength]).pad();
      return block(type, b);
    }

    public byte[] bytes() {
      return out.toByteArray();
    }

    private Pcapng block(int type, Body body) {
      byte[] content = body.o.toByteArray();
      int total = 12 + content.length;
      Body b = new Body();
      b.u32(type).u32(total).raw(content).u32(total);
      out.writeBytes(b.o.toByteArray());
      return this;
    }

    private final class Body {
      final ByteArrayOutputStream o = new ByteArrayOutputStream();

      Body u16(int v) {
        if (be) o.writeBytes(new byte[] {(byte) (v >> 8), (byte) v});
        else o.writeBytes(new byte[] {(byte) v, (byte) (v >> 8)});
        return this;
      }

      Body u32(int v) {
        if (be)
          o.writeBytes(new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
        else
          o.writeBytes(new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)});
        return this;
      }

      Body raw(byte[] b) {
        o.writeBytes(b);
        return this;
      }

      Body pad() {
        while (o.size() % 4 != 0) o.write(0);
        return this;
      }
    }
  }
}
