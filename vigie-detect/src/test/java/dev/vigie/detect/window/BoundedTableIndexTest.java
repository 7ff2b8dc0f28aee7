package dev.vigie.detect.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link BoundedTable}'s own open-addressing index (linear probing, deletion by backward shift)
 * finds exactly the keys the table tracks, through replacements of the lightest key and idle
 * evictions, including keys whose hashes collide (clusters that deletions must close up).
 */
class BoundedTableIndexTest {
  /** A key whose hash is chosen: many keys share few hashes. */
  record Key(int id, int hash) {
    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.id == id;
    }
  }

  static final class Slot extends BoundedTable.Slot<Key> {
    @Override
    protected void reset() {}
  }

  @Test
  void findsExactlyTheTrackedKeysThroughReplacementsAndEvictions() {
    Random r = new Random(11);
    for (int hashes : new int[] {3, 40, 1_000_000}) { // heavy collisions, some, none
      BoundedTable<Key, Slot> t = new BoundedTable<>(64, Slot::new);
      Set<Integer> everSeen = new HashSet<>();
      long second = 0;
      for (int i = 0; i < 30_000; i++) {
        int id = r.nextInt(i % 3 == 0 ? 50 : 400);
        everSeen.add(id);
        t.count(new Key(id, id % hashes), 1, second);
        if (i % 97 == 0) second++;
        if (i % 5_000 == 4_999) second += 10; // a pause: the next eviction empties the table
        if (i % 1_000 == 999) t.evictIdle(second - 3);
        if (i % 250 == 0) {
          Set<Integer> tracked = new HashSet<>();
          for (Slot s : t.slots()) {
            tracked.add(s.key().id());
            assertThat(t.find(new Key(s.key().id(), s.key().id() % hashes))).isSameAs(s);
          }
          assertThat(tracked).hasSize(t.size());
          for (int seen : everSeen) {
            if (!tracked.contains(seen)) assertThat(t.find(new Key(seen, seen % hashes))).isNull();
          }
        }
      }
      assertThat(t.replacements()).isPositive();
      assertThat(t.idleEvictions()).isPositive();
    }
  }

  /**
   * A reference by id and generation names one key's state: once the slot serves another key (a
   * replacement in a full table, or reuse after an idle eviction), the old reference names none.
   */
  @Test
  void anIdNamesAStateOnlyWhileItServesTheSameKey() {
    BoundedTable<Key, Slot> t = new BoundedTable<>(2, Slot::new);
    Slot a = t.count(new Key(1, 1), 5, 0);
    Slot b = t.count(new Key(2, 2), 1, 0);
    int aId = a.id();
    int aGen = a.generation();
    int bGen = b.generation();
    assertThat(aId).isNotEqualTo(b.id());
    assertThat(t.byId(aId, aGen)).isSameAs(a);
    assertThat(t.byId(b.id(), bGen)).isSameAs(b);
    Slot c = t.count(new Key(3, 3), 1, 1); // full: takes the lightest, b's slot
    assertThat(c).isSameAs(b);
    assertThat(t.byId(b.id(), bGen)).isNull();
    assertThat(t.byId(c.id(), c.generation())).isSameAs(c);
    assertThat(t.byId(aId, aGen)).isSameAs(a);
    t.evictIdle(1); // a, unseen since second 0, leaves; its slot is reused
    assertThat(t.byId(aId, aGen)).isNull();
    Slot d = t.count(new Key(4, 4), 1, 2);
    assertThat(d).isSameAs(a);
    assertThat(t.byId(aId, aGen)).isNull();
    assertThat(t.byId(-1, 0)).isNull();
    assertThat(t.byId(99, 0)).isNull();
  }
}
