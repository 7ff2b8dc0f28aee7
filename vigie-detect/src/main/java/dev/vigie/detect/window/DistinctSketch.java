package dev.vigie.detect.window;

/**
 * Distinct count over a sliding window, in fixed memory: two HyperLogLog generations of {@code 2^p}
 * one-byte registers, each covering {@code generationSeconds}; the estimate is over the union of
 * both (between one and two generations of history). Small cardinalities use linear counting (exact
 * to a fraction of one for the counts rules compare against, a few dozen), large ones the
 * HyperLogLog estimator (standard error about {@code 1.04/sqrt(2^p)}, 6.5% for p = 8). Add is O(1),
 * and so is the estimate: the union's harmonic sum and its empty registers are kept up to date as
 * registers grow (recomputed only when a generation turns), where they used to be summed over the
 * {@code 2^p} registers at every estimate. The kept sum is exactly the summed one: its terms are
 * powers of two {@code 2^-r} and, while every rank is at most {@code 52 - p} (44 for p = 8), every
 * partial sum is a multiple of {@code 2^-(52-p)} no larger than {@code 2^p}, which a double holds
 * exactly whatever the order of the additions; a higher rank (one item in {@code 2^44}) sends the
 * estimate back to the summing loop. Not thread-safe.
 */
public final class DistinctSketch {
  /** 2^-r for every register value r (exactly {@code 1.0 / (1L << r)}, without the division). */
  private static final double[] INVERSE_POWERS = new double[65];

  static {
    for (int r = 0; r < INVERSE_POWERS.length; r++) INVERSE_POWERS[r] = Math.scalb(1.0, -r);
  }

  private final int p;
  private final int m;
  private final long generationSeconds;
  private byte[] cur;
  private byte[] prev;
  private long curGeneration = Long.MIN_VALUE;
  private long nextGenerationStart = Long.MIN_VALUE; // first second after the current generation
  private int addsCur;
  private int addsPrev;
  private long cached = -1;
  // the union's sum of 2^-max(cur[i], prev[i]) and its registers at 0, kept up to date
  private double unionSum;
  private int unionZeros;
  private boolean inexact; // a rank above 52 - p since the last recount: sum by the loop

  public DistinctSketch(int p, long generationSeconds) {
    this.p = p;
    this.m = 1 << p;
    this.generationSeconds = generationSeconds;
    this.cur = new byte[m];
    this.prev = new byte[m];
    emptyUnion();
  }

  /**
   * Records one item, given by a well-mixed 64-bit hash (see {@link #hash(long)}). Returns true
   * when a register grew: the item is new (the converse is not guaranteed), a cheap cue for taking
   * a sample of it.
   */
  public boolean add(long hash, long second) {
    rotate(second);
    int idx = (int) (hash >>> (64 - p));
    int rank = Long.numberOfLeadingZeros((hash << p) | (1L << (p - 1))) + 1;
    if (addsCur < Integer.MAX_VALUE) addsCur++;
    int was = cur[idx];
    if (rank > was) {
      cur[idx] = (byte) rank;
      cached = -1;
      int other = prev[idx];
      int before = Math.max(was, other);
      if (rank > before) { // the union's register grows too
        if (rank > 52 - p) inexact = true;
        unionSum += INVERSE_POWERS[rank] - INVERSE_POWERS[before];
        if (before == 0) unionZeros--;
      }
      return true;
    }
    return false;
  }

  /**
   * Items added in the current and the previous generation: a bound {@link #estimate} never
   * exceeds, in O(1).
   */
  public long upperBound(long second) {
    rotate(second);
    return (long) addsCur + addsPrev;
  }

