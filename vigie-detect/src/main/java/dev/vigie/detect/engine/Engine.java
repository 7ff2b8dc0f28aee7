package dev.vigie.detect.engine;

import static dev.vigie.detect.engine.SourceState.AUTH_FAIL;
import static dev.vigie.detect.engine.SourceState.AUTH_OK;
import static dev.vigie.detect.engine.SourceState.AUTH_REQ;
import static dev.vigie.detect.engine.SourceState.CHALLENGE;
import static dev.vigie.detect.engine.SourceState.REFUSED;
import static dev.vigie.detect.engine.SourceState.REQ;
import static dev.vigie.detect.engine.SourceState.USER_REQ;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertListener;
import dev.vigie.detect.EngineOptions;
import dev.vigie.detect.RegistrationListener;
import dev.vigie.detect.baseline.Baseline;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.Machine;
import dev.vigie.detect.rule.Finding;
import dev.vigie.detect.rule.HealthRules;
import dev.vigie.detect.rule.HealthSnapshot;
import dev.vigie.detect.rule.MachineRules;
import dev.vigie.detect.rule.MachineSnapshot;
import dev.vigie.detect.rule.SourceRules;
import dev.vigie.detect.rule.SourceSnapshot;
import dev.vigie.detect.rule.TollRule;
import dev.vigie.detect.rule.TollSnapshot;
import dev.vigie.detect.threshold.Threshold;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.detect.toll.TollPolicy;
import dev.vigie.detect.window.BoundedTable;
import dev.vigie.detect.window.DistinctSketch;
import dev.vigie.detect.window.SecondWindows;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.cdr.CdrRecord;
import dev.vigie.wire.sip.SipMessage;
import dev.vigie.wire.sip.SipMethod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The detection state machine behind {@link dev.vigie.detect.DetectionEngine}; see there for the
 * contract. Per message: O(1) window and sketch updates, one transaction-table probe, one inventory
 * lookup per address. Rules run when a second completes, on the entities touched during it, and at
 * once when a rate reaches a level (FLOOD latency under a second).
 */
public final class Engine {
  private static final long MICROS = 1_000_000L;
  private final Inventory inventory;
  private final ThresholdRegistry thresholds;
  private final EngineOptions options;
  private final boolean prefilter;
  private final Episodes episodes;
  private final BoundedTable<IpAddress, SourceState> sources;
  private final Calls calls;
  // identity: a Machine record's own hashCode walks its lists and maps
  private final Map<Machine, MachineState> machines = new java.util.IdentityHashMap<>();
  private final List<MachineState> machineList = new ArrayList<>(); // inventory order
  // the addresses seen last (see addressSlot): per entry its value (hi, lo, 1 for IPv4 or 2 for
  // IPv6, 0 when empty) and its hash, side by side; the machine owning it apart
  private final long[] cachedAddress = new long[256 * 4];
  private final MachineState[] cachedState = new MachineState[256];
  private final Transactions tx = new Transactions(TRANSACTION_BITS);
  // tokens the platform sent to remote addresses (nonces, To tags): 2 x 2^16 entries, 2 MB
  private final Issued nonces = new Issued(16, 600);
  private final Issued dialogTags = new Issued(16, 4 * 3600);
  // a hosted machine's INVITEs challenged (401/407) in the last 64 s, by dialog (Call-ID, From
  // tag):
  // the INVITE with credentials that follows is the same call, not another one in its call rates
  private final Issued challengedCalls = new Issued(12, 64);
  private static final long NONCE_SALT = 0x6e6f6e6365L;
  private static final long TAG_SALT = 0x746167L;
  private final long nonceSalt; // the salts with the options' table key mixed in
  private final long tagSalt;
  private final long tableKey; // EngineOptions#tableKey
  private static final int PROOF_ALL = SourceState.PROOF_CHALLENGE | SourceState.PROOF_DIALOG;
  private RegistrationListener registrations = RegistrationListener.NONE;
  private final Triggers defaultTriggers = new Triggers(null);
  private final List<SourceState> dirtySources = new ArrayList<>();
  private final ServiceHealth health; // null when service health is off
  private long clock = Long.MIN_VALUE;
  private long lastMicros;
  private long lastSweep;
  private long messages;
  private long cdrRecords;

  public Engine(
      Inventory inventory,
      ThresholdRegistry thresholds,
      AlertListener listener,
      EngineOptions options) {
    this(inventory, thresholds, listener, options, true);
  }

  /**
   * {@code prefilter} false builds every snapshot and runs every rule for every entity touched in a
   * second: the reference behaviour the pre-filters ({@link #couldFire(SourceState, Thresholds)},
   * {@link #couldFire(MachineState, Thresholds)}) must not change (tested).
   */
  Engine(
      Inventory inventory,
      ThresholdRegistry thresholds,
      AlertListener listener,
      EngineOptions options,
      boolean prefilter) {
    this.prefilter = prefilter;
    this.inventory = inventory;
    this.thresholds = thresholds;
    this.options = options;
    this.tableKey = options.tableKey();
    this.nonceSalt = NONCE_SALT ^ tableKey;
    this.tagSalt = TAG_SALT ^ tableKey * 0x9E3779B97F4A7C15L;
    this.episodes = new Episodes(listener, options.quietSeconds(), 10_000);
    this.sources =
        new BoundedTable<>(
            options.sourceCapacity(), SourceState::new, ip -> Keyed.address(ip, tableKey));
    this.calls = new Calls(options.tollPolicy(), options.tollCapacity(), tableKey);
    for (Machine m : inventory.machines()) {
      MachineState ms =
          new MachineState(
              m, machineList.size(), options.baselineHalfLifeSeconds(), options.warmupSeconds());
      machines.put(m, ms);
      machineList.add(ms);
    }
    this.health =
        options.serviceHealth() && machineList.size() < ServiceHealth.MAX_MACHINES
            ? new ServiceHealth(machineList.toArray(MachineState[]::new), tableKey)
            : null;
  }

  // ---------------------------------------------------------------- input

  public void onSip(SipEvent e) {
    long micros = e.timestampMicros();
    long sec = Math.floorDiv(micros, MICROS);
    advanceTo(sec, micros);
    if (micros > lastMicros) lastMicros = micros;
    messages++;
    SipMessage m = e.sip();
    int i = addressSlot(e.src());
    MachineState srcMs = cachedState[i];
    long who = cachedAddress[4 * i + 3];
    i = addressSlot(e.dst());
    MachineState dstMs = cachedState[i];
    long to = cachedAddress[4 * i + 3];
    if (srcMs != null) {
      srcMs.messagesOut++;
      srcMs.lastSentMicros = micros;
    }
    if (dstMs != null) dstMs.messagesIn++;
    if (m.isRequest()) request(e, m, sec, micros, srcMs, dstMs, who, to);
    else response(e, m, sec, micros, srcMs, dstMs, who, to);
  }

