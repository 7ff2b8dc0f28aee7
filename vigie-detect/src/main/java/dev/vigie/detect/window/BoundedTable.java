package dev.vigie.detect.window;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Per-key state with a hard capacity: a Space-Saving heavy-hitter table (Metwally et al. 2005).
 * Each slot has a weight (the requests counted for its key). When the table is full a new key takes
 * the slot of the lightest key and inherits its weight as its overestimation error, so any key
 * heavier than {@code total / capacity} is guaranteed to be in the table: the top offenders survive
 * a flood of a million one-packet spoofed sources. Slots are allocated lazily up to the capacity
 * and then reused ({@link Slot#reset()}), so memory is bounded by {@code capacity} slots whatever
 * the input. Idle keys are evicted by {@link #evictIdle}.
 *
 * <p>The lightest slot is found with a binary min-heap on weight, needed only once the table is
 * full: until then slots are kept in an unordered array and an increment is O(1); the first time
 * the table fills up the array is heapified (O(capacity), once), and from then on, while it stays
 * full, an increment or a replacement is O(log capacity). Lookup is O(1): an open-addressing index
 * of its own (linear probing over at least twice the capacity, the keys' hashes in an {@code int[]}
 * beside the slots, deletion by backward shift), so a lookup reads the hash line and the slot, with
 * no entry object to follow and none allocated when a key takes a slot (a spoofed flood replaces a
 * key per packet). Not thread-safe: owned by the single engine thread.
 */
public final class BoundedTable<K, S extends BoundedTable.Slot<K>> {

  /** The state kept per key. Subclasses add their windows and sketches. */
  public abstract static class Slot<K> {
    K key;
    long weight;
    long error;
    long lastSecond;
    long firstSecond;
    int heapIndex = -1;
    int id = -1; // its place in byId, for good
    int generation; // how many keys it has served: a reference by id names one key's state

    /** The slot's place in its table, for {@link BoundedTable#byId}; fixed for its life. */
    public int id() {
      return id;
    }

    /** Grows each time the slot serves another key (wraps around). */
    public int generation() {
      return generation;
    }

    public K key() {
      return key;
    }

    /** Requests counted for this key (upper bound of its true count). */
    public long weight() {
      return weight;
    }

    /** How much of {@link #weight()} may belong to keys it replaced. */
    public long error() {
      return error;
    }

    public long lastSecond() {
      return lastSecond;
    }

    public long firstSecond() {
      return firstSecond;
    }

    /** Clears the state so that the slot can serve another key. */
    protected abstract void reset();
  }

  private final int capacity;
  private final Supplier<S> factory;
  private final ToLongFunction<? super K> hasher; // null: the keys' own hashCode
  // the index: hashes[i] the spread hash of slots[i]'s key (0: free), linear probing
  private final int[] hashes;
  private final Object[] slots;
  private final int mask;
  private final Object[] heap;
  private int size;
  private boolean ordered; // the array is a valid min-heap (kept so while the table is full)
  private long replacements;
  private long idleEvictions;
  private final List<S> free = new ArrayList<>();
  private final List<S> byId = new ArrayList<>(); // every slot ever made, by id

  public BoundedTable(int capacity, Supplier<S> factory) {
    this(capacity, factory, null);
  }

  /**
   * A table whose index places a key by {@code hasher}'s well-mixed 64-bit hash of it instead of
   * its {@code hashCode()}. For keys an attacker chooses (source addresses, extensions): with a
   * hash keyed by a secret, nobody can compute keys that share one probe run, whereas 16,384
   * addresses chosen for their {@code hashCode()} made every lookup walk them all (100 times
   * slower: {@code BoundedTableIndexTest}).
   */
  public BoundedTable(int capacity, Supplier<S> factory, ToLongFunction<? super K> hasher) {
    this.capacity = capacity;
    this.factory = factory;
    this.hasher = hasher;
    int size = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1; // >= 2 * capacity
    this.hashes = new int[size];
    this.slots = new Object[size];
    this.mask = size - 1;
    this.heap = new Object[capacity];
  }

  /** The slot of {@code key}, or null when it is not tracked. */
  @SuppressWarnings("unchecked")
  public S find(K key) {
    int h = spread(key);
    for (int i = h & mask; ; i = i + 1 & mask) {
      int x = hashes[i];
      if (x == 0) return null;
      if (x == h) {
        S s = (S) slots[i];
        if (key.equals(s.key)) return s;
      }
    }
  }

  /** The key's hash, mixed so that nearby keys land apart, never 0 (the free mark). */
  private int spread(K key) {
    int h;
    if (hasher != null) {
      long x = hasher.applyAsLong(key);
      h = (int) (x ^ x >>> 32);
    } else {
      h = key.hashCode() * 0x9E3779B9;
      h ^= h >>> 16;
    }
    return h == 0 ? 1 : h;
  }

  private void indexPut(K key, S s) {
    int h = spread(key);
    int i = h & mask;
    while (hashes[i] != 0) i = i + 1 & mask;
    hashes[i] = h;
    slots[i] = s;
  }

  /** Removes slot {@code s} (indexed under {@code key}) from the index, by backward shift. */
  private void indexRemove(K key, S s) {
    int i = spread(key) & mask;
    while (slots[i] != s) {
      if (hashes[i] == 0) return; // not indexed
      i = i + 1 & mask;
    }
    // shift back the entries after it whose home is at or before the hole
    for (int j = i + 1 & mask; hashes[j] != 0; j = j + 1 & mask) {
      int home = hashes[j] & mask;
      if ((j - home & mask) >= (j - i & mask)) {
        hashes[i] = hashes[j];
        slots[i] = slots[j];
        i = j;
      }
    }
    hashes[i] = 0;
    slots[i] = null;
  }

  /**
   * The slot of {@code key}, taking the lightest slot when the table is full. Adds {@code weight}
   * to it and stamps it with {@code second}.
   */
  public S count(K key, long weight, long second) {
    S s = find(key);
    if (s == null) {
      s = admit(key, second);
    }
    s.weight += weight;
    s.lastSecond = second;
    if (ordered) siftDown(s.heapIndex);
    return s;
  }

  private S admit(K key, long second) {
    S s;
    long inherited = 0;
    if (size < capacity) {
      if (free.isEmpty()) {
        s = factory.get();
        s.id = byId.size();
        byId.add(s);
      } else s = free.remove(free.size() - 1);
      s.reset();
      s.weight = 0;
      s.error = 0;
      heap[size] = s;
      s.heapIndex = size++;
    } else {
      if (!ordered) heapify();
      s = slot(0);
      indexRemove(s.key, s);
      inherited = s.weight;
      replacements++;
      s.reset();
    }
    s.key = key;
    s.generation++;
    s.weight = inherited;
    s.error = inherited;
    s.firstSecond = second;
    indexPut(key, s);
    return s;
  }

  /**
   * The state that {@code id} and {@code generation} (what {@link Slot#id()} and {@link
   * Slot#generation()} gave) name, if it still serves the same key; else null. For a record of
   * fixed size that must point at a key's state without holding a reference to it.
   */
  public S byId(int id, int generation) {
    if (id < 0 || id >= byId.size()) return null;
    S s = byId.get(id);
    return s.key != null && s.generation == generation ? s : null;
  }

  /** Orders the array as a min-heap on weight (Floyd, O(size)). */
  private void heapify() {
    for (int i = size / 2 - 1; i >= 0; i--) siftDown(i);
    ordered = true;
  }

  /** Removes every key not seen since {@code before}; returns how many. O(capacity). */
  public int evictIdle(long before) {
    return evictIdle(before, s -> false);
  }

  /**
   * Removes every key not seen since {@code before} unless {@code keep} holds for its state (an
   * extension whose calls are still going on is not idle); returns how many. O(capacity).
   */
  public int evictIdle(long before, java.util.function.Predicate<? super S> keep) {
    int n = 0;
    for (int i = size - 1; i >= 0; i--) {
      if (i >= size) continue;
      S s = slot(i);
      if (s.lastSecond < before && !keep.test(s)) {
        remove(s);
        n++;
      }
    }
    idleEvictions += n;
    return n;
  }

  private void remove(S s) {
    indexRemove(s.key, s);
    int i = s.heapIndex;
    S last = slot(--size);
    heap[size] = null;
    s.heapIndex = -1;
    s.key = null;
    free.add(s);
    if (last != s) {
      heap[i] = last;
      last.heapIndex = i;
      if (ordered) {
        siftDown(i);
        siftUp(last.heapIndex);
      }
    }
    ordered = false; // no longer full: the order is rebuilt when it fills up again
  }

  /** The {@code n} heaviest slots, heaviest first. O(size log n), a heap of n. */
  public List<S> top(int n) {
    java.util.PriorityQueue<S> best =
        new java.util.PriorityQueue<>(n + 1, Comparator.comparingLong((S s) -> s.weight));
    for (int i = 0; i < size; i++) {
      S s = slot(i);
      if (best.size() < n) best.add(s);
      else if (n > 0 && s.weight > best.peek().weight) {
        best.poll();
        best.add(s);
      }
    }
    List<S> out = new ArrayList<>(best);
    out.sort(Comparator.comparingLong((S s) -> s.weight).reversed());
    return out;
  }

  /** Every slot in use, in no particular order. */
  public List<S> slots() {
    List<S> all = new ArrayList<>(size);
    for (int i = 0; i < size; i++) all.add(slot(i));
    return all;
  }

  public int size() {
    return size;
  }

  /**
   * The longest run of occupied index entries: the most entries a lookup can read. A diagnostic,
   * O(index size): about 30 for random keys at this table's load, the whole table for keys aimed at
   * one slot.
   */
  public int longestProbeRun() {
    int longest = 0;
    int run = 0;
    // two turns, so that a run wrapping around the end is counted whole
    for (int i = 0; i < 2 * hashes.length; i++) {
      if (hashes[i & mask] != 0) longest = Math.max(longest, Math.min(++run, hashes.length));
      else run = 0;
    }
    return longest;
  }

  public int capacity() {
    return capacity;
  }

  /** Keys that took the slot of a lighter key because the table was full. */
  public long replacements() {
    return replacements;
  }

  public long idleEvictions() {
    return idleEvictions;
  }

  @SuppressWarnings("unchecked")
  private S slot(int i) {
    return (S) heap[i];
  }

  private void siftDown(int i) {
    S s = slot(i);
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) break;
      int c = l + 1 < size && slot(l + 1).weight < slot(l).weight ? l + 1 : l;
      if (slot(c).weight >= s.weight) break;
      heap[i] = heap[c];
      slot(i).heapIndex = i;
      i = c;
    }
    heap[i] = s;
    s.heapIndex = i;
  }

  private void siftUp(int i) {
    S s = slot(i);
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (slot(parent).weight <= s.weight) break;
      heap[i] = heap[parent];
      slot(i).heapIndex = i;
      i = parent;
    }
    heap[i] = s;
    s.heapIndex = i;
  }
}
