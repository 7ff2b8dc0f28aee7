package dev.vigie.detect.engine;

import dev.vigie.detect.window.BoundedTable;
import dev.vigie.detect.window.DistinctSketch;
import dev.vigie.detect.window.SecondWindows;
import dev.vigie.wire.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The windows and sketches of one remote source (an IPv4 address or an IPv6 /64). About 4 KB,
 * fixed: 10 counters x 60 one-second buckets, three distinct sketches, a few short samples.
 */
final class SourceState extends BoundedTable.Slot<IpAddress> {
  static final int REQ = 0;
  static final int INVITE = 1;
  static final int REGISTER = 2;
  static final int USER_REQ = 3;
  static final int REFUSED = 4;
  static final int CHALLENGE = 5;
  static final int AUTH_REQ = 6;
  static final int AUTH_FAIL = 7;
  static final int AUTH_OK = 8;
  static final int METRICS = 9;
  static final int SAMPLES = 5;
  // proof bits: what the source did that a spoofer cannot (see Engine#prove)
  static final int PROOF_TCP = 1;
  static final int PROOF_DIALOG = 2;
  static final int PROOF_CHALLENGE = 4;

  final SecondWindows w = new SecondWindows(METRICS, 60);
  final DistinctSketch targets = new DistinctSketch(8, 30);
  final DistinctSketch users = new DistinctSketch(8, 30);
  final List<String> sampleTargets = new ArrayList<>(SAMPLES);

  /** The hashes behind sampleTargets: a target's text is built only when it is new. */
  final FirstHashes targetHashes = new FirstHashes(SAMPLES);

  /** The hashes behind sampleUsers (those the users sketch counts). */
  final FirstHashes userHashes = new FirstHashes(SAMPLES);

  final List<String> sampleUsers = new ArrayList<>(SAMPLES);
  final List<String> authUsers = new ArrayList<>(SAMPLES);
  final List<String> userAgents = new ArrayList<>(3);
  String display;
  String machine;
  MachineState machineState; // the state of that machine (its triggers)
  boolean scanner;
  int uaChecks;
  int authSamples;
  long activeSinceMicros;
  long lastMicros;
  boolean dirty;
  int proof;
  int issued; // tokens recorded for it (nonces, To tags), capped at MAX_ISSUED
  static final int MAX_ISSUED = 64;

  @Override
  protected void reset() {
    w.clear();
    targets.clear();
    users.clear();
    sampleTargets.clear();
    targetHashes.clear();
    userHashes.clear();
    sampleUsers.clear();
    authUsers.clear();
    userAgents.clear();
    display = null;
    machine = null;
    machineState = null;
    scanner = false;
    uaChecks = 0;
    authSamples = 0;
    activeSinceMicros = 0;
    lastMicros = 0;
    proof = 0;
    issued = 0;
  }

  /** The strongest proof held, as the alert evidence names it. */
  String proofName() {
    if ((proof & PROOF_CHALLENGE) != 0) return "CHALLENGE_ANSWERED";
    if ((proof & PROOF_DIALOG) != 0) return "DIALOG";
    if ((proof & PROOF_TCP) != 0) return "TCP";
    return "NONE";
  }

  static void sample(List<String> list, String value, int max) {
    if (value == null || list.size() >= max) return;
    String v = value.length() > 80 ? value.substring(0, 80) : value;
    if (!list.contains(v)) list.add(v);
  }
}