  /**
   * The entry of {@code ip} in a 256-entry direct-mapped cache in front of the inventory lookup and
   * of {@link #addressHash} (consecutive messages share addresses): its {@link #cachedState} is the
   * machine owning the address (null for a remote one), {@code cachedAddress[4 * i + 3]} its hash.
   * Entries are compared by value, not through the address object of an older message.
   */
  private int addressSlot(IpAddress ip) {
    long hi = ip.hi();
    long lo = ip.lo();
    long kind = ip.v6() ? 2 : 1;
    int i = (int) (lo ^ (lo >>> 17) ^ hi) & 255;
    int at = 4 * i;
    if (cachedAddress[at + 1] == lo && cachedAddress[at] == hi && cachedAddress[at + 2] == kind) {
      return i;
    }
    Machine m = inventory.machineOf(ip);
    cachedState[i] = m == null ? null : machines.get(m);
    cachedAddress[at] = hi;
    cachedAddress[at + 1] = lo;
    cachedAddress[at + 2] = kind;
    cachedAddress[at + 3] = addressHash(ip);
    return i;
  }

  /** Request {@code m}, from the address of hash {@code who} to that of hash {@code to}. */
  private void request(
      SipEvent e,
      SipMessage m,
      long sec,
      long micros,
      MachineState srcMs,
      MachineState dstMs,
      long who,
      long to) {
    Machine dstM = dstMs == null ? null : dstMs.machine;
    SipMethod method = m.method();
    if (method == SipMethod.BYE && calls.anyInProgress()) calls.bye(m, who);
    long key = txKey(m);
    if (health != null && (dstMs != null || srcMs != null && srcMs.relays)) {
      health.request(
          dstMs,
          srcMs != null && srcMs.relays ? srcMs : null,
          srcMs,
          key,
          who,
          to,
          method,
          sec,
          micros);
    }
    if (srcMs != null && srcMs.relays) return; // relayed by a proxy/SBC: counted at its first hop
    int slot = tx.find(key);
    if (slot >= 0
        && tx.dest(slot) == who
        && tx.requester(slot) != who
        && sec - tx.second(slot) <= 10) {
      tx.relayedTo(slot, to); // a relayed copy: its first hop was counted
      return;
    }
    int txSlot = tx.put(key, who, to, m.hasAuthorization(), sec);
    if (srcMs != null) {
      machineOutbound(srcMs, e, m, who, sec, micros);
      return;
    }
    IpAddress k = e.src().v6() ? e.src().prefix64() : e.src();
    SourceState s = sources.count(k, 1, sec);
    tx.sender(txSlot, s.id(), s.generation());
    if (s.display == null) s.display = e.src().v6() ? k + "/64" : k.toString();
    if (micros - s.lastMicros > 60 * MICROS) s.activeSinceMicros = micros;
    if (micros > s.lastMicros) s.lastMicros = micros;
    if (dstMs != null && s.machineState != dstMs) { // written only when it changes (GC barriers)
      s.machine = dstM.id();
      s.machineState = dstMs;
    }
    s.w.add(REQ, sec, 1);
    prove(s, e, m, who, sec);
    long target = DistinctSketch.hash(to * 31 + e.dstPort());
    s.targets.add(target, sec);
    if (s.targetHashes.add(target)) {
      SourceState.sample(s.sampleTargets, e.dst() + ":" + e.dstPort(), SourceState.SAMPLES);
    }
    long ru = -1; // the Request-URI's user, read once for an INVITE's two uses
    switch (method) {
      case REGISTER, INVITE, OPTIONS, SUBSCRIBE, MESSAGE -> {
        // in place: no string unless it is a new one to sample. A REGISTER targets the address
        // of record of its To header, whatever user its Request-URI carries: registrars read the
        // To (RFC 3261 section 10.2), so a fixed Request-URI user must not hide an enumeration
        boolean register = method == SipMethod.REGISTER;
        ru = register ? -1 : m.requestUriUserRange();
        long user = m.targetUserHash(ru);
        if (user != 0) {
          long userHash = DistinctSketch.hash(user);
          // a user new to this source (in this half-minute) counts once, with its answer: requests
          // repeated to one valid extension do not dilute the share of extensions refused
          if (s.users.add(userHash, sec)) {
            s.w.add(USER_REQ, sec, 1);
            tx.freshUser(txSlot);
          }
          if (s.userHashes.add(userHash)) {
            String u = register ? null : m.requestUriUser();
            SourceState.sample(s.sampleUsers, u != null ? u : m.toUser(), SourceState.SAMPLES);
          }
        }
        if (method == SipMethod.INVITE) s.w.add(SourceState.INVITE, sec, 1);
        if (method == SipMethod.REGISTER) s.w.add(SourceState.REGISTER, sec, 1);
      }
      default -> {}
    }
    if (m.hasAuthorization()) {
      s.w.add(AUTH_REQ, sec, 1);
      if (s.authUsers.size() < SourceState.SAMPLES && s.authSamples++ < 64) {
        SourceState.sample(s.authUsers, m.authorizationUser(), SourceState.SAMPLES);
      }
    }
    if (s.uaChecks < 8) {
      s.uaChecks++;
      String ua = m.userAgent();
      if (ua != null) {
        if (ScannerSignatures.matches(ua)) s.scanner = true;
        SourceState.sample(s.userAgents, ua, 3);
      }
    }
    markDirty(s);
    Thresholds th = thresholds.current();
    Triggers tr = s.machineState != null ? s.machineState.triggers : defaultTriggers;
    if (tr.reaches(th, Threshold.REQUESTS_PER_SECOND, s.w.at(REQ, sec))) {
      emit(SourceRules.flood(source(s), th), s, s.machine, micros);
    }
    if (method == SipMethod.INVITE && !m.hasToTag() && Calls.mayCallAbroad(m, ru)) {
      calls.call(null, s.display, dstM, m, who, s.display, m.requestUriUser(), sec, micros, -1);
    }
    if (dstMs != null) {
      dstMs.touch(micros);
      dstMs.w.add(MachineState.IN_REQ, sec, 1);
      dstMs.dirty = true;
      if (dstMs.triggers.reaches(
          th,
          Threshold.MACHINE_INBOUND_REQUESTS_PER_SECOND,
          dstMs.w.at(MachineState.IN_REQ, sec))) {
        emit(
            MachineRules.inboundFlood(machine(dstMs, sec), th),
            null,
            dstM.id(),
            dstMs.activeSinceMicros,
            dstMs.lastMicros,
            micros);
      }
    }
  }

