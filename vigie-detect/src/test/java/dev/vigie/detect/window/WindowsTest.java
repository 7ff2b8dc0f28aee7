package dev.vigie.detect.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowsTest {
  @Test
  void ringSubtractsWhatLeavesTheWindow() {
    SecondWindows w = new SecondWindows(2, 10);
    for (long s = 100; s < 120; s++) w.add(0, s, 1);
    assertThat(w.total(0)).isEqualTo(10);
    w.add(1, 119, 5);
    w.add(0, 105, 100); // older than the window: dropped
    assertThat(w.total(0)).isEqualTo(10);
    w.add(0, 115, 3); // late but inside: counted
    assertThat(w.at(0, 115)).isEqualTo(4);
    w.advance(125); // keeps 116..125: 116-119 hold one each, 115's four left
    assertThat(w.total(0)).isEqualTo(4);
    assertThat(w.last(0, 2)).isZero();
    w.advance(1000);
    assertThat(w.total(0)).isZero();
    assertThat(w.total(1)).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 15, 40, 111, 1000, 50_000})
  void sketchEstimatesDistinctCounts(int n) {
    DistinctSketch d = new DistinctSketch(8, 30);
    for (int i = 0; i < n; i++) {
      d.add(DistinctSketch.hash("user" + i), 100);
      d.add(DistinctSketch.hash("user" + i), 101); // duplicates do not count
    }
    double tolerance = n <= 40 ? 1.0 : n * 0.15;
    assertThat((double) d.estimate(101))
        .isCloseTo(n, org.assertj.core.data.Offset.offset(tolerance));
  }

  /**
   * Against a model that keeps every count with its second: in order, slightly out of order, with
   * jumps longer than the window (by a count or by moving the head alone), across negative epoch
   * seconds and after a clear, totals, per-second counts and peaks agree.
   */
  @Test
  void ringAgreesWithAModel() {
    SecondWindows w = new SecondWindows(3, 7);
    java.util.Map<Long, long[]> model = new java.util.HashMap<>();
    java.util.Random r = new java.util.Random(3);
    long now = -40;
    long head = Long.MIN_VALUE;
    for (int i = 0; i < 50_000; i++) {
      int step = r.nextInt(100);
      if (step < 10) now += 1 + r.nextInt(step < 2 ? 20 : 3);
      if (r.nextInt(2_000) == 0) { // the slot reused for another entity
        w.clear();
        model.clear();
        head = Long.MIN_VALUE;
      }
      long second = now - (r.nextInt(5) == 0 ? r.nextInt(10) : 0);
      int metric = r.nextInt(3);
      int n = 1 + r.nextInt(4);
      w.add(metric, second, n);
      head = Math.max(head, second);
      if (head - second < 7) model.computeIfAbsent(second, k -> new long[3])[metric] += n;
      if (r.nextInt(50) == 0) {
        long to = head + r.nextInt(r.nextBoolean() ? 3 : 12); // idle past the window, too
        w.advance(to);
        head = Math.max(head, to);
      }
      for (int m = 0; m < 3; m++) {
        long total = 0;
        long peak = 0;
        for (var e : model.entrySet()) {
          if (head - e.getKey() < 7) {
            total += e.getValue()[m];
            peak = Math.max(peak, e.getValue()[m]);
          }
        }
        assertThat(w.total(m)).isEqualTo(total);
        assertThat(w.peak(m)).isEqualTo(peak);
        for (long s = head - 8; s <= head + 1; s++) {
          long[] c = model.get(s);
          long expected = c == null || head - s >= 7 || s > head ? 0 : c[m];
          assertThat(w.at(m, s)).as("second %d", s).isEqualTo(expected);
        }
      }
      final long h = head;
      model.keySet().removeIf(k -> h - k >= 7);
    }
  }

  @Test
  void sketchForgetsAfterTwoGenerations() {
    DistinctSketch d = new DistinctSketch(8, 30);
    for (int i = 0; i < 50; i++) d.add(DistinctSketch.hash(i), 0);
    assertThat(d.estimate(31)).isBetween(45L, 55L); // previous generation still counted
    assertThat(d.estimate(60)).isZero();
  }

  static final class Counter extends BoundedTable.Slot<Long> {
    int resets;

    @Override
    protected void reset() {
      resets++;
    }
  }

  @Test
  void spaceSavingKeepsHeavyHittersWithinCapacity() {
    BoundedTable<Long, Counter> t = new BoundedTable<>(100, Counter::new);
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < 200_000; i++) {
      long key = i % 20 == 0 ? (i / 20) % 3 : 1000 + r.nextInt(1_000_000);
      t.count(key, 1, i / 1000);
      assertThat(t.size()).isLessThanOrEqualTo(100);
    }
    List<Long> top = t.top(3).stream().map(BoundedTable.Slot::key).toList();
    assertThat(top).containsExactlyInAnyOrder(0L, 1L, 2L);
    assertThat(t.find(0L).weight() - t.find(0L).error()).isLessThanOrEqualTo(3334).isGreaterThan(0);
    assertThat(t.replacements()).isGreaterThan(100_000);
  }

  /**
   * Space-Saving's rule, checked against a model through fills, idle evictions and refills: a new
   * key always takes the slot of a lightest key, and inherits its weight.
   */
  @Test
  void aNewKeyReplacesALightestOne() {
    BoundedTable<Long, Counter> t = new BoundedTable<>(8, Counter::new);
    java.util.Map<Long, Long> model = new java.util.HashMap<>();
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 20_000; i++) {
      long second = i / 50;
      if (i % 997 == 0) {
        t.evictIdle(second - 2);
        model.keySet().removeIf(k -> t.find(k) == null);
      }
      long key = r.nextInt(4) == 0 ? r.nextInt(4) : 100 + r.nextInt(200);
      long w = 1 + r.nextInt(3);
      if (!model.containsKey(key) && model.size() == 8) {
        long min = java.util.Collections.min(model.values());
        t.count(key, w, second);
        Long gone =
            model.keySet().stream().filter(k -> t.find(k) == null).findFirst().orElseThrow();
        assertThat(model.get(gone)).as("weight of the replaced key").isEqualTo(min);
        model.remove(gone);
        model.put(key, min + w);
      } else {
        t.count(key, w, second);
        model.merge(key, w, Long::sum);
      }
      assertThat(t.find(key).weight()).isEqualTo(model.get(key));
      assertThat(t.size()).isEqualTo(model.size());
    }
  }

  @Test
  void idleKeysAreEvictedAndSlotsReused() {
    BoundedTable<Long, Counter> t = new BoundedTable<>(10, Counter::new);
    for (long k = 0; k < 10; k++) t.count(k, 1, k < 5 ? 0 : 100);
    assertThat(t.evictIdle(50)).isEqualTo(5);
    assertThat(t.size()).isEqualTo(5);
    assertThat(t.find(2L)).isNull();
    t.count(42L, 7, 101);
    assertThat(t.find(42L).weight()).isEqualTo(7);
    assertThat(t.find(42L).error()).isZero();
    assertThat(t.top(1).get(0).key()).isEqualTo(42L);
  }
}
