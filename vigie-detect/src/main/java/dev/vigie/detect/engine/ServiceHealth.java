package dev.vigie.detect.engine;

import dev.vigie.wire.sip.SipMessage;
import dev.vigie.wire.sip.SipMethod;

/**
 * The passive service-health bookkeeping of every inventory machine: which requests sent to a
 * machine got an answer, how its calls and registrations ended, how fast it answered INVITEs, and
 * which registrations it kept (or its phones held) expired without a refresh. Feeds the per-machine
 * health windows of {@link MachineState}; {@link dev.vigie.detect.rule.HealthRules} reads them.
 *
 * <p><b>Memory is fixed</b>: the last {@value #CAPACITY} requests to machines are kept in the order
 * they were sent, in a ring of 32 bytes each (128 KB), found through an index of {@code 2 *
 * CAPACITY} slots (64 KB) that holds each request's sequence number and a 32-bit fingerprint of its
 * key. A request is judged when its 5 s answer deadline passes, or earlier when the ring is full of
 * unjudged requests (beyond {@value #CAPACITY} requests in 5 s: a live machine answers in
 * milliseconds); it stays findable, for late answers and retransmissions, until the ring overwrites
 * it. The same transaction more than 32 s later is a new request, not a retransmission (RFC 3261
 * clients give up after 32 s): a replay of an old request is judged on its own. Registrations live
 * in a second table of {@value #BINDINGS} entries (16 bytes each: key, expiry and owner) swept
 * every 10 s, only its blocks of 64 where one may have expired. A lost entry only leaves one
 * request unjudged.
 *
 * <p><b>Cost per message</b>: a new request is one probe of the index (one cache line) and a write
 * at the ring's tail, and judging reads the ring in order: memory is walked, not jumped through,
 * except for the request a response or retransmission names (the index line and that request's
 * entry). No allocation.
 *
 * <p><b>Attribution</b>: a request relayed by a proxy is judged at the machine it was relayed to;
 * the proxy's own copy is marked relayed, so the 408 or 503 it passes back does not count against
 * it (the proxy still has to answer it: a 100 Trying proves it alive). A request left without any
 * response counts as unanswered only if the address it was sent to answered before (a scanner's
 * probes of unused addresses judge nothing) and answered nothing at all since it was sent (a
 * machine that drops one flooder's packets, a pike guard, but answers everyone else is working).
 * Not thread-safe: the engine's thread only.
 */
final class ServiceHealth {
  static final int CAPACITY = 1 << 12;

  /** Machines beyond this are not followed (the index takes 16 bits of an entry). */
  static final int MAX_MACHINES = 1 << 16;

  static final int BINDINGS = 1 << 12;
  static final int ADDRESSES = 1 << 10;
  static final long DEADLINE_MICROS = 5_000_000L;

  /**
   * How long after a request the same transaction (Call-ID, CSeq, method, destination) is still a
   * retransmission: 64 * T1, RFC 3261's timers B and F, after which a client has given up. Later,
   * it is a new request (a replay, or identifiers reused), judged on its own.
   */
  static final long RETRANSMISSION_MICROS = 32_000_000L;

  private static final long GRACE_SECONDS = 10;
  private static final int PROBES = 4;
  // entry fields
  private static final int KEY = 0;
  private static final int SENT = 1;
  // flags | dest index << 8 | owner index + 1 << 24 | answering-address slot + 1 << 40
  private static final int META = 2;
  private static final int STRIDE = 4; // 3 fields, 32 bytes: two entries per cache line
  // flags
  private static final long F_INVITE = 1;
  private static final long F_REGISTER = 2;
  private static final long F_ANSWERED = 4;
  private static final long F_FINAL = 8;
  private static final long F_RELAYED = 16;
  private static final long F_LOST = 32; // dropped from the index while unjudged: not judged
  // from a remote address no machine answered 2xx in the last day: not judged (a scanner the PBX
  // banned and ignores is not an outage, however quiet the night around it)
  private static final long F_STRANGER = 64;

