package dev.vigie.detect.engine;

import dev.vigie.detect.inventory.Machine;
import dev.vigie.detect.rule.TollSnapshot;
import dev.vigie.detect.toll.TollPolicy;
import dev.vigie.detect.window.BoundedTable;
import dev.vigie.detect.window.DistinctSketch;
import dev.vigie.wire.sip.SipMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The toll-fraud side of {@link Engine}: calls to international and premium numbers per calling
 * extension (of a hosted machine or of a remote source), from initial INVITEs and from CDRs, with
 * the calls in progress (by Call-ID; by interval for CDRs). A call ends when the platform says so:
 * a BYE answered 2xx back to the party that sent it (the BYE and its sender kept with the call, so
 * that a slow answer is matched whatever traffic came in between), or a failure response (3xx-6xx)
 * to its initial INVITE addressed to its caller. A BYE the callee refuses (481: tags it does not
 * know), a failure the caller sends itself, or a refused re-INVITE (the dialog survives it) leave
 * the call going, as they leave it going on the PBX. Bounded: extensions in a Space-Saving table,
 * at most 65,536 calls in progress (the oldest forgotten first). Bounded in bytes too, whatever the
 * caller writes: an extension is kept to its first {@value #MAX_EXTENSION} characters and a Call-ID
 * longer than {@value #MAX_CALL_ID} by its SHA-256 (a header may be 64 KB: 65,536 calls of 60 KB
 * Call-IDs held 4 GB, 4,096 extensions of 60 KB held 500 MB). Not thread-safe: owned by the engine
 * thread.
 */
final class Calls {
  private static final long MICROS = 1_000_000L;
  private static final int MAX_CALLS = 65_536;

  /** Characters of a calling extension kept (its name in the evidence, its key). */
  static final int MAX_EXTENSION = 64;

  /**
   * The same Call-ID and From tag this long after a call started is a new call, not the same one
   * again (a retransmission or a retry with credentials comes within 64 * T1, 32 s).
   */
  static final long RETRY_SECONDS = 64;

  /** A call in progress longer than this is taken as ended (its end was not captured). */
  static final long MAX_CALL_SECONDS = 6 * 3600;

  /** Longer Call-IDs are kept as their digest ({@link #callKey}). */
  static final int MAX_CALL_ID = 64;

  private int digestKeys; // calls in progress kept under a digest of their Call-ID

  // calls in progress per bucket of their Call-ID's hash, read in place: a BYE or a failure whose
  // bucket holds none ends no call, and its Call-ID's text is never made (most of them: calls that
  // are not international are not kept). A shared bucket only costs the exact lookup. Hashed from
  // the header's bytes: a Call-ID folded over two lines in one message only is another call's
  private static final int BUCKETS = 1 << 16;
  private final int[] inBucket = new int[BUCKETS];
  private MessageDigest sha256;
  private final TollPolicy policy;
  private final BoundedTable<String, TollState> extensions;
  private final LinkedHashMap<String, Call> inProgress;
  private final List<TollState> dirty = new ArrayList<>();

  private final long tableKey;

  /**
   * {@code tableKey}: the secret the extensions' index and the Call-IDs' buckets are keyed by
   * ({@link Keyed}).
   */
  Calls(TollPolicy policy, int capacity, long tableKey) {
    this.tableKey = tableKey;
    this.policy = policy;
    this.extensions = new BoundedTable<>(capacity, TollState::new, k -> Keyed.text(k, tableKey));
    this.inProgress =
        new LinkedHashMap<>(1024, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Call> e) {
            if (size() <= MAX_CALLS) return false;
            forget(e.getValue());
            return true;
          }
        };
  }

  /**
   * Counts a call; true when it is international outside the allowed prefixes. The calling
   * extension and the Call-ID come from {@code invite} (null for a CDR), read only for such a call
   * (most calls are local): the digest user of its credentials for a remote caller ({@code owner}
   * null), else the From user, else {@code ext}; {@code caller} is the address hash of the INVITE's
   * sender (where the call's failure is sent). {@code cdrEnd} is the end of a CDR's call
   * (microseconds), -1 for an INVITE.
   */
  boolean call(
      Machine owner,
      String source,
      Machine machine,
      SipMessage invite,
      long caller,
      String ext,
      String number,
      long sec,
      long micros,
      long cdrEnd) {
    String n = TollPolicy.normalise(number);
    List<String> allowed = machine == null ? List.of() : machine.allowedPrefixes();
    TollPolicy.NumberClass c = policy.classify(n, allowed);
    if (c == TollPolicy.NumberClass.LOCAL || c == TollPolicy.NumberClass.ALLOWED) return false;
    String id = null; // the call's key in the map of calls in progress
    if (invite != null) {
      // a remote caller is the extension whose credentials it presents (a PBX authenticating the
      // digest user may let the From be anything); a machine's calls keep their From user (its
      // trunk account would merge all its extensions into one)
      String from = owner == null && invite.hasAuthorization() ? invite.authorizationUser() : null;
      if (from == null || from.isEmpty()) from = invite.fromUser();
      if (from != null) ext = from;
      id = callKey(dialogKey(invite.callId(), invite.fromTag()), true);
    }
    ext = capped(ext);
    String key = (owner != null ? owner.id() : source) + "|" + ext;
    Call same = id == null ? null : inProgress.get(id);
    if (same != null && again(same, key, invite, sec)) return false;
    TollState t = extensions.count(key, 1, sec);
    if (t.extension == null) {
      t.extension = ext;
      t.source = source;
      t.machine = machine == null ? null : machine.id();
    }
    if (micros - t.lastMicros > 60 * MICROS) t.activeSinceMicros = micros;
    if (micros > t.lastMicros) t.lastMicros = micros;
    t.w.add(TollState.INTL, sec, 1);
    boolean premium = c == TollPolicy.NumberClass.PREMIUM;
    if (premium) t.w.add(TollState.PREMIUM, sec, 1);
    String prefix = TollPolicy.prefix(n);
    if (prefix.equals(t.lastPrefix)) t.sequential++;
    else {
      t.lastPrefix = prefix;
      t.sequential = 1;
    }
    if (cdrEnd >= 0) {
      t.concurrent = t.cdrConcurrent(micros, cdrEnd);
    } else if (id != null) {
      int bucket = bucket(invite);
      Call call = new Call(id, t, key, caller, invite.cseqNumber(), bucket, sec, premium);
      Call before = inProgress.put(id, call);
      if (before == null) {
        inBucket[bucket]++;
        if (id.length() > MAX_CALL_ID) digestKeys++;
      } else before.release(); // its Call-ID and From tag reused long after: that call is over
      call.count();
    }
    SourceState.sample(t.sampleNumbers, number, 5);
    if (!t.dirty) {
      t.dirty = true;
      dirty.add(t);
    }
    return true;
  }

  /**
   * False when the Request-URI's user ({@code requestUriUserRange}, what {@link
   * SipMessage#requestUriUserRange()} gave) cannot be an international number (no string made).
   */
  static boolean mayCallAbroad(SipMessage m, long requestUriUserRange) {
    long r = requestUriUserRange;
    return r >= 0 && TollPolicy.mayBeInternational(m.buffer(), (int) (r >>> 32), (int) r);
  }

  /** True when some call is in progress (a BYE or a failure then needs its Call-ID read). */
  boolean anyInProgress() {
    return !inProgress.isEmpty();
  }

  /**
   * INVITE {@code invite} of a call already kept ({@code same}, the same Call-ID and From tag): a
   * retransmission, or the INVITE answering a challenge with credentials (RFC 3261 section 22.2:
   * same Call-ID and From, next CSeq). It is the same call, counted once: true when nothing more is
   * to be done. A call challenged is counted again among the concurrent calls when its credentials
   * come; when they name another extension than the one it was counted under (the From user before
   * the credentials named the caller), it leaves that one (false: counted afresh under this {@code
   * key}).
   */
  private boolean again(Call same, String key, SipMessage invite, long sec) {
    if (sec - same.startSecond > RETRY_SECONDS) return false; // a Call-ID reused later: a new call
    if (!key.equals(same.key)) {
      same.withdraw();
      return false;
    }
    if (invite.cseqNumber() > same.cseq) same.cseq = invite.cseqNumber(); // its failure ends it now
    same.count(); // back among the concurrent calls after a challenge (no-op if it still counts)
    return true;
  }

  /** A dialog's caller side: its Call-ID and the caller's (From) tag; null without a Call-ID. */
  private static String dialogKey(String callId, String tag) {
    return callId == null ? null : callId + '\n' + (tag == null ? "" : tag);
  }

  private void ended(Call c) {
    inProgress.remove(c.id);
    forget(c);
  }

  /** {@code c}, out of the map, counts nowhere any more. */
  private void forget(Call c) {
    c.release();
    inBucket[c.bucket]--;
    if (c.id.length() > MAX_CALL_ID) digestKeys--;
  }

  /** Its Call-ID's bucket, under the table key: which Call-IDs share one cannot be computed. */
  private int bucket(SipMessage m) {
    return (int) DistinctSketch.hash(m.callIdHash() ^ tableKey) & BUCKETS - 1;
  }

  /**
   * The call in progress {@code m} belongs to (by its Call-ID and From tag, or To tag when the
   * callee sends it), or null; no text is made when its Call-ID's bucket holds no call.
   */
  private Call callOf(SipMessage m) {
    if (inProgress.isEmpty() || inBucket[bucket(m)] == 0) return null;
    String callId = m.callId();
    Call c = find(dialogKey(callId, m.fromTag()));
    return c != null ? c : find(dialogKey(callId, m.toTag())); // a BYE from the callee
  }

  private Call find(String dialog) {
    String id = callKey(dialog, false);
    return id == null ? null : inProgress.get(id);
  }

  /**
   * {@code ext} cut to its first {@value #MAX_EXTENSION} characters (never inside a surrogate
   * pair), "…" marking the cut: a caller's names beyond that merge into one extension, which only
   * adds up that caller's own calls.
   */
  static String capped(String ext) {
    if (ext == null || ext.length() <= MAX_EXTENSION) return ext;
    int end = MAX_EXTENSION - 1;
    if (Character.isHighSurrogate(ext.charAt(end - 1))) end--;
    return ext.substring(0, end) + "…";
  }

  /**
   * The key a call is kept under: its dialog key ({@link #dialogKey}), or for one longer than
   * {@value #MAX_CALL_ID} characters "#" and the hex SHA-256 of its UTF-8 bytes (65 characters: no
   * key kept as it is has that length; a collision cannot be made to merge two calls). Null when
   * there is none, or when {@code storing} is false and no call is kept under a digest (a lookup
   * that would find nothing spares the digest).
   */
  private String callKey(String dialog, boolean storing) {
    if (dialog == null || dialog.length() <= MAX_CALL_ID) return dialog;
    if (!storing && digestKeys == 0) return null;
    if (sha256 == null) {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has SHA-256", e);
      }
    }
    return "#" + HexFormat.of().formatHex(sha256.digest(dialog.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * BYE {@code m} sent from the address hashed as {@code from}: the call it names ends if the BYE
   * is accepted ({@link #byeAnswered}).
   */
  void bye(SipMessage m, long from) {
    Call c = callOf(m);
    if (c != null) {
      c.byeFrom = from;
      c.byeCseq = m.cseqNumber();
    }
  }

  /**
   * A 2xx {@code m} to a BYE, sent to the address hashed as {@code addressedTo}: the call ended
   * when it answers the BYE seen last, going back to its sender (a 2xx the caller sends for a BYE
   * nobody sent matches none).
   */
  void byeAnswered(SipMessage m, long addressedTo) {
    Call c = callOf(m);
    if (c != null && c.byeFrom == addressedTo && c.byeCseq == m.cseqNumber()) ended(c);
  }

  /**
   * A failure response {@code m} (3xx-6xx) to an INVITE, sent to the address hashed as {@code
   * addressedTo}: the call ended when it answers its initial INVITE (the one with credentials after
   * a challenge) and goes to its caller. A challenge (401, 407) only stops counting it among the
   * concurrent calls: the INVITE with credentials that follows is the same call.
   */
  void failed(SipMessage m, long addressedTo) {
    Call c = callOf(m);
    if (c == null || c.caller != addressedTo || c.cseq != m.cseqNumber()) return;
    int code = m.statusCode();
    if (code == 401 || code == 407) c.release(); // its INVITE with credentials is the same call
    else ended(c);
  }

  /**
   * A call in progress: its extension, the address hash of its caller, its INVITE's CSeq, the
   * bucket of its Call-ID.
   */
  private static final class Call {
    final String id; // its key in the map of calls in progress
    final TollState extension;
    final String key; // its extension's key
    final int generation; // of its extension's state: a state serving another key since is not its
    final long caller;
    long cseq; // of its INVITE (the one with credentials after a challenge)
    final int bucket; // of its Call-ID's hash
    final long startSecond;
    final boolean premium;
    long byeFrom; // the address hash of the last BYE's sender (0: none seen)
    long byeCseq = -1;
    private boolean counted; // among its extension's concurrent calls
    private boolean withdrawn; // moved to another extension: counts nowhere

    Call(
        String id,
        TollState extension,
        String key,
        long caller,
        long cseq,
        int bucket,
        long startSecond,
        boolean premium) {
      this.id = id;
      this.extension = extension;
      this.key = key;
      this.generation = extension.generation();
      this.caller = caller;
      this.cseq = cseq;
      this.bucket = bucket;
      this.startSecond = startSecond;
      this.premium = premium;
    }

    private boolean mine() {
      return !withdrawn && extension.key() != null && extension.generation() == generation;
    }

    /** Counts the call among its extension's concurrent calls (once). */
    void count() {
      if (counted || !mine()) return;
      counted = true;
      extension.concurrent++;
      extension.callsGoingOn++;
    }

    /**
     * The call no longer counts among its extension's concurrent calls (if its extension's state
     * still serves that extension: a state given to another since counts that one's calls).
     */
    void release() {
      if (!counted) return;
      counted = false;
      if (!mine()) return;
      extension.concurrent = Math.max(0, extension.concurrent - 1);
      extension.callsGoingOn--;
    }

    /**
     * Takes the call out of the extension it was counted under (a call going on, and one of its
     * minute's calls), for its credentials name another: it is counted there afresh.
     */
    void withdraw() {
      release();
      if (mine()) {
        extension.w.add(TollState.INTL, startSecond, -1);
        if (premium) extension.w.add(TollState.PREMIUM, startSecond, -1);
      }
      withdrawn = true;
    }
  }

  /** The extensions that called abroad since the last call, as snapshots at {@code clock}. */
  List<TollSnapshot> drainTouched(long clock) {
    if (dirty.isEmpty()) return List.of();
    List<TollSnapshot> out = new ArrayList<>(dirty.size());
    for (TollState t : dirty) {
      t.dirty = false;
      if (t.key() == null) continue; // evicted since
      t.w.advance(clock);
      out.add(
          new TollSnapshot(
              t.extension,
              t.source,
              t.machine,
              t.w.total(TollState.INTL),
              t.w.total(TollState.PREMIUM),
              t.concurrent,
              t.sequential,
              List.copyOf(t.sampleNumbers),
              t.activeSinceMicros,
              t.lastMicros));
    }
    dirty.clear();
    return out;
  }

  /**
   * Forgets the extensions not seen since {@code before}, except those with calls still going on
   * (forgotten, they came back counting none of them), and takes the calls started more than
   * {@value #MAX_CALL_SECONDS} s before {@code now} as ended: their end was not captured (a BYE's
   * 2xx lost on the way to the capture), and kept for ever they would add up into concurrent calls
   * of an extension that has none.
   */
  void evictIdle(long before, long now) {
    for (var it = inProgress.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next(); // oldest first: the map keeps the order calls started in
      if (e.getValue().startSecond >= now - MAX_CALL_SECONDS) break;
      it.remove();
      forget(e.getValue());
    }
    extensions.evictIdle(before, t -> t.callsGoingOn > 0);
  }
}
