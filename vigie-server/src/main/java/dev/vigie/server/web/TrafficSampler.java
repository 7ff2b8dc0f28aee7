package dev.vigie.server.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Per-machine message rates for the live view. {@link #sample()} is called once a second (by the
 * console's ticker thread): it reads the detection engine's cumulative in/out counters and keeps
 * the per-second differences in a fixed ring of {@value #POINTS} points per machine and direction.
 *
 * <p>Memory is O(machines × POINTS); a snapshot copies the ring (O(POINTS)). Threading: one writer
 * (the ticker), any number of readers; all methods synchronise on this object.
 */
public final class TrafficSampler {
  public static final int POINTS = 120;
  private final Supplier<Map<String, long[]>> counters;
  private final Map<String, Ring> rings = new TreeMap<>();

  /** One machine's recent traffic: the last {@value #POINTS} seconds, oldest first. */
  public record Series(String machine, long[] in, long[] out) {
    public long lastIn() {
      return in.length == 0 ? 0 : in[in.length - 1];
    }

    public long lastOut() {
      return out.length == 0 ? 0 : out[out.length - 1];
    }

    /** The peak of in+out over the window. */
    public long peak() {
      long p = 0;
      for (int i = 0; i < in.length; i++) p = Math.max(p, in[i] + out[i]);
      return p;
    }
  }

  private static final class Ring {
    final long[] in = new long[POINTS];
    final long[] out = new long[POINTS];
    int next;
    int size;
    long lastIn = -1;
    long lastOut = -1;
  }

  public TrafficSampler(Supplier<Map<String, long[]>> counters) {
    this.counters = counters;
  }

  /** Takes one sample: the messages seen since the previous one, per machine and direction. */
  public synchronized void sample() {
    Map<String, long[]> now = counters.get();
    for (var e : now.entrySet()) {
      Ring r = rings.computeIfAbsent(e.getKey(), k -> new Ring());
      long in = e.getValue()[0];
      long out = e.getValue()[1];
      long dIn = r.lastIn < 0 ? 0 : Math.max(0, in - r.lastIn);
      long dOut = r.lastOut < 0 ? 0 : Math.max(0, out - r.lastOut);
      r.lastIn = in;
      r.lastOut = out;
      r.in[r.next] = dIn;
      r.out[r.next] = dOut;
      r.next = (r.next + 1) % POINTS;
      r.size = Math.min(POINTS, r.size + 1);
    }
  }

  /** Every machine's series, by machine id. */
  public synchronized List<Series> snapshot() {
    Map<String, Series> out = new LinkedHashMap<>();
    for (var e : rings.entrySet()) out.put(e.getKey(), copy(e.getKey(), e.getValue()));
    return List.copyOf(out.values());
  }

  private static Series copy(String id, Ring r) {
    long[] in = new long[r.size];
    long[] out = new long[r.size];
    int start = (r.next - r.size + POINTS) % POINTS;
    for (int i = 0; i < r.size; i++) {
      in[i] = r.in[(start + i) % POINTS];
      out[i] = r.out[(start + i) % POINTS];
    }
    return new Series(id, in, out);
  }
}