  private final MachineState[] machines;
  // the ring: request number n at (n & CAPACITY - 1) * STRIDE, kept until CAPACITY requests later
  private final long[] t = new long[STRIDE * CAPACITY];
  // the index: (fingerprint << 32 | low 32 bits of the request number), 0 when never used
  private final long[] index = new long[2 * CAPACITY];
  private final long[] addrKey = new long[ADDRESSES];
  private final long[] addrLast = new long[ADDRESSES];
  private long next = 1; // the number of the next request (an index slot of 0 was never used)
  private long head = 1; // the oldest request not judged yet
  // a binding: its key (0: free), then its expiry second << 16 | its owner's index (FREE when
  // free): one probe reads both, and the sweep reads the second halves
  private final long[] b = new long[2 * BINDINGS];
  private static final long FREE = Long.MAX_VALUE; // an expiry no second reaches
  // per block of 64 bindings, a second before which none of them is lost (a lower bound: a
  // refresh only moves an expiry later): the sweep skips the blocks not due yet
  private final long[] blockDue = new long[BINDINGS / 64];

  /** Remote addresses a machine answered 2xx in the last day (keys salted with servedSalt). */
  private final Issued served = new Issued(14, 24 * 3600);

  private final long servedSalt;

  // the addresses last found served, direct-mapped by their hash, with the second they were: most
  // requests come from a few addresses, whose answer here spares the table's probe
  private final long[] servedMemo = new long[2 * 64];

  ServiceHealth(MachineState[] machines) {
    this(machines, 0);
  }

  /** {@code tableKey}: the engine's secret, for the keys of {@link #served}. */
  ServiceHealth(MachineState[] machines, long tableKey) {
    this.machines = machines;
    this.servedSalt = 0x736572766564L ^ tableKey;
    for (int s = 0; s < BINDINGS; s++) b[2 * s + 1] = FREE;
    java.util.Arrays.fill(blockDue, Long.MAX_VALUE);
  }

  /**
   * For tests: the next request is number {@code number}, as if every request before it had come
   * and been judged (what 2^32 requests do to the index's 32-bit numbers, without sending them).
   */
  void skipTo(long number) {
    next = number;
    head = number;
  }

  /**
   * A request: {@code dst} the machine it goes to (null for none), {@code relayedBy} the proxy or
   * SBC sending it (null when the sender is not one).
   */
  void request(
      MachineState dst,
      MachineState relayedBy,
      MachineState sender,
      long txKey,
      long srcHash,
      long dstHash,
      SipMethod method,
      long sec,
      long micros) {
    // the copy sent to the proxy was passed on; the mark matters only for an INVITE (its call
    // outcome) and a REGISTER (its registration), so other methods spare the probe
    if (relayedBy != null && (method == SipMethod.INVITE || method == SipMethod.REGISTER)) {
      int up = find(mix(txKey, srcHash));
      if (up >= 0) t[up + META] |= F_RELAYED;
    }
    if (dst == null || method == SipMethod.ACK) return;
    long key = mix(txKey, dstHash);
    int slot = findOrIndex(key, micros);
    if (slot >= 0) { // seen less than 32 s before: a retransmission
      if ((t[slot + META] & (F_ANSWERED | F_STRANGER)) == 0) {
        dst.hw.add(MachineState.H_RETRANS, sec, 1);
      }
      return;
    }
    // more than CAPACITY requests in 5 s: the oldest is judged now (a live machine answers in ms)
    if (next - head == CAPACITY) judgeHead(sec);
    slot = (int) (next & CAPACITY - 1) * STRIDE;
    next++;
    long flags =
        method == SipMethod.INVITE ? F_INVITE : method == SipMethod.REGISTER ? F_REGISTER : 0;
    if (relayedBy == null && sender == null && !served(srcHash, sec)) {
      flags |= F_STRANGER;
    }
    long owner = 0;
    if (flags == F_REGISTER) {
      MachineState o = sender != null && !sender.relays ? sender : dst;
      owner = o.index + 1L;
    }
    long addr = addressSlot(dstHash) + 1L; // 0: it never answered, nothing to judge
    t[slot + KEY] = key;
    t[slot + SENT] = micros;
    t[slot + META] = flags | (long) dst.index << 8 | owner << 24 | addr << 40;
  }

  /**
   * A machine answered the address hashed as {@code addr} 2xx at second {@code sec}, as a previous
   * run learnt (what it knew is otherwise lost at a restart). A later answer already held is kept.
   */
  void markServed(long addr, long sec) {
    long key = Issued.key(addr, 0, servedSalt);
    if (served.issuedAt(key) >= sec) return;
    served.put(key, sec);
    int i = memoSlot(addr);
    servedMemo[i] = addr;
    servedMemo[i + 1] = sec;
  }