  /**
   * Marks {@code s} proven when this request shows its address is real: it came over a connection
   * (TCP, TLS, WebSocket, SCTP: a handshake a spoofer cannot complete), it carries the nonce of a
   * challenge the platform sent to that very address, or the To tag of a response the platform sent
   * there (an ACK, BYE or re-INVITE inside a dialog). Two table probes at most, only for requests
   * with credentials or a To tag; no allocation.
   */
  private void prove(SourceState s, SipEvent e, SipMessage m, long who, long sec) {
    int before = s.proof;
    switch (e.transport()) {
      case TCP, TLS, WS, WSS, SCTP -> s.proof |= SourceState.PROOF_TCP;
      default -> {}
    }
    if (s.issued == 0) {
      if (s.proof != before) markDirty(s);
      return; // nothing was handed to it: nothing to answer with
    }
    if ((s.proof & SourceState.PROOF_CHALLENGE) == 0 && m.hasAuthorization()) {
      long nonce = m.authorizationNonceHash();
      if (nonce != 0 && nonces.contains(Issued.key(who, nonce, nonceSalt), sec)) {
        s.proof |= SourceState.PROOF_CHALLENGE;
      }
    }
    if ((s.proof & SourceState.PROOF_DIALOG) == 0 && inDialog(m.method()) && m.hasToTag()) {
      long tag = m.toTagHash();
      if (tag != 0 && dialogTags.contains(Issued.key(who, tag, tagSalt), sec)) {
        s.proof |= SourceState.PROOF_DIALOG;
      }
    }
    if (s.proof != before) markDirty(s); // an open episode gets a revision naming the proof
  }

  /** Methods that continue a dialog (or answer a final response) with the platform's To tag. */
  private static boolean inDialog(SipMethod method) {
    return method == SipMethod.ACK
        || method == SipMethod.BYE
        || method == SipMethod.INVITE
        || method == SipMethod.NOTIFY
        || method == SipMethod.REFER
        || method == SipMethod.UPDATE
        || method == SipMethod.INFO
        || method == SipMethod.PRACK;
  }

  private void machineOutbound(
      MachineState ms, SipEvent e, SipMessage m, long who, long sec, long micros) {
    ms.touch(micros);
    if (ms.address == null) ms.address = e.src().toString();
    ms.w.add(MachineState.OUT_REQ, sec, 1);
    ms.dirty = true;
    if (m.method() == SipMethod.INVITE && !m.hasToTag()) {
      boolean retry =
          m.hasAuthorization() && challengedCalls.contains(dialogHash(m), sec); // the same call
      if (!retry) ms.w.add(MachineState.OUT_INVITE, sec, 1);
      // the dialled number read in place: a string only to sample it or for a call abroad
      long r = m.requestUriUserRange();
      if (r >= 0) {
        byte[] b = m.buffer();
        int from = (int) (r >>> 32);
        int to = (int) r;
        String number = null;
        long h = DistinctSketch.hashAscii(b, from, to);
        if (h == DistinctSketch.NOT_ASCII) h = DistinctSketch.hash(number = m.requestUriUser());
        ms.destinations.add(h, sec);
        if (ms.sampleDestinations.size() < 5) {
          if (number == null) number = m.requestUriUser();
          SourceState.sample(ms.sampleDestinations, number, 5);
        }
        if (TollPolicy.mayBeInternational(b, from, to)) {
          if (number == null) number = m.requestUriUser();
          if (calls.call(
              ms.machine, ms.address, ms.machine, m, who, "?", number, sec, micros, -1)) {
            ms.w.add(MachineState.OUT_INTL, sec, 1);
          }
        }
      }
    }
    Thresholds th = thresholds.current();
    if (ms.triggers.reaches(
            th, Threshold.MACHINE_REQUESTS_PER_SECOND, ms.w.at(MachineState.OUT_REQ, sec))
        || ms.triggers.reaches(
            th, Threshold.MACHINE_CALLS_PER_SECOND, ms.w.at(MachineState.OUT_INVITE, sec))) {
      emit(
          MachineRules.machineTraffic(machine(ms, sec), th),
          ms.address,
          ms.machine.id(),
          ms.activeSinceMicros,
          ms.lastMicros,
          micros);
    }
  }

  /** Response {@code m}, from the address of hash {@code from} to that of hash {@code to}. */
  private void response(
      SipEvent e,
      SipMessage m,
      long sec,
      long micros,
      MachineState srcMs,
      MachineState ms,
      long from,
      long to) {
    int code = m.statusCode();
    long key = 0; // the transaction key, hashed once when needed
    if (health != null && srcMs != null) {
      key = txKey(m);
      health.response(srcMs, m, key, from, to, code, sec, micros);
    }
    if (calls.anyInProgress()) {
      SipMethod cm = m.cseqMethod();
      if (code >= 300 && cm == SipMethod.INVITE) calls.failed(m, to);
      else if (code >= 200 && code < 300 && cm == SipMethod.BYE) calls.byeAnswered(m, to);
    }
    if (code < 200) return;
    if (ms != null) {
      if ((code == 401 || code == 407) && m.cseqMethod() == SipMethod.INVITE) {
        challengedCalls.put(dialogHash(m), sec); // its INVITE with credentials: the same call
      }
      // a machine's successful authentication: its challenge and retry are not abnormal traffic
      if (code < 300) {
        int slot = tx.find(key != 0 ? key : txKey(m));
        if (slot >= 0 && tx.authenticated(slot) && tx.requester(slot) == to) {
          ms.w.add(MachineState.AUTH_OK, sec, 1);
        }
      }
      return;
    }
    int slot = tx.find(key != 0 ? key : txKey(m));
    boolean known = slot >= 0 && tx.requester(slot) == to;
    SourceState s = known ? null : diverted(slot, srcMs, from, to);
    boolean diverted = s != null;
    if (diverted) known = true;
    else {
      IpAddress k = e.dst().v6() ? e.dst().prefix64() : e.dst();
      s = sources.find(k);
      if (s == null) return;
    }
    if (known && !diverted && s.proof != PROOF_ALL && s.issued < SourceState.MAX_ISSUED) {
      issue(s, m, sec, srcMs, slot, code, from, to);
    }
    boolean auth = known && tx.authenticated(slot);
    boolean fresh = known && tx.isFreshUser(slot); // its user's first request: a refusal counts
    switch (code) {
      case 401, 407 -> {
        if (auth) {
          s.w.add(AUTH_FAIL, sec, 1);
          if (fresh) s.w.add(REFUSED, sec, 1);
        } else s.w.add(CHALLENGE, sec, 1);
      }
      case 403 -> {
        if (fresh) s.w.add(REFUSED, sec, 1);
        if (auth) s.w.add(AUTH_FAIL, sec, 1);
      }
      case 404, 484, 604 -> {
        if (fresh) s.w.add(REFUSED, sec, 1);
      }
      default -> {
        if (code < 300 && auth) {
          s.w.add(AUTH_OK, sec, 1);
          if (!diverted
              && m.cseqMethod() == SipMethod.REGISTER
              && fromPlatform(srcMs, slot, from, to)) {
            // digest accepted: the address read the challenge and the platform says so
            s.proof |= SourceState.PROOF_CHALLENGE;
            String machine = srcMs != null ? srcMs.machine.id() : s.machine;
            registrations.onRegistered(s.display, machine, e.timestampMicros());
          }
        }
      }
    }
    markDirty(s);
  }

