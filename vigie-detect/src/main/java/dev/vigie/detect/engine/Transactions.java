package dev.vigie.detect.engine;

/**
 * Recent requests by transaction (Call-ID, CSeq number and method, hashed to one long), in a fixed
 * open-addressing table that overwrites on collision: memory is fixed whatever the input, and a
 * lost entry only makes one response unclassified. Used to (1) tell a challenge answering an
 * unauthenticated request from a failed authentication, (2) attribute a response to the party that
 * sent the request, and (3) recognise a request relayed by a proxy (the same transaction seen
 * earlier going to the address that now sends it), so that the original sender is the source. A
 * spoofed flood reusing one Call-ID is not mistaken for relays: the earlier copy was not sent to
 * the spoofed address. Not thread-safe.
 *
 * <p>Layout: one {@code long[]} of 4-long entries (key, requester, destination, second and the
 * authenticated bit), so that a probe and the reads that follow it touch one cache line instead of
 * one line in each of five parallel arrays: the table is megabytes, so this lookup is a cache miss
 * on nearly every message.
 */
final class Transactions {
  private static final int PROBES = 4;
  private static final int KEY = 0;
  private static final int REQUESTER = 1;
  private static final int DEST = 2;
  private static final int SECOND_AUTH = 3; // second << 1 | authenticated
  private final long[] t;
  private final int mask;

  Transactions(int capacityPowerOfTwo) {
    int n = 1 << capacityPowerOfTwo;
    t = new long[n * 4];
    mask = n - 1;
  }

  /** The slot of {@code key}, or -1. */
  int find(long key) {
    int i = (int) (key ^ (key >>> 32)) & mask;
    for (int p = 0; p < PROBES; p++) {
      int s = (i + p) & mask;
      long k = t[s << 2];
      if (k == key) return s;
      if (k == 0) return -1;
    }
    return -1;
  }

  void put(long key, long requesterHash, long destHash, boolean authenticated, long sec) {
    int i = (int) (key ^ (key >>> 32)) & mask;
    int victim = i;
    for (int p = 0; p < PROBES; p++) {
      int s = (i + p) & mask;
      long k = t[s << 2];
      if (k == key || k == 0) {
        victim = s;
        break;
      }
      if (second(s) < second(victim)) victim = s;
    }
    int b = victim << 2;
    t[b + KEY] = key;
    t[b + REQUESTER] = requesterHash;
    t[b + DEST] = destHash;
    t[b + SECOND_AUTH] = sec << 1 | (authenticated ? 1 : 0);
  }

  long requester(int slot) {
    return t[(slot << 2) + REQUESTER];
  }

  /** Where the request was last seen going (updated along a chain of relays). */
  long dest(int slot) {
    return t[(slot << 2) + DEST];
  }

  void relayedTo(int slot, long destHash) {
    t[(slot << 2) + DEST] = destHash;
  }

  long second(int slot) {
    return t[(slot << 2) + SECOND_AUTH] >> 1;
  }

  boolean authenticated(int slot) {
    return (t[(slot << 2) + SECOND_AUTH] & 1) != 0;
  }
}