  /** True when a machine answered the address hashed as {@code addr} 2xx in the last day. */
  private boolean served(long addr, long sec) {
    int i = memoSlot(addr);
    long at;
    if (servedMemo[i] == addr && addr != 0) at = servedMemo[i + 1];
    else {
      at = served.issuedAt(Issued.key(addr, 0, servedSalt));
      servedMemo[i] = addr;
      servedMemo[i + 1] = at;
    }
    return sec - at <= served.ttlSeconds();
  }

  private static int memoSlot(long addr) {
    return ((int) (addr ^ addr >>> 32) & 63) << 1;
  }

  /** A response sent by machine {@code src} to the address hashed as {@code dstHash}. */
  void response(
      MachineState src,
      SipMessage m,
      long txKey,
      long srcHash,
      long dstHash,
      int code,
      long sec,
      long micros) {
    if (code >= 200 && code < 300) {
      served.put(Issued.key(dstHash, 0, servedSalt), sec);
      int i = memoSlot(dstHash);
      servedMemo[i] = dstHash;
      servedMemo[i + 1] = sec;
    }
    if (src.healthSinceMicros != Long.MIN_VALUE && src.lastResponseMicros <= src.healthLastMicros) {
      src.backMicros = micros; // its first answer after its last failure: the service is back
    }
    src.lastResponseMicros = micros;
    // a machine answers from one address: its slot is remembered, one probe saved per response
    int a = src.answerSlot;
    if (a >= 0 && addrKey[a] == srcHash) addrLast[a] = micros;
    else src.answerSlot = answered(srcHash, micros);
    int slot = find(mix(txKey, srcHash));
    if (slot < 0) return;
    long meta = t[slot + META];
    if ((int) (meta >>> 8 & 0xFFFF) != src.index) return;
    boolean first = (meta & F_ANSWERED) == 0;
    meta |= F_ANSWERED;
    // a stranger's request (from an address no machine served) says how the service treats that
    // address, not how it serves its clients: only its success counts (a PBX may rate-limit,
    // refuse with 503 or tarpit an address it does not know, and nobody it serves is failing)
    boolean stranger = (meta & F_STRANGER) != 0;
    if (stranger && (code < 200 || code >= 300)) {
      if (code >= 200) meta |= F_FINAL;
      t[slot + META] = meta;
      return;
    }
    if (first && !stranger && (meta & F_INVITE) != 0) {
      long ms = (micros - t[slot + SENT]) / 1000;
      if (ms >= 0 && ms < 600_000) {
        src.hw.add(MachineState.H_SETUP_N, sec, 1);
        src.hw.add(MachineState.H_SETUP_MS, sec, (int) ms);
        if (ms >= 1000) src.healthChanged = true; // a slow setup: the rule runs
        if (!src.healthOpen) src.setupBaseline.observe(sec, ms);
      }
    }
    if (code >= 200 && (meta & F_FINAL) == 0) {
      meta |= F_FINAL;
      boolean relayed = (meta & F_RELAYED) != 0;
      if ((meta & F_INVITE) != 0 && !relayed) callOutcome(src, code, sec, micros);
      if ((meta & F_REGISTER) != 0) {
        boolean failed = code >= 500 || code == 408;
        src.hw.add(failed ? MachineState.H_REG_FAIL : MachineState.H_REG_OK, sec, 1);
        if (failed) src.healthFailure(micros);
        if (code < 300 && !relayed) {
          // the registered user (the To URI: the address of record) and the granted expiry are
          // read only here, for a 2xx to a REGISTER that is followed
          int expires = m.cseqMethod() == SipMethod.REGISTER ? m.grantedExpires() : -1;
          bind(m.targetUserHash(), (int) (meta >>> 24 & 0xFFFF) - 1, sec, expires);
        }
      }
    }
    t[slot + META] = meta;
  }

  /**
   * NER of one call: answered, busy (486, 600), no answer (480), rejected (603) and cancelled (487)
   * are the network working; 5xx and 408 are not; other 4xx (a wrong number) are left out.
   */
  private void callOutcome(MachineState m, int code, long sec, long micros) {
    int c;
    if (code < 300 || code == 486 || code == 480 || code == 487 || code == 600 || code == 603) {
      c = MachineState.H_CALL_OK;
    } else if (code >= 500) c = MachineState.H_CALL_5XX;
    else if (code == 408) c = MachineState.H_CALL_408;
    else return;
    m.hw.add(c, sec, 1);
    if (c != MachineState.H_CALL_OK) m.healthFailure(micros);
    if (!m.healthOpen) m.nerBaseline.observe(sec, c == MachineState.H_CALL_OK ? 1 : 0);
  }