  /**
   * The state of the source whose request the platform answers elsewhere than to its address (a Via
   * {@code maddr}, which RFC 3261 section 18.2.2 tells servers to honour, PJSIP among them: the
   * answers of a password guesser sent to another address it owns), or null: the response comes
   * from a hosted machine or from the address the request went to, and names a request a remote
   * source sent whose state still serves that source. Its refusals count for the sender; nothing it
   * hands out (a nonce, a To tag) proves the sender's address, which did not get it.
   */
  private SourceState diverted(int slot, MachineState srcMs, long from, long to) {
    if (slot < 0 || to == tx.relayer(slot)) return null; // the next hop answering the relay
    if (srcMs == null && tx.dest(slot) != from) return null;
    int id = tx.senderId(slot);
    return id < 0 ? null : sources.byId(id, tx.senderGeneration(slot));
  }

  /**
   * Remembers the tokens a final response from the platform hands to a remote address that is not
   * proven yet (once proven, nothing more is recorded for it; nor after 64 tokens it never
   * answered: a source ignoring that many answers is a flood or a spoofer): the nonce of a 401/407
   * challenge and the To tag of a response to an INVITE or SUBSCRIBE (what an ACK, BYE or in-dialog
   * request sends back). Only responses the platform sent: from a hosted machine, or from the
   * address the request went to; a response forged towards the platform is addressed to the
   * platform, never to the remote.
   */
  private void issue(
      SourceState s,
      SipMessage m,
      long sec,
      MachineState srcMs,
      int slot,
      int code,
      long from,
      long to) {
    SipMethod cm = m.cseqMethod();
    boolean challenge =
        (code == 401 || code == 407) && (s.proof & SourceState.PROOF_CHALLENGE) == 0;
    boolean dialog =
        (cm == SipMethod.INVITE || cm == SipMethod.SUBSCRIBE)
            && (s.proof & SourceState.PROOF_DIALOG) == 0;
    if (!challenge && !dialog) return;
    if (!fromPlatform(srcMs, slot, from, to)) return;
    if (challenge) {
      long nonce = m.challengeNonceHash();
      if (nonce != 0) {
        nonces.put(Issued.key(to, nonce, nonceSalt), sec);
        s.issued++;
      }
    }
    if (dialog) {
      long tag = m.toTagHash();
      if (tag != 0) {
        dialogTags.put(Issued.key(to, tag, tagSalt), sec);
        s.issued++;
      }
    }
  }

  /**
   * True when a response from the address of hash {@code from} to that of hash {@code to} was sent
   * by the platform to the party that made the request.
   */
  private boolean fromPlatform(MachineState srcMs, int slot, long from, long to) {
    if (srcMs != null) return true;
    return slot >= 0 && tx.requester(slot) == to && tx.dest(slot) == from;
  }

  /**
   * Remote address {@code a} was answered 2xx by a machine at {@code epochSecond}, as a previous
   * run learnt: its requests to the machines count in the service-health signals from now on, as
   * they would have had this run seen that answer (a phone talking straight to its PBX is otherwise
   * judged only once this run sees it served). Nothing when service health is off.
   */
  public void markServed(IpAddress a, long epochSecond) {
    if (health != null) health.markServed(addressHash(a), epochSecond);
  }

  /** Where successful registrations from remote addresses are reported (known-good addresses). */
  public void registrations(RegistrationListener l) {
    registrations = l == null ? RegistrationListener.NONE : l;
  }

  /** A CDR of a hosted machine ({@code machineId} may be null when unknown). */
  public void onCdr(CdrRecord r, String machineId) {
    long start = r.timeStart().getEpochSecond() * MICROS + r.timeStart().getNano() / 1000;
    long end =
        r.timeEnd() != null
            ? r.timeEnd().getEpochSecond() * MICROS + r.timeEnd().getNano() / 1000
            : start;
    advanceTo(Math.floorDiv(start, MICROS), start);
    if (start > lastMicros) lastMicros = start;
    cdrRecords++;
    Machine m = machineId == null ? null : inventory.machine(machineId);
    String source = null; // a CDR of an unknown machine names no address
    if (m != null && !m.addresses().isEmpty() && m.addresses().get(0).isHost())
      source = m.addresses().get(0).toString();
    String ext = r.caller();
    calls.call(
        m,
        source,
        m,
        null,
        0,
        ext == null ? "?" : ext,
        r.dialled(),
        Math.floorDiv(start, MICROS),
        start,
        end);
  }

  // ---------------------------------------------------------------- time

  /** Moves the clock to {@code second}; when a second completes, runs the rules. */
  public void advanceTo(long second, long nowMicros) {
    if (clock == Long.MIN_VALUE) {
      clock = second;
      lastSweep = second;
      return;
    }
    if (second <= clock) return;
    // the rules could have run when the second ended: stamp the decision there, not at the next
    // event
    if (health != null) health.judge(Math.min(nowMicros, (clock + 1) * MICROS));
    evaluate(Math.min(nowMicros, (clock + 1) * MICROS));
    learn(second);
    clock = second;
    episodes.closeQuiet(second);
    if (second - lastSweep >= 10) {
      lastSweep = second;
      if (health != null) health.sweepBindings(second);
      sources.evictIdle(second - options.idleSeconds());
      calls.evictIdle(second - options.idleSeconds(), second);
    }
  }

  /** Evaluates what is pending at the end of the input. */
  public void finish() {
    if (clock == Long.MIN_VALUE) return;
    if (health != null) health.judge(lastMicros);
    evaluate(lastMicros);
  }

