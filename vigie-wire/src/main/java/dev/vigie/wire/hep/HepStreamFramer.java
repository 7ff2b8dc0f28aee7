package dev.vigie.wire.hep;

/**
 * Frames HEP3 packets on a byte stream (HEP over TCP): each packet carries its own total length at
 * bytes 4-5. {@link #packetLength} is the stateless test the TCP reassembler and a live listener
 * use; an instance accumulates arbitrary chunks of a stream and hands out whole packets,
 * resynchronising on the next "HEP3" after garbage. Bounded: at most one packet (64 KiB) is
 * buffered. An instance is not thread-safe (one per connection).
 */
public final class HepStreamFramer {
  /** Receives whole packets (valid during the call) and garbage reports. */
  public interface Sink {
    void onPacket(byte[] b, int off, int len);

    void onGarbage(String reason);
  }

  private static final byte[] MAGIC = {'H', 'E', 'P', '3'};

  private final byte[] buf = new byte[65536 + 6];
  private int len;
  private boolean reported;

  /**
   * Length of the HEP3 packet at the start of {@code b[off, off+len)}: the length, -1 when more
   * bytes are needed, -2 when the bytes do not start a HEP3 packet.
   */
  public static int packetLength(byte[] b, int off, int len) {
    for (int i = 0; i < Math.min(4, len); i++) if (b[off + i] != MAGIC[i]) return -2;
    if (len < 6) return -1;
    int total = ((b[off + 4] & 0xFF) << 8) | (b[off + 5] & 0xFF);
    if (total < 6) return -2;
    return total <= len ? total : -1;
  }

  /** Feeds the next bytes of the stream. */
  public void feed(byte[] b, int off, int n, Sink sink) {
    while (n > 0) {
      int take = Math.min(n, buf.length - len);
      System.arraycopy(b, off, buf, len, take);
      len += take;
      off += take;
      n -= take;
      drain(sink);
    }
  }

  private void drain(Sink sink) {
    int p = 0;
    while (p < len) {
      int r = packetLength(buf, p, len - p);
      if (r == -1) break;
      if (r == -2) {
        if (!reported) sink.onGarbage("bytes on the HEP stream that are not a HEP3 packet");
        reported = true;
        p++;
        continue;
      }
      reported = false;
      sink.onPacket(buf, p, r);
      p += r;
    }
    System.arraycopy(buf, p, buf, 0, len - p);
    len -= p;
  }
}
