package dev.vigie.detect.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link DistinctSketch#estimate} keeps the union's harmonic sum up to date instead of summing the
 * registers: it must give exactly what the summing loop gives, which a reference HyperLogLog of the
 * same registers (two generations, the same rotation) computes here, over random items, gaps of
 * several generations, clears, and items whose rank is above the exact range.
 */
class SketchEstimateTest {
  /** The previous algorithm: the registers summed at every estimate. */
  private static final class Reference {
    final int p = 8;
    final int m = 1 << p;
    byte[] cur = new byte[m];
    byte[] prev = new byte[m];
    long generation = Long.MIN_VALUE;
    long adds;
    long addsPrev;

    void add(long hash, long second) {
      rotate(second);
      int idx = (int) (hash >>> (64 - p));
      int rank = Long.numberOfLeadingZeros((hash << p) | (1L << (p - 1))) + 1;
      adds++;
      if (rank > cur[idx]) cur[idx] = (byte) rank;
    }

    long estimate(long second) {
      rotate(second);
      long n = adds + addsPrev;
      if (n <= 1) return n;
      double sum = 0;
      int zeros = 0;
      for (int i = 0; i < m; i++) {
        int r = Math.max(cur[i], prev[i]);
        if (r == 0) zeros++;
        sum += Math.scalb(1.0, -r);
      }
      double e = 0.7213 / (1 + 1.079 / m) * m * m / sum;
      if (e <= 2.5 * m && zeros > 0) e = m * Math.log((double) m / zeros);
      return Math.min(n, Math.round(e));
    }

    void rotate(long second) {
      long g = Math.floorDiv(second, 30);
      if (g <= generation) return;
      if (g == generation + 1) {
        prev = cur;
        addsPrev = adds;
      } else {
        prev = new byte[m];
        addsPrev = 0;
      }
      cur = new byte[m];
      adds = 0;
      generation = g;
    }

    void clear() {
      cur = new byte[m];
      prev = new byte[m];
      generation = Long.MIN_VALUE;
      adds = 0;
      addsPrev = 0;
    }
  }

  @Test
  void theKeptSumEstimatesExactlyLikeTheSummingLoop() {
    SplittableRandom rnd = new SplittableRandom(42);
    DistinctSketch sketch = new DistinctSketch(8, 30);
    Reference ref = new Reference();
    long second = 1_700_000_000L;
    int compared = 0;
    for (int i = 0; i < 200_000; i++) {
      int what = rnd.nextInt(1000);
      if (what == 0) second += 30 * (1 + rnd.nextInt(3)); // a gap of one to three generations
      else if (what < 40) second++;
      if (what == 1) {
        sketch.clear();
        ref.clear();
      }
      // mostly few distinct items (linear counting), sometimes thousands (the harmonic sum), and
      // now and then a rank above the exact range (the top 8 bits pick the register, then zeros)
      long item =
          what < 5
              ? (long) rnd.nextInt(256) << 56 | 1L << rnd.nextInt(8)
              : DistinctSketch.hash(rnd.nextInt(what < 600 ? 50 : 20_000));
      sketch.add(item, second);
      ref.add(item, second);
      if (i % 7 == 0) {
        assertThat(sketch.estimate(second)).as("item %d", i).isEqualTo(ref.estimate(second));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(28_000);
  }

  @Test
  void aRankAboveTheExactRangeIsSummedByTheLoopUntilItsGenerationIsGone() {
    DistinctSketch sketch = new DistinctSketch(8, 30);
    Reference ref = new Reference();
    long second = 1_700_000_010L;
    for (int i = 0; i < 3000; i++) {
      long item = DistinctSketch.hash(i);
      sketch.add(item, second);
      ref.add(item, second);
    }
    long deep = 5L << 56 | 1; // register 5, rank 56
    sketch.add(deep, second);
    ref.add(deep, second);
    assertThat(sketch.estimate(second)).isEqualTo(ref.estimate(second));
    for (long s = second + 30; s <= second + 90; s += 30) { // it moves to prev, then leaves
      sketch.add(DistinctSketch.hash(s), s);
      ref.add(DistinctSketch.hash(s), s);
      assertThat(sketch.estimate(s)).isEqualTo(ref.estimate(s));
    }
  }
}