  private void evaluate(long nowMicros) {
    Thresholds th = thresholds.current();
    for (SourceState s : dirtySources) {
      s.dirty = false;
      if (s.key() == null || (prefilter && !couldFire(s, th))) continue;
      SourceSnapshot snap = source(s);
      emit(SourceRules.bruteForce(snap, th), s, s.machine, nowMicros);
      emit(SourceRules.enumeration(snap, th), s, s.machine, nowMicros);
      emit(SourceRules.scan(snap, th), s, null, nowMicros); // a scan sweeps machines: names none
      emit(SourceRules.flood(snap, th), s, s.machine, nowMicros);
    }
    dirtySources.clear();
    for (MachineState ms : machineList) {
      if (ms.dirty || ms.current.length != 0) publishCurrent(ms);
      if (!ms.dirty) continue;
      ms.dirty = false;
      if (prefilter && !couldFire(ms, th)) continue;
      MachineSnapshot snap = machine(ms, clock);
      String id = ms.machine.id();
      emit(
          MachineRules.inboundFlood(snap, th),
          null,
          id,
          ms.activeSinceMicros,
          ms.lastMicros,
          nowMicros);
      emit(
          MachineRules.machineTraffic(snap, th),
          ms.address,
          id,
          ms.activeSinceMicros,
          ms.lastMicros,
          nowMicros);
    }
    if (health != null) evaluateHealth(th, nowMicros);
    for (TollSnapshot snap : calls.drainTouched(clock)) {
      emit(
          TollRule.evaluate(snap, th),
          snap.source(),
          snap.machine(),
          snap.firstPacketMicros(),
          snap.lastPacketMicros(),
          nowMicros);
    }
  }

  /** The order of the values {@link #publishCurrent} publishes. */
  private static final Threshold[] CURRENT = {
    Threshold.MACHINE_INBOUND_REQUESTS_PER_SECOND,
    Threshold.MACHINE_REQUESTS_PER_SECOND,
    Threshold.MACHINE_CALLS_PER_SECOND,
    Threshold.MACHINE_CALLS_PER_MINUTE,
    Threshold.MACHINE_INTERNATIONAL_CALLS_PER_MINUTE,
    Threshold.MACHINE_DISTINCT_DESTINATIONS
  };

  private static final long[] NO_VALUES = new long[0];

  /**
   * Publishes what the machine rules compare for {@code ms} now (the same cheap bounds as {@link
   * #couldFire(MachineState, Thresholds)}, the distinct destinations estimated), in the order of
   * {@link #CURRENT}: a new array only when a value changed, empty again once every value is back
   * to 0 (an idle machine costs nothing afterwards). The map readers want is built when read.
   */
  private void publishCurrent(MachineState ms) {
    long now = Math.max(clock, ms.w.head());
    ms.w.advance(now);
    long in = Math.max(ms.w.at(MachineState.IN_REQ, now), ms.w.at(MachineState.IN_REQ, now - 1));
    long own = Math.max(ownRate(ms, now), ownRate(ms, now - 1));
    long cps =
        Math.max(ms.w.at(MachineState.OUT_INVITE, now), ms.w.at(MachineState.OUT_INVITE, now - 1));
    long cpm = ms.w.total(MachineState.OUT_INVITE);
    long intl = ms.w.total(MachineState.OUT_INTL);
    long dest = ms.destinations.estimate(now);
    long[] was = ms.current;
    if ((in | own | cps | cpm | intl | dest) == 0) {
      if (was.length != 0) ms.current = NO_VALUES;
      return;
    }
    if (was.length == CURRENT.length
        && was[0] == in
        && was[1] == own
        && was[2] == cps
        && was[3] == cpm
        && was[4] == intl
        && was[5] == dest) return; // unchanged: readers keep the array they have
    ms.current = new long[] {in, own, cps, cpm, intl, dest};
  }

  /**
   * The values the machine rules compare with the thresholds of machine {@code id}, as of the last
   * evaluation (at most a second old while traffic flows): threshold to value, only the machine's
   * own metrics; empty for an idle or unknown machine. Safe to call from any thread: a snapshot
   * published by the detection thread, never the live windows.
   */
  public Map<Threshold, Long> currentValues(String id) {
    Machine m = inventory.machine(id);
    MachineState ms = m == null ? null : machines.get(m);
    long[] v = ms == null ? NO_VALUES : ms.current;
    if (v.length == 0) return Map.of();
    Map<Threshold, Long> values = new EnumMap<>(Threshold.class);
    for (int i = 0; i < CURRENT.length; i++) values.put(CURRENT[i], v[i]);
    return Collections.unmodifiableMap(values);
  }

  /**
   * The baselines of machine {@code id}, or null when unknown: outbound requests and calls (what
   * MACHINE_TRAFFIC compares), then the service-health ones: messages sent per minute (silence),
   * NER, call setup delay.
   */
  public double[][] baselineState(String id) {
    Machine m = inventory.machine(id);
    MachineState ms = m == null ? null : machines.get(m);
    if (ms == null) return null;
    Baseline[] b = baselines(ms);
    double[][] out = new double[b.length][];
    for (int i = 0; i < b.length; i++) out[i] = b[i].snapshot();
    return out;
  }

  /**
   * Restores what {@link #baselineState} gave (or its first two, as checkpoints written before the
   * health baselines held); false, and nothing changed, when the machine or the state is unknown.
   */
  public boolean restoreBaselineState(String id, double[][] state) {
    Machine m = inventory.machine(id);
    MachineState ms = m == null ? null : machines.get(m);
    if (ms == null || state == null) return false;
    Baseline[] b = baselines(ms);
    if (state.length != 2 && state.length != b.length) return false;
    for (double[] one : state) if (!Baseline.isSnapshot(one)) return false; // all or nothing
    for (int i = 0; i < state.length; i++) b[i].restore(state[i]);
    return true;
  }

  private static Baseline[] baselines(MachineState ms) {
    return new Baseline[] {
      ms.outboundBaseline, ms.callsBaseline, ms.messagesBaseline, ms.nerBaseline, ms.setupBaseline
    };
  }

  /** Seconds learnt by the outbound baseline of machine {@code id} (-1 when unknown). */
  public long baselineObservations(String id) {
    Machine m = inventory.machine(id);
    MachineState ms = m == null ? null : machines.get(m);
    return ms == null ? -1 : ms.outboundBaseline.observations();
  }

