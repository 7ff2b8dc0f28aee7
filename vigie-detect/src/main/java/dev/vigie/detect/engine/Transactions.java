package dev.vigie.detect.engine;

/**
 * Recent requests by transaction (Call-ID, CSeq number and method, hashed to one long), in a fixed
 * open-addressing table that overwrites on collision: memory is fixed whatever the input, and a
 * lost entry only makes one response unclassified. Used to (1) tell a challenge answering an
 * unauthenticated request from a failed authentication, (2) attribute a response to the party that
 * sent the request, and (3) recognise a request relayed by a proxy (the same transaction seen
 * earlier going to the address that now sends it), so that the original sender is the source. A
 * spoofed flood reusing one Call-ID is not mistaken for relays: the earlier copy was not sent to
 * the spoofed address.
 *
 * <p>The four fields of an entry sit side by side in one {@code long[]} (32 bytes, half a cache
 * line), so a lookup touches one line; the sender's state and the last relaying hop, read only for
 * a response sent elsewhere than to the requester, sit in a side array (16 bytes per entry). The
 * engine uses 4,096 entries (128 KB and 64 KB, cache-resident): at ten thousand messages a second
 * that is about half a second of history, far more than a request-response round trip or a proxy's
 * relay delay. Not thread-safe.
 */
final class Transactions {
  private static final int PROBES = 4;
  private static final int KEY = 0;
  private static final int REQUESTER = 1;
  private static final int DEST = 2;
  private static final int SECOND_AUTH = 3; // second << 2 | authenticated << 1 | freshUser
  private final long[] t;
  // per entry, side by side (one line for both): the state of the source that sent the request,
  // id << 32 | generation (-1: none), and the address hash of the hop that relayed the request last
  // (0: not relayed), which the next hop's answers go back to. Read only for a response the
  // platform sends elsewhere than to the requester
  private final long[] aux;
  private static final int SENDER = 0;
  private static final int RELAYER = 1;
  private final int mask;

  Transactions(int capacityPowerOfTwo) {
    t = new long[4 << capacityPowerOfTwo];
    aux = new long[2 << capacityPowerOfTwo];
    mask = (1 << capacityPowerOfTwo) - 1;
  }

  /** Where {@code key}'s probes start (its first of four neighbouring entries). */
  int home(long key) {
    return (int) (key ^ (key >>> 32)) & mask;
  }

  /** The slot of {@code key}, or -1. */
  int find(long key) {
    int i = home(key);
    for (int p = 0; p < PROBES; p++) {
      int s = ((i + p) & mask) << 2;
      long k = t[s + KEY];
      if (k == key) return s;
      if (k == 0) return -1;
    }
    return -1;
  }

  /** Records a request; returns its slot. */
  int put(long key, long requesterHash, long destHash, boolean authenticated, long sec) {
    int i = home(key);
    int victim = i << 2;
    for (int p = 0; p < PROBES; p++) {
      int s = ((i + p) & mask) << 2;
      if (t[s + KEY] == key || t[s + KEY] == 0) {
        victim = s;
        break;
      }
      if (t[s + SECOND_AUTH] < t[victim + SECOND_AUTH]) victim = s;
    }
    t[victim + KEY] = key;
    t[victim + REQUESTER] = requesterHash;
    t[victim + DEST] = destHash;
    t[victim + SECOND_AUTH] = sec << 2 | (authenticated ? 2 : 0);
    aux[(victim >> 1) + SENDER] = -1;
    aux[(victim >> 1) + RELAYER] = 0;
    return victim;
  }

  /** The request of {@code slot} was sent by the source state {@code id} of that generation. */
  void sender(int slot, int id, int generation) {
    aux[(slot >> 1) + SENDER] = (long) id << 32 | generation & 0xFFFFFFFFL;
  }

  /** {@link #sender(int, int, int)}'s id, -1 when the request came from none. */
  int senderId(int slot) {
    long x = aux[(slot >> 1) + SENDER];
    return x < 0 ? -1 : (int) (x >>> 32);
  }

  int senderGeneration(int slot) {
    return (int) aux[(slot >> 1) + SENDER];
  }

  long requester(int slot) {
    return t[slot + REQUESTER];
  }

  /** Where the request was last seen going (updated along a chain of relays). */
  long dest(int slot) {
    return t[slot + DEST];
  }

  void relayedTo(int slot, long destHash) {
    aux[(slot >> 1) + RELAYER] = t[slot + DEST];
    t[slot + DEST] = destHash;
  }

  /** The hop that relayed the request last (where it had gone before): 0 when none did. */
  long relayer(int slot) {
    return aux[(slot >> 1) + RELAYER];
  }

  long second(int slot) {
    return t[slot + SECOND_AUTH] >> 2;
  }

  boolean authenticated(int slot) {
    return (t[slot + SECOND_AUTH] & 2) != 0;
  }

  /** Marks the request of {@code slot} as the first one of its source to its user. */
  void freshUser(int slot) {
    t[slot + SECOND_AUTH] |= 1;
  }

  /** True when the request of {@code slot} was the first one of its source to its user. */
  boolean isFreshUser(int slot) {
    return (t[slot + SECOND_AUTH] & 1) != 0;
  }
}
