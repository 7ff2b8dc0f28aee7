package dev.vigie.detect.engine;

/**
 * The first few distinct hashes of an entity's life, exactly: tells a new item from a known one
 * while fewer than the capacity were seen (so a sample's text is built only for a new item), and
 * gives an exact small distinct count for the pre-filters. O(capacity) per call, fixed memory.
 */
final class FirstHashes {
  private final long[] hashes;
  private int size;

  FirstHashes(int capacity) {
    hashes = new long[capacity];
  }

  /**
   * True when {@code hash} was not seen and there was room (it is then recorded); false for a known
   * hash or once full.
   */
  boolean add(long hash) {
    int n = size;
    if (n >= hashes.length) return false;
    for (int i = 0; i < n; i++) if (hashes[i] == hash) return false;
    hashes[n] = hash;
    size = n + 1;
    return true;
  }

  /** Distinct hashes seen: exact below the capacity, then stuck at it. */
  int size() {
    return size;
  }

  void clear() {
    java.util.Arrays.fill(hashes, 0, size, 0);
    size = 0;
  }
}