  /**
   * SERVICE_DEGRADED ({@link HealthRules}): the rule runs for a machine in the second a failure is
   * counted for it and every 10 s (a silence, a window emptying, an open episode refreshed), only
   * when a signal could reach a level (the pre-filter), an open episode, or a silence its baseline
   * did not expect. An open episode is resolved when the last 10 s show the service working
   * (answers, completed calls or registrations) and no failure; the health window is then cleared,
   * so the failures before the recovery do not reopen it.
   */
  private void evaluateHealth(Thresholds th, long nowMicros) {
    int active = -1; // machines that sent in the last 60 s, counted when first needed
    boolean tick = Math.floorMod(clock, 10L) == 0;
    for (MachineState ms : machineList) {
      String key = ms.healthEpisodeKey();
      if (ms.healthOpen && !episodes.isOpen(key)) ms.healthOpen = false; // closed when quiet
      // the rule runs when a failure was counted, and every 10 s (silence, windows emptying)
      boolean due = ms.healthChanged || tick;
      ms.healthChanged = false;
      if (!due && !ms.healthOpen) continue;
      boolean silent =
          due
              && ms.lastSentMicros != Long.MIN_VALUE
              && nowMicros - ms.lastSentMicros >= 60 * MICROS
              && ms.messagesBaseline.slotMean(clock)
                  >= th.level(ms.machine.id(), Threshold.SERVICE_SILENCE_EXPECTED).warning() - 0.5;
      // nothing failed for a minute (and no setup was timed): nothing to judge, not even the window
      if (prefilter
          && !ms.healthOpen
          && !silent
          && clock - ms.hw.head() > 60
          && clock - ms.healthLastSecond() > 60) continue;
      ms.hw.advance(Math.max(clock, ms.hw.head()));
      if (prefilter && !ms.healthOpen && !silent && !couldFail(ms, th)) continue;
      if (ms.healthOpen && recovered(ms, nowMicros)) {
        Map<String, Object> extra = new LinkedHashMap<>();
        long from = ms.healthSinceMicros == Long.MIN_VALUE ? nowMicros : ms.healthSinceMicros;
        long until = Math.max(from, Math.max(ms.healthLastMicros, ms.backMicros));
        extra.put("degradedFrom", Episodes.instant(from).toString());
        extra.put("degradedUntil", Episodes.instant(until).toString());
        extra.put("recoveredAt", Episodes.instant(nowMicros).toString());
        extra.put("degradedSeconds", Math.max(1, (until - from + MICROS / 2) / MICROS));
        episodes.resolve(key, extra);
        ms.healthRecovered();
        continue;
      }
      if (!due) continue; // an open episode: re-judged at the next failure or within 10 s
      if (active < 0) active = activeMachines(nowMicros);
      int peers = active - (ms.lastSentMicros >= nowMicros - 60 * MICROS ? 1 : 0);
      HealthSnapshot snap = health(ms, peers, nowMicros);
      Optional<Finding> f = HealthRules.serviceDegraded(snap, th);
      if (f.isPresent()) {
        emit(
            f, null, ms.machine.id(), snap.firstPacketMicros(), snap.lastPacketMicros(), nowMicros);
        ms.healthOpen = true;
      }
    }
  }

  private int activeMachines(long nowMicros) {
    int active = 0;
    for (MachineState ms : machineList) {
      if (ms.lastSentMicros != Long.MIN_VALUE && nowMicros - ms.lastSentMicros < 60 * MICROS) {
        active++;
      }
    }
    return active;
  }

  /**
   * False when {@link HealthRules} cannot fire: every failure count of the window under the lowest
   * level a signal fires at, and call setup under a second on average (silence is checked apart).
   */
  private static boolean couldFail(MachineState ms, Thresholds th) {
    SecondWindows w = ms.hw;
    String id = ms.machine.id();
    long unanswered = w.total(MachineState.H_UNANSWERED);
    long failedCalls =
        w.total(MachineState.H_CALL_5XX)
            + w.total(MachineState.H_CALL_408)
            + w.total(MachineState.H_CALL_NONE);
    long regFail = w.total(MachineState.H_REG_FAIL);
    long lost = w.total(MachineState.H_REG_LOST);
    long n = w.total(MachineState.H_SETUP_N);
    return unanswered > 0
            && unanswered >= th.level(id, Threshold.SERVICE_UNANSWERED_REQUESTS).warning()
        || failedCalls >= HealthRules.MIN_FAILED_CALLS
        || regFail > 0 && regFail >= th.level(id, Threshold.SERVICE_REGISTER_FAILURES).warning()
        || lost > 0 && lost >= th.level(id, Threshold.SERVICE_REGISTRATIONS_LOST).warning()
        || n >= HealthRules.MIN_SETUP_SAMPLES && w.total(MachineState.H_SETUP_MS) >= 1000 * n;
  }

  /** Failures of the health window: any of them in the last 10 s and the service is not back. */
  private static final long FAILURES =
      SecondWindows.mask(
          MachineState.H_UNANSWERED,
          MachineState.H_CALL_5XX,
          MachineState.H_CALL_408,
          MachineState.H_CALL_NONE,
          MachineState.H_REG_FAIL,
          MachineState.H_REG_LOST);

  /** Signs of the service working (less the unanswered requests among those judged). */
  private static final long WORKING =
      SecondWindows.mask(MachineState.H_CALL_OK, MachineState.H_REG_OK, MachineState.H_JUDGED);

  /**
   * The last 10 s of an open episode show the service working and no failure. The cheap tests
   * first: a machine that sent nothing for 10 s is not back, whatever its window says.
   */
  private static boolean recovered(MachineState ms, long nowMicros) {
    if (nowMicros - ms.lastSentMicros >= 10 * MICROS) return false;
    SecondWindows w = ms.hw;
    if (w.lastSum(FAILURES, 10) > 0) return false;
    long working = w.lastSum(WORKING, 10) - w.last(MachineState.H_UNANSWERED, 10);
    if (working <= 0) return false;
    boolean slow =
        w.total(MachineState.H_SETUP_N) >= HealthRules.MIN_SETUP_SAMPLES
            && w.last(MachineState.H_SETUP_MS, 10)
                >= 1000 * Math.max(1, w.last(MachineState.H_SETUP_N, 10));
    return !slow;
  }

