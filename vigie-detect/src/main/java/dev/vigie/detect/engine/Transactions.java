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
 */
final class Transactions {
  private static final int PROBES = 4;
  private final long[] keys;
  private final long[] requester;
  private final long[] dest;
  private final long[] second;
  private final boolean[] auth;
  private final int mask;

  Transactions(int capacityPowerOfTwo) {
    int n = 1 << capacityPowerOfTwo;
    keys = new long[n];
    requester = new long[n];
    dest = new long[n];
    second = new long[n];
    auth = new boolean[n];
    mask = n - 1;
  }

  /** The slot of {@code key}, or -1. */
  int find(long key) {
    int i = (int) (key ^ (key >>> 32)) & mask;
    for (int p = 0; p < PROBES; p++) {
      int s = (i + p) & mask;
      if (keys[s] == key) return s;
      if (keys[s] == 0) return -1;
    }
    return -1;
  }

  void put(long key, long requesterHash, long destHash, boolean authenticated, long sec) {
    int i = (int) (key ^ (key >>> 32)) & mask;
    int victim = i;
    for (int p = 0; p < PROBES; p++) {
      int s = (i + p) & mask;
      if (keys[s] == key || keys[s] == 0) {
        victim = s;
        break;
      }
      if (second[s] < second[victim]) victim = s;
    }
    keys[victim] = key;
    requester[victim] = requesterHash;
    dest[victim] = destHash;
    second[victim] = sec;
    auth[victim] = authenticated;
  }

  long requester(int slot) {
    return requester[slot];
  }

  /** Where the request was last seen going (updated along a chain of relays). */
  long dest(int slot) {
    return dest[slot];
  }

  void relayedTo(int slot, long destHash) {
    dest[slot] = destHash;
  }

  long second(int slot) {
    return second[slot];
  }

  boolean authenticated(int slot) {
    return auth[slot];
  }
}
