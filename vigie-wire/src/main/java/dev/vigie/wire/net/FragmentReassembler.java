package dev.vigie.wire.net;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Reassembles fragmented IPv4 and IPv6 datagrams (RFC 791, RFC 8200 section 4.5): fragments are
 * keyed by source, destination, identification and protocol; received 8-byte blocks are tracked in
 * a bitset, and the datagram is complete when the last fragment has given its length and every
 * block below it has arrived. Overlapping fragments overwrite earlier bytes.
 *
 * <p>State is bounded: at most {@code maxDatagrams} pending datagrams and {@code maxBytes} buffered
 * bytes (the oldest pending datagram is dropped to make room), and a datagram still incomplete
 * {@code timeoutMicros} after its first fragment (on the packet clock) is dropped. {@link
 * #dropped()} counts both. Allocation happens only for fragments (rare), never for whole datagrams.
 * Not thread-safe.
 */
public final class FragmentReassembler {
  /** Largest reassembled payload (IPv4 total length limit). */
  static final int MAX_DATAGRAM = 65535;

  private final int maxDatagrams;
  private final long maxBytes;
  private final long timeoutMicros;
  private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
  private long bytes;
  private long dropped;

  /** Defaults: 1024 datagrams, 8 MiB, 30 seconds. */
  public FragmentReassembler() {
    this(1024, 8L << 20, 30_000_000L);
  }

  public FragmentReassembler(int maxDatagrams, long maxBytes, long timeoutMicros) {
    this.maxDatagrams = maxDatagrams;
    this.maxBytes = maxBytes;
    this.timeoutMicros = timeoutMicros;
  }

  record Key(long srcHi, long srcLo, long dstHi, long dstLo, long id, int proto, boolean v6) {}

  private static final class Pending {
    byte[] data = new byte[2048];
    final long[] blocks = new long[(MAX_DATAGRAM + 8 * 64) / (8 * 64) + 1];
    int total = -1;
    int high;
    final long firstSeen;

    Pending(long firstSeen) {
      this.firstSeen = firstSeen;
    }
  }

  /** Datagrams dropped incomplete (timed out or evicted to respect the bounds). */
  public long dropped() {
    return dropped;
  }

  /** Datagrams waiting for fragments. */
  public int pendingCount() {
    return pending.size();
  }

  /**
   * Adds one fragment.
   *
   * @param fragOffset offset of the fragment data in the datagram payload, in bytes
   * @param more true when more fragments follow (MF flag / M flag)
   * @return the reassembled transport payload when this fragment completes it (a fresh array of
   *     exactly the payload length), null while incomplete; {@code p.reason} is set and null
   *     returned when the fragment is impossible
   */
  byte[] add(Packet p, long id, int fragOffset, boolean more, byte[] b, int off, int len) {
    expire(p.timestampMicros);
    int end = fragOffset + len;
    if (end > MAX_DATAGRAM) {
      p.fail(p.v6 ? "ipv6" : "ipv4", "fragment ends beyond 64 KiB");
      return null;
    }
    if (more && (len & 7) != 0) {
      p.fail(p.v6 ? "ipv6" : "ipv4", "non-final fragment length not a multiple of 8");
      return null;
    }
    Key key = new Key(p.srcHi, p.srcLo, p.dstHi, p.dstLo, id, p.protocol, p.v6);
    Pending d = pending.get(key);
    if (d == null) {
      while (!pending.isEmpty() && (pending.size() >= maxDatagrams || bytes + end > maxBytes)) {
        Iterator<Pending> it = pending.values().iterator();
        bytes -= it.next().data.length;
        it.remove();
        dropped++;
      }
      d = new Pending(p.timestampMicros);
      pending.put(key, d);
      bytes += d.data.length;
    }
    if (end > d.data.length) {
      int n = Math.min(MAX_DATAGRAM, Math.max(end, d.data.length * 2));
      bytes += n - d.data.length;
      d.data = Arrays.copyOf(d.data, n);
    }
    if (!more) {
      if (d.total >= 0 && d.total != end) {
        p.fail(p.v6 ? "ipv6" : "ipv4", "fragments disagree on the datagram length");
        remove(key, d);
        return null;
      }
      d.total = end;
    }
    System.arraycopy(b, off, d.data, fragOffset, len);
    for (int blk = fragOffset >>> 3, last = (end + 7) >>> 3; blk < last; blk++) {
      d.blocks[blk >>> 6] |= 1L << blk;
    }
    if (d.total < 0) return null;
    int need = (d.total + 7) >>> 3;
    for (int blk = 0; blk < need; blk++) {
      if ((d.blocks[blk >>> 6] & (1L << blk)) == 0) return null;
    }
    remove(key, d);
    return d.data.length == d.total ? d.data : Arrays.copyOf(d.data, d.total);
  }

  private void remove(Key key, Pending d) {
    pending.remove(key);
    bytes -= d.data.length;
  }

  /** Drops every pending datagram (end of capture) and returns how many there were. */
  public int clear() {
    int n = pending.size();
    pending.clear();
    bytes = 0;
    return n;
  }

  /** Drops datagrams whose first fragment is older than the timeout. O(expired). */
  public void expire(long nowMicros) {
    Iterator<Pending> it = pending.values().iterator();
    while (it.hasNext()) {
      Pending d = it.next();
      if (nowMicros - d.firstSeen <= timeoutMicros) break;
      bytes -= d.data.length;
      it.remove();
      dropped++;
    }
  }
}