  private HealthSnapshot health(MachineState ms, int peers, long nowMicros) {
    SecondWindows w = ms.hw;
    long n = w.total(MachineState.H_SETUP_N);
    long silent =
        ms.lastSentMicros == Long.MIN_VALUE ? 0 : (nowMicros - ms.lastSentMicros) / MICROS;
    boolean quiet = silent >= 60;
    long first = quiet ? ms.lastSentMicros : ms.healthSinceMicros;
    if (first == Long.MIN_VALUE) first = nowMicros;
    long last = quiet ? nowMicros : Math.max(first, ms.healthLastMicros);
    return new HealthSnapshot(
        ms.machine.id(),
        ms.machine.client(),
        ms.role,
        w.total(MachineState.H_JUDGED),
        w.total(MachineState.H_UNANSWERED),
        w.last(MachineState.H_JUDGED, 10),
        w.last(MachineState.H_UNANSWERED, 10),
        w.total(MachineState.H_RETRANS),
        w.total(MachineState.H_CALL_OK),
        w.total(MachineState.H_CALL_5XX),
        w.total(MachineState.H_CALL_408),
        w.total(MachineState.H_CALL_NONE),
        ms.nerBaseline.view(clock),
        w.total(MachineState.H_REG_OK),
        w.total(MachineState.H_REG_FAIL),
        w.total(MachineState.H_REG_LOST),
        ms.registrations,
        n,
        n == 0 ? 0 : w.total(MachineState.H_SETUP_MS) / n,
        ms.setupBaseline.view(clock),
        silent,
        ms.messagesBaseline.slotView(clock),
        peers,
        first,
        last);
  }

  /** Feeds each machine's baselines with the seconds completed before {@code second}. */
  private void learn(long second) {
    for (MachineState ms : machineList) {
      if (ms.baselineSecond == Long.MIN_VALUE) ms.baselineSecond = clock - 1;
      if (health != null) learnMessages(ms, second);
      if (episodes.isOpen(ms.trafficEpisodeKey())) {
        ms.baselineSecond = second - 1; // never learn from an incident
        continue;
      }
      long from = Math.max(ms.baselineSecond + 1, second - 3600);
      for (long s = from; s < second; s++) {
        ms.w.advance(Math.max(s, ms.w.head()));
        int requests = ms.w.at(MachineState.OUT_REQ, s);
        long calls = ms.w.total(MachineState.OUT_INVITE);
        if (requests == 0 && calls == 0 && ms.w.head() == s) {
          // nothing after s in the window and nothing left in it: zeros until second - 1
          ms.outboundBaseline.observeZeros(s, second - s);
          ms.callsBaseline.observeZeros(s, second - s);
          break;
        }
        ms.outboundBaseline.observe(s, requests);
        ms.callsBaseline.observe(s, calls);
      }
      ms.baselineSecond = second - 1;
    }
  }

  /**
   * The machine's messages sent per minute, learned when a minute completes: what it sent since the
   * last minute learned goes to the first minute completed, zeros to the minutes after (a gap). Not
   * while its service is degraded. Once a minute, not once a second: cheap for every machine.
   */
  private static void learnMessages(MachineState ms, long second) {
    long minute = Math.floorDiv(second, 60);
    if (ms.learnedMinute == Long.MIN_VALUE) ms.learnedMinute = minute;
    long count = minute - ms.learnedMinute; // minutes completed since
    if (count <= 0) return;
    long sent = ms.messagesOut - ms.learnedMessagesOut;
    ms.learnedMessagesOut = ms.messagesOut;
    long from = ms.learnedMinute;
    ms.learnedMinute = minute;
    if (ms.healthOpen) return;
    ms.messagesBaseline.observe(from * 60, sent);
    ms.messagesBaseline.observeZeros((from + 1) * 60, Math.min(count - 1, 7 * 1440L), 60);
  }

  // ---------------------------------------------------------------- snapshots

  private SourceSnapshot source(SourceState s) {
    long now = Math.max(clock, s.lastSecond());
    s.w.advance(now);
    long rps = Math.max(unchallengedRate(s, now), unchallengedRate(s, now - 1));
    long unanswered = Math.max(0, s.w.total(CHALLENGE) - s.w.total(AUTH_REQ));
    return new SourceSnapshot(
        s.display,
        s.machine,
        rps,
        s.w.total(REQ),
        s.targets.estimate(now),
        List.copyOf(s.sampleTargets),
        s.w.total(USER_REQ),
        s.users.estimate(now),
        List.copyOf(s.sampleUsers),
        s.w.total(REFUSED) + unanswered,
        s.w.total(AUTH_FAIL),
        List.copyOf(s.authUsers),
        s.scanner,
        List.copyOf(s.userAgents),
        s.activeSinceMicros,
        s.lastMicros,
        (s.lastMicros - s.activeSinceMicros) / 1000,
        s.proofName());
  }

  /**
   * False when no source rule can fire whatever the details: every count a rule compares is bounded
   * by a cheap exact count. Skips most of a spoofed flood's one-packet sources, and the phones that
   * talk to one proxy as one user, without building a snapshot (which costs more than a message,
   * and runs every second for every source touched).
   *
   * <p>Bounds: the request rate by the raw per-second request counts (the rate rules compare leaves
   * out authenticated retries, never adds); distinct targets (users) by the distinct target (user)
   * hashes seen while fewer than {@link SourceState#SAMPLES} (the same hashes the sketches count:
   * linear counting over 256 registers never rounds k &le; 4 distinct items above k), otherwise by
   * the requests in the window. Failed authentications are compared as they are.
   */
  private boolean couldFire(SourceState s, Thresholds th) {
    if (s.scanner) return true;
    long now = Math.max(clock, s.lastSecond());
    s.w.advance(now);
    long req = s.w.total(REQ);
    long rps = Math.max(s.w.at(REQ, now), s.w.at(REQ, now - 1));
    int st = s.targetHashes.size();
    int su = s.userHashes.size();
    long targets = st < SourceState.SAMPLES ? st : req;
    long users = su < SourceState.SAMPLES ? su : req;
    String m = s.machine;
    return targets >= th.level(m, Threshold.SCAN_DISTINCT_TARGETS).warning()
        || users >= th.level(m, Threshold.ENUMERATION_DISTINCT_USERS).warning()
        || rps >= th.level(m, Threshold.REQUESTS_PER_SECOND).warning()
        || s.w.total(AUTH_FAIL) >= th.level(m, Threshold.AUTH_FAILURES).warning();
  }

