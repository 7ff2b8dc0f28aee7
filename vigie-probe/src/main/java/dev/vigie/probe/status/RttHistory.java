package dev.vigie.probe.status;

import dev.vigie.probe.ProbeResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fixed ring buffer of the last {@code capacity} results of one target. {@link #add} is O(1) and
 * allocates nothing; {@link #stats()} is O(K log K) (it sorts a copy for the percentile) and is
 * meant for snapshots, not for the probe path. Not thread-safe: {@link TargetStatus} guards it.
 */
public final class RttHistory {
  private final ProbeResult[] ring;
  private int next;
  private int size;

  public RttHistory(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("history size " + capacity + " < 1");
    ring = new ProbeResult[capacity];
  }

  public void add(ProbeResult r) {
    ring[next] = r;
    next = (next + 1) % ring.length;
    if (size < ring.length) size++;
  }

  /** The kept results, oldest first. */
  public List<ProbeResult> results() {
    List<ProbeResult> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) out.add(ring[(next - size + i + ring.length) % ring.length]);
    return out;
  }

  /** The last {@code n} results (fewer if fewer are kept), oldest first. */
  public List<ProbeResult> last(int n) {
    List<ProbeResult> all = results();
    return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
  }

  public RttStats stats() {
    long[] nanos = new long[size];
    int answered = 0;
    for (ProbeResult r : results()) {
      if (!(r instanceof ProbeResult.Failed)) nanos[answered++] = r.rtt().toNanos();
    }
    if (answered == 0) {
      return new RttStats(size, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }
    long[] a = Arrays.copyOf(nanos, answered);
    Arrays.sort(a);
    long sum = 0;
    for (long v : a) sum += v;
    int rank = (int) Math.ceil(0.95 * answered); // nearest rank, 1-based
    return new RttStats(
        size,
        answered,
        Duration.ofNanos(a[0]),
        Duration.ofNanos(sum / answered),
        Duration.ofNanos(a[answered - 1]),
        Duration.ofNanos(a[rank - 1]));
  }
}