  /** Judges the requests whose answer deadline passed by {@code nowMicros}. */
  void judge(long nowMicros) {
    while (head < next) {
      long sent = t[(int) (head & CAPACITY - 1) * STRIDE + SENT];
      if (nowMicros - sent < DEADLINE_MICROS) return;
      judgeHead(Math.floorDiv(sent + DEADLINE_MICROS, 1_000_000L));
    }
  }

  /** Judges the oldest request not judged yet, counting it at second {@code sec}. */
  private void judgeHead(long sec) {
    int slot = (int) (head & CAPACITY - 1) * STRIDE;
    head++;
    long meta = t[slot + META];
    if ((meta & F_LOST) != 0) return; // its answer could not have been found: unjudged
    if ((meta & F_STRANGER) != 0) return; // from an address no machine serves
    int addr = (int) (meta >>> 40 & 0xFFFF) - 1;
    if (addr < 0) return; // sent to an address that had never answered: nothing to judge
    MachineState m = machines[(int) (meta >>> 8 & 0xFFFF)];
    long sent = t[slot + SENT];
    long last = addrLast[addr];
    m.hw.add(MachineState.H_JUDGED, sec, 1);
    if ((meta & F_ANSWERED) != 0 || last > sent) return;
    m.hw.add(MachineState.H_UNANSWERED, sec, 1);
    m.healthFailure(sent);
    if ((meta & F_INVITE) != 0 && (meta & F_RELAYED) == 0) {
      m.hw.add(MachineState.H_CALL_NONE, sec, 1);
      if (!m.healthOpen) m.nerBaseline.observe(sec, 0);
    }
    if ((meta & F_REGISTER) != 0) m.hw.add(MachineState.H_REG_FAIL, sec, 1);
    t[slot + META] = meta | F_FINAL;
  }

  private void bind(long user, int owner, long sec, int expires) {
    if (user == 0 || owner < 0) return;
    long key = user ^ (owner + 1L) * 0xC2B2AE3D27D4EB4FL;
    if (key == 0) key = 1;
    int i = (int) (key ^ key >>> 29) & (BINDINGS - 1);
    int victim = -1;
    for (int p = 0; p < PROBES; p++) {
      int s = i + p & BINDINGS - 1;
      if (b[2 * s] == key) {
        victim = s;
        break;
      }
      if (b[2 * s] == 0 && victim < 0) victim = s;
    }
    if (victim < 0) return; // a full neighbourhood: this registration is not followed
    boolean fresh = b[2 * victim] != key;
    if (expires == 0) { // unregistered on purpose
      if (!fresh) {
        b[2 * victim] = 0;
        b[2 * victim + 1] = FREE;
        machines[owner].registrations--;
      }
      return;
    }
    long expiry = sec + (expires < 0 ? 3600 : expires);
    b[2 * victim] = key;
    b[2 * victim + 1] = expiry << 16 | owner;
    long due = expiry + GRACE_SECONDS; // lost after it
    if (due < blockDue[victim >> 6]) blockDue[victim >> 6] = due;
    if (fresh) machines[owner].registrations++;
  }

  /**
   * Registrations whose expiry passed ({@value #GRACE_SECONDS} s of grace) are lost. Only the
   * blocks where one may have passed are read; their bound is then made exact.
   */
  void sweepBindings(long second) {
    long lost = second - GRACE_SECONDS; // expired before this: lost
    for (int k = 0; k < blockDue.length; k++) {
      if (second > blockDue[k]) blockDue[k] = sweepBlock(k, second, lost);
    }
  }

  /** Sweeps block {@code k}; returns the second before which none of its bindings is lost. */
  private long sweepBlock(int k, long second, long lost) {
    long due = Long.MAX_VALUE;
    for (int s = k * 64; s < k * 64 + 64; s++) {
      long v = b[2 * s + 1];
      if (v == FREE) continue;
      long x = v >> 16;
      if (x < lost) {
        MachineState m = machines[(int) (v & 0xFFFF)];
        m.registrations--;
        m.hw.add(MachineState.H_REG_LOST, second, 1);
        m.healthFailure(x * 1_000_000L);
        b[2 * s] = 0;
        b[2 * s + 1] = FREE;
      } else {
        due = Math.min(due, x + GRACE_SECONDS);
      }
    }
    return due;
  }

