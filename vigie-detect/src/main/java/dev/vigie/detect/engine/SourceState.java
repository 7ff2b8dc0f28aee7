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

  final SecondWindows w = new SecondWindows(METRICS, 60);
  final DistinctSketch targets = new DistinctSketch(8, 30);
  final DistinctSketch users = new DistinctSketch(8, 30);
  final List<String> sampleTargets = new ArrayList<>(SAMPLES);
  private final long[] sampledTargets = new long[SAMPLES]; // hashes behind sampleTargets
  private final long[] sampledUsers = new long[SAMPLES]; // hashes behind sampleUsers
  private int targetsSeen;
  private int usersSeen;
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

  @Override
  protected void reset() {
    w.clear();
    targets.clear();
    users.clear();
    sampleTargets.clear();
    java.util.Arrays.fill(sampledTargets, 0);
    java.util.Arrays.fill(sampledUsers, 0);
    targetsSeen = 0;
    usersSeen = 0;
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
  }

  /**
   * True when {@code targetHash} is a target not seen before and fewer than {@link #SAMPLES}
   * distinct targets were seen (it is then recorded): lets the caller skip building the
   * "address:port" text of a known target, the usual case of a phone that only talks to its proxy.
   * While {@link #targetsSeen()} is below {@link #SAMPLES} it is the exact number of distinct
   * target hashes of the source's life. O(SAMPLES).
   */
  boolean newSampleTarget(long targetHash) {
    int n = targetsSeen;
    if (n >= SAMPLES) return false;
    for (int i = 0; i < n; i++) if (sampledTargets[i] == targetHash) return false;
    sampledTargets[n] = targetHash;
    targetsSeen = n + 1;
    return true;
  }

  /** The same for users (by the hash the users sketch counts). */
  boolean newSampleUser(long userHash) {
    int n = usersSeen;
    if (n >= SAMPLES) return false;
    for (int i = 0; i < n; i++) if (sampledUsers[i] == userHash) return false;
    sampledUsers[n] = userHash;
    usersSeen = n + 1;
    return true;
  }

  /** Distinct targets seen, exact below {@link #SAMPLES}, then stuck at it. */
  int targetsSeen() {
    return targetsSeen;
  }

  /** Distinct users seen, exact below {@link #SAMPLES}, then stuck at it. */
  int usersSeen() {
    return usersSeen;
  }

  static void sample(List<String> list, String value, int max) {
    if (value == null || list.size() >= max) return;
    String v = value.length() > 80 ? value.substring(0, 80) : value;
    if (!list.contains(v)) list.add(v);
  }
}