  /**
   * False when no machine rule can fire: every value {@link MachineRules} compares, bounded from
   * above cheaply (no snapshot, no baseline view, no sketch estimate), is under the lowest level a
   * rule could fire at: the warning level, or a quarter of it for the two metrics with a baseline
   * (its floor). The proxy and the PBXs are touched every second of a busy capture; most seconds
   * nothing is near a level.
   */
  private boolean couldFire(MachineState ms, Thresholds th) {
    long now = Math.max(clock, ms.w.head());
    ms.w.advance(now);
    String id = ms.machine.id();
    long in = Math.max(ms.w.at(MachineState.IN_REQ, now), ms.w.at(MachineState.IN_REQ, now - 1));
    long own = Math.max(ownRate(ms, now), ownRate(ms, now - 1));
    long cps =
        Math.max(ms.w.at(MachineState.OUT_INVITE, now), ms.w.at(MachineState.OUT_INVITE, now - 1));
    return in >= th.level(id, Threshold.MACHINE_INBOUND_REQUESTS_PER_SECOND).warning()
        || own >= th.level(id, Threshold.MACHINE_REQUESTS_PER_SECOND).warning() / 4
        || cps >= th.level(id, Threshold.MACHINE_CALLS_PER_SECOND).warning()
        || ms.w.total(MachineState.OUT_INVITE)
            >= th.level(id, Threshold.MACHINE_CALLS_PER_MINUTE).warning() / 4
        || ms.w.total(MachineState.OUT_INTL)
            >= th.level(id, Threshold.MACHINE_INTERNATIONAL_CALLS_PER_MINUTE).warning()
        || ms.destinations.upperBound(now)
            >= th.level(id, Threshold.MACHINE_DISTINCT_DESTINATIONS).warning();
  }

  /**
   * Requests of one second, less the two requests of each successful authentication (a challenge
   * and the authenticated retry): a re-registration storm with correct credentials is not a flood.
   */
  private static long unchallengedRate(SourceState s, long second) {
    return Math.max(0, s.w.at(REQ, second) - 2L * s.w.at(AUTH_OK, second));
  }

  /** A machine's own requests in one second, less its successful authentications (two each). */
  private static long ownRate(MachineState ms, long second) {
    return Math.max(
        0, ms.w.at(MachineState.OUT_REQ, second) - 2L * ms.w.at(MachineState.AUTH_OK, second));
  }

  private MachineSnapshot machine(MachineState ms, long now) {
    now = Math.max(now, ms.w.head());
    ms.w.advance(now);
    String id = ms.machine.id();
    long in = Math.max(ms.w.at(MachineState.IN_REQ, now), ms.w.at(MachineState.IN_REQ, now - 1));
    List<String> top = new ArrayList<>();
    Thresholds th = thresholds.current();
    if (th.level(id, Threshold.MACHINE_INBOUND_REQUESTS_PER_SECOND).grade(in) > 0) {
      for (SourceState s : sources.top(50)) {
        if (id.equals(s.machine) && top.size() < 5) top.add(s.display + " (" + s.weight() + ")");
      }
    }
    return new MachineSnapshot(
        id,
        ms.address,
        ms.machine.client(),
        in,
        top,
        Math.max(ownRate(ms, now), ownRate(ms, now - 1)),
        Math.max(ms.w.at(MachineState.OUT_INVITE, now), ms.w.at(MachineState.OUT_INVITE, now - 1)),
        ms.w.total(MachineState.OUT_INVITE),
        ms.w.total(MachineState.OUT_INTL),
        ms.destinations.estimate(now),
        List.copyOf(ms.sampleDestinations),
        ms.outboundBaseline.view(now),
        ms.callsBaseline.view(now),
        ms.activeSinceMicros,
        ms.lastMicros);
  }

  // ---------------------------------------------------------------- helpers

  private void emit(
      Optional<Finding> f, String source, String machine, long first, long last, long now) {
    if (f.isPresent()) episodes.offer(f.get(), source, machine, first, last, now); // no lambda
  }

  /** A finding about source {@code s}, naming {@code machine}. */
  private void emit(Optional<Finding> f, SourceState s, String machine, long now) {
    emit(f, s.display, machine, s.activeSinceMicros, s.lastMicros, now);
  }

  private void markDirty(SourceState s) {
    if (!s.dirty) {
      s.dirty = true;
      dirtySources.add(s);
    }
  }

  /**
   * The key of {@code m}'s transaction: its Call-ID, CSeq number and method, finalised with one mix
   * (the CSeq part is spread by an odd multiplier, so two CSeqs of one Call-ID never collide), with
   * {@link #tableKey} mixed in before it: without the key, nobody can tell which transactions share
   * a slot of the tables it indexes.
   */
  private long txKey(SipMessage m) {
    return txKey(m, tableKey);
  }

  static long txKey(SipMessage m, long tableKey) {
    long cseq = m.cseqNumber() * 31 + (m.cseqMethod() == null ? 0 : m.cseqMethod().ordinal() + 1);
    long h = DistinctSketch.hash(m.callIdHash() ^ cseq * 0x9E3779B97F4A7C15L ^ tableKey);
    return h == 0 ? 1 : h;
  }

  /** The caller's side of {@code m}'s dialog (Call-ID, From tag), under the table key. */
  private long dialogHash(SipMessage m) {
    long h = DistinctSketch.hash(m.callIdHash() ^ tableKey);
    h = DistinctSketch.hash(h ^ m.fromTagHash());
    return h == 0 ? 1 : h;
  }

  /** The size of the transaction table, in powers of two. */
  static final int TRANSACTION_BITS = 12;

  private static long addressHash(IpAddress a) {
    return DistinctSketch.hash(a.hi() * 0x9E3779B97F4A7C15L + a.lo() + (a.v6() ? 1 : 0));
  }

  // ---------------------------------------------------------------- views

  public List<Alert> alerts() {
    return episodes.alerts();
  }

  public List<Alert> openAlerts() {
    return episodes.openAlerts();
  }

  /** Messages seen to and from each machine: id to {in, out}. */
  public Map<String, long[]> machineMessages() {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (MachineState s : machineList)
      out.put(s.machine.id(), new long[] {s.messagesIn, s.messagesOut});
    return out;
  }

  /**
   * Registrations alive per machine (phones registered to it, or that it keeps): id to count. Safe
   * to call from another thread: it reads one int per machine, possibly a tick old.
   */
  public Map<String, Integer> machineRegistrations() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (MachineState s : machineList) out.put(s.machine.id(), Math.max(0, s.registrations));
    return out;
  }

  /** Sources tracked now (at most the capacity). */
  public int trackedSources() {
    return sources.size();
  }

  /** The heaviest sources: address to requests counted (an upper bound). */
  public Map<String, Long> topSources(int n) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (SourceState s : sources.top(n)) out.put(s.display, s.weight());
    return out;
  }

  public long replacements() {
    return sources.replacements();
  }

  public long messages() {
    return messages;
  }

  public long cdrRecords() {
    return cdrRecords;
  }

  public ThresholdRegistry thresholds() {
    return thresholds;
  }
}
