package dev.vigie.detect.engine;

import dev.vigie.detect.window.DistinctSketch;
import dev.vigie.wire.IpAddress;

/**
 * Hashes of keys an attacker chooses (source addresses, calling extensions) under a secret {@code
 * key} ({@link dev.vigie.detect.EngineOptions#tableKey()}), for the indexes of the engine's tables:
 * each step is a bijective mix (MurmurHash3's finaliser) of the secret chained with the key's
 * material, so two keys collide on all 64 bits only by a difference that depends on the secret, and
 * which keys share a slot cannot be computed without it. Not a cryptographic MAC: enough that a
 * table's probe runs cannot be aimed at offline. A few nanoseconds per key.
 */
final class Keyed {
  private Keyed() {}

  /** An address (or a /64 prefix) under {@code key}. */
  static long address(IpAddress a, long key) {
    long h = DistinctSketch.hash(a.hi() ^ key);
    return DistinctSketch.hash(h ^ a.lo() ^ (a.v6() ? 0x6a09e667f3bcc909L : 0));
  }

  /** A text under {@code key}: four chars per mix, then its length. */
  static long text(String s, long key) {
    long h = key;
    int n = s.length();
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      long block =
          (long) s.charAt(i)
              | (long) s.charAt(i + 1) << 16
              | (long) s.charAt(i + 2) << 32
              | (long) s.charAt(i + 3) << 48;
      h = DistinctSketch.hash(h ^ block);
    }
    long last = 0;
    for (int shift = 0; i < n; i++, shift += 16) last |= (long) s.charAt(i) << shift;
    h = DistinctSketch.hash(h ^ last);
    return DistinctSketch.hash(h ^ n);
  }
}