  /** Estimated distinct items seen in the current and the previous generation. */
  public long estimate(long second) {
    rotate(second);
    long adds = (long) addsCur + addsPrev;
    if (adds <= 1) return adds; // exact, and the common case of a one-packet source
    if (cached >= 0) return cached;
    double sum = unionSum;
    int zeros = unionZeros;
    if (inexact) {
      sum = 0;
      zeros = 0;
      for (int i = 0; i < m; i++) {
        int r = Math.max(cur[i], prev[i]);
        if (r == 0) zeros++;
        sum += INVERSE_POWERS[r];
      }
    }
    double alpha = m == 16 ? 0.673 : m == 32 ? 0.697 : m == 64 ? 0.709 : 0.7213 / (1 + 1.079 / m);
    double e = alpha * m * m / sum;
    if (e <= 2.5 * m && zeros > 0) e = m * Math.log((double) m / zeros);
    cached = Math.min(adds, Math.round(e));
    return cached;
  }

  public void clear() {
    if (addsCur > 0) java.util.Arrays.fill(cur, (byte) 0);
    if (addsPrev > 0) java.util.Arrays.fill(prev, (byte) 0);
    curGeneration = Long.MIN_VALUE;
    nextGenerationStart = Long.MIN_VALUE;
    addsCur = 0;
    addsPrev = 0;
    cached = -1;
    emptyUnion();
  }

  private void rotate(long second) {
    if (second < nextGenerationStart) return; // the usual case: no division
    long g = Math.floorDiv(second, generationSeconds);
    if (g <= curGeneration) return;
    if (g == curGeneration + 1) {
      byte[] t = prev;
      int oldPrevAdds = addsPrev;
      prev = cur;
      addsPrev = addsCur;
      cur = t;
      if (oldPrevAdds > 0) java.util.Arrays.fill(cur, (byte) 0);
      recount(); // the union is now the previous generation alone
    } else {
      if (addsCur > 0) java.util.Arrays.fill(cur, (byte) 0);
      if (addsPrev > 0) java.util.Arrays.fill(prev, (byte) 0);
      addsPrev = 0;
      emptyUnion();
    }
    addsCur = 0;
    cached = -1;
    curGeneration = g;
    nextGenerationStart = (g + 1) * generationSeconds;
  }

  /** Every register at 0: each adds 2^0 to the sum. */
  private void emptyUnion() {
    unionSum = m;
    unionZeros = m;
    inexact = false;
  }

  /** The union's sum and empty registers from the registers (cur is empty here). */
  private void recount() {
    if (addsPrev == 0) {
      emptyUnion();
      return;
    }
    double sum = 0;
    int zeros = 0;
    int top = 0;
    for (int i = 0; i < m; i++) {
      int r = prev[i];
      if (r == 0) zeros++;
      if (r > top) top = r;
      sum += INVERSE_POWERS[r];
    }
    unionSum = sum;
    unionZeros = zeros;
    inexact = top > 52 - p;
  }

  /** A 64-bit finaliser (MurmurHash3 fmix64): spreads any long over all bits. */
  public static long hash(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    x ^= x >>> 33;
    return x;
  }

  /**
   * {@link #hash(String)} of the text in {@code b[from, to)} without making it, when every byte is
   * ASCII (one char per byte, as UTF-8 decoding gives): the same loop over the same chars. {@link
   * #NOT_ASCII} otherwise, or in the unlikely case the hash is that value (the caller then hashes
   * the string).
   */
  public static long hashAscii(byte[] b, int from, int to) {
    long h = STRING_SEED;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c < 0) return NOT_ASCII;
      h = 31 * h + c;
    }
    return hash(h);
  }

  /** What {@link #hashAscii} gives for bytes that are not all ASCII. */
  public static final long NOT_ASCII = Long.MIN_VALUE;

  private static final long STRING_SEED = 1125899906842597L;

  /** Hash of a string (null hashes as the empty string). */
  public static long hash(String s) {
    if (s == null) return hash(0x9E3779B97F4A7C15L);
    long h = STRING_SEED;
    for (int i = 0; i < s.length(); i++) h = 31 * h + s.charAt(i);
    return hash(h);
  }
}