  /** Records that the address of {@code hash} answered at {@code micros}. */
  private int answered(long hash, long micros) {
    int i = (int) (hash ^ hash >>> 31) & (ADDRESSES - 1);
    int victim = i;
    for (int p = 0; p < PROBES; p++) {
      int s = i + p & ADDRESSES - 1;
      if (addrKey[s] == hash || addrKey[s] == 0) {
        victim = s;
        break;
      }
      if (addrLast[s] < addrLast[victim]) victim = s;
    }
    addrKey[victim] = hash;
    addrLast[victim] = micros;
    return victim;
  }

  /** The slot of an address that answered before, -1 when it never did (or was forgotten). */
  private int addressSlot(long hash) {
    int i = (int) (hash ^ hash >>> 31) & (ADDRESSES - 1);
    for (int p = 0; p < PROBES; p++) {
      int s = i + p & ADDRESSES - 1;
      if (addrKey[s] == hash) return s;
      if (addrKey[s] == 0) return -1;
    }
    return -1;
  }

  private static long mix(long txKey, long addressHash) {
    long k = txKey ^ addressHash * 0x9E3779B97F4A7C15L;
    return k == 0 ? 1 : k;
  }

  private static int fingerprint(long key) {
    int f = (int) (key >>> 32);
    return f == 0 ? 1 : f;
  }

  /** True when the request an index slot names (its number's low 32 bits) is still in the ring. */
  private boolean kept(long slotValue) {
    int age = (int) next - (int) slotValue; // wraps with the 32-bit numbers
    return age > 0 && age <= CAPACITY;
  }

  /** The ring entry of {@code key}, -1 when it is not kept. */
  private int find(long key) {
    int i = (int) (key ^ key >>> 29) & (2 * CAPACITY - 1);
    long fp = (long) fingerprint(key) << 32;
    for (int p = 0; p < PROBES; p++) {
      long v = index[i + p & 2 * CAPACITY - 1];
      if (v == 0) return -1; // never used: the key was never put further along
      if ((v & 0xFFFFFFFF00000000L) == fp && kept(v)) {
        int slot = (int) (v & CAPACITY - 1) * STRIDE;
        if (t[slot + KEY] == key) return slot;
      }
    }
    return -1;
  }

  /**
   * {@link #find} and, when the key is not there, indexes request {@link #next} under it, in one
   * pass over the probes: in the first slot never used or whose request left the ring, else in the
   * slot of the oldest request, which becomes unfindable and is marked so that it is not judged
   * (its answer could no longer be matched). A key found whose request was sent more than {@link
   * #RETRANSMISSION_MICROS} before {@code micros} is indexed anew in its slot: from now on it names
   * the new request (the old one was judged long ago). Returns the entry found, or -1 when the key
   * was indexed.
   */
  private int findOrIndex(long key, long micros) {
    int i = (int) (key ^ key >>> 29) & (2 * CAPACITY - 1);
    long fp = (long) fingerprint(key) << 32;
    int victim = -1;
    int oldest = -1;
    int oldestAge = -1;
    for (int p = 0; p < PROBES; p++) {
      int s = i + p & 2 * CAPACITY - 1;
      long v = index[s];
      if (v == 0) { // never used: the key was never put further along
        if (victim < 0) victim = s;
        break;
      }
      if (!kept(v)) {
        if (victim < 0) victim = s;
        continue;
      }
      if ((v & 0xFFFFFFFF00000000L) == fp) {
        int slot = (int) (v & CAPACITY - 1) * STRIDE;
        if (t[slot + KEY] == key) {
          if (micros - t[slot + SENT] <= RETRANSMISSION_MICROS) return slot;
          victim = s; // a new request under an old key: it takes the old one's slot
          break;
        }
      }
      int age = (int) next - (int) v;
      if (age > oldestAge) {
        oldestAge = age;
        oldest = s;
      }
    }
    if (victim < 0) {
      victim = oldest;
      long v = index[victim];
      int slot = (int) (v & CAPACITY - 1) * STRIDE;
      // unless the ring entry there has another fingerprint: the slot named a request gone long
      // ago whose 32-bit number came round again (every 2^32 requests), not this live one
      if (fingerprint(t[slot + KEY]) == (int) (v >>> 32)) t[slot + META] |= F_LOST;
    }
    index[victim] = fp | next & 0xFFFFFFFFL;
    return -1;
  }
}
