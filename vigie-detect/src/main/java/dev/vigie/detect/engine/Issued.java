package dev.vigie.detect.engine;

/**
 * What the platform handed to a remote address that only that address could read back: the nonces
 * of the challenges (401/407) and the To tags of the responses it sent there. A key is a hash of
 * (address, token); a request from that address carrying the token proves the address is real (a
 * spoofer never sees the response). A fixed open-addressing table of {@code 2^bits} keys and their
 * second side by side in one {@code long[]} (one cache line per probe), overwriting the oldest of
 * four probes on collision: memory is fixed whatever the input. A spoofed flood that evicts real
 * entries can only make a real address look unproven, which never blocks anyone (fail-safe).
 * Entries older than {@code ttlSeconds} do not count. Not thread-safe.
 */
final class Issued {
  private static final int PROBES = 4;
  private final long[] t; // key, second, key, second...
  private final int mask;
  private final long ttlSeconds;

  Issued(int bits, long ttlSeconds) {
    t = new long[2 << bits];
    mask = (1 << bits) - 1;
    this.ttlSeconds = ttlSeconds;
  }

  /** The key of {@code token} issued to the address hashed as {@code addressHash}. */
  static long key(long addressHash, long token, long salt) {
    long h = (addressHash ^ salt) * 0x9E3779B97F4A7C15L + token;
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 29;
    return h == 0 ? 1 : h;
  }

  void put(long key, long second) {
    int i = (int) (key ^ (key >>> 32)) & mask;
    int victim = i << 1;
    for (int p = 0; p < PROBES; p++) {
      int s = ((i + p) & mask) << 1;
      if (t[s] == key || t[s] == 0) {
        victim = s;
        break;
      }
      if (t[s + 1] < t[victim + 1]) victim = s;
    }
    t[victim] = key;
    t[victim + 1] = second;
  }

  /** True when {@code key} was issued within the time to live before {@code second}. */
  boolean contains(long key, long second) {
    return second - issuedAt(key) <= ttlSeconds;
  }

  /** The second {@code key} was last issued, {@link Long#MIN_VALUE} / 2 when it is not held. */
  long issuedAt(long key) {
    int i = (int) (key ^ (key >>> 32)) & mask;
    for (int p = 0; p < PROBES; p++) {
      int s = ((i + p) & mask) << 1;
      if (t[s] == key) return t[s + 1];
      if (t[s] == 0) break;
    }
    return Long.MIN_VALUE / 2;
  }

  long ttlSeconds() {
    return ttlSeconds;
  }
}
