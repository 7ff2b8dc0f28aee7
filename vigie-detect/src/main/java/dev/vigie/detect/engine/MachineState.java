package dev.vigie.detect.engine;

import dev.vigie.detect.AlertKind;
import dev.vigie.detect.baseline.Baseline;
import dev.vigie.detect.inventory.Machine;
import dev.vigie.detect.window.DistinctSketch;
import dev.vigie.detect.window.SecondWindows;
import java.util.ArrayList;
import java.util.List;

/** The windows and baselines of one hosted machine (one per inventory entry, fixed). */
final class MachineState {
  static final int IN_REQ = 0;
  static final int OUT_REQ = 1;
  static final int OUT_INVITE = 2;
  static final int OUT_INTL = 3;
  static final int AUTH_OK = 4;
  // service health (hw)
  static final int H_JUDGED = 0;
  static final int H_UNANSWERED = 1;
  static final int H_RETRANS = 2;
  static final int H_CALL_OK = 3;
  static final int H_CALL_5XX = 4;
  static final int H_CALL_408 = 5;
  static final int H_CALL_NONE = 6;
  static final int H_REG_OK = 7;
  static final int H_REG_FAIL = 8;
  static final int H_REG_LOST = 9;
  static final int H_SETUP_N = 10;
  static final int H_SETUP_MS = 11;
  static final int H_METRICS = 12;

  final Machine machine;
  final boolean relays; // a proxy or SBC: its requests are other parties' relayed
  final Triggers triggers;
  final SecondWindows w = new SecondWindows(5, 60);
  final DistinctSketch destinations = new DistinctSketch(8, 30);
  final List<String> sampleDestinations = new ArrayList<>(5);
  final Baseline outboundBaseline;
  final Baseline callsBaseline;
  long baselineSecond = Long.MIN_VALUE;
  // service health: its position in the engine's machine list, 60 s of health counters, learned
  // NER (per call), setup delay (per INVITE) and messages sent per second, all per hour of week
  final int index;
  final String role; // lower case, for the health evidence
  final SecondWindows hw = new SecondWindows(H_METRICS, 60);
  final Baseline nerBaseline = new Baseline(200, 20);
  final Baseline setupBaseline = new Baseline(200, 20);
  final Baseline messagesBaseline;
  long lastResponseMicros = Long.MIN_VALUE;
  long lastSentMicros = Long.MIN_VALUE;
  long learnedMessagesOut;
  long learnedMinute = Long.MIN_VALUE;
  long healthSinceMicros = Long.MIN_VALUE; // first failure since the window was last cleared
  long healthLastMicros;
  long backMicros; // its first answer after its last failure
  int registrations; // registrations alive that this machine's phones hold (or it keeps)
  int answerSlot = -1; // its address in ServiceHealth's answering-address table
  boolean healthChanged; // a failure was counted since the rule last ran
  boolean healthOpen; // a SERVICE_DEGRADED episode is open: baselines do not learn from it
  private String healthKey;
  String address;
  long activeSinceMicros;
  long lastMicros;
  long messagesIn;
  long messagesOut;
  boolean dirty;
  // what the machine rules compare, as of the last evaluation (Engine.CURRENT order, empty when
  // all 0): written by the detection thread (a new array each time, never changed after), read by
  // any thread (the console's thresholds page)
  volatile long[] current = new long[0];

  MachineState(Machine machine, int index, long halfLife, long warmup) {
    this.machine = machine;
    this.index = index;
    this.role = machine.role().name().toLowerCase(java.util.Locale.ROOT);
    // per minute: the half-life and warm-up in minutes
    this.messagesBaseline = new Baseline(Math.max(1, halfLife / 60), Math.max(1, warmup / 60), 30);
    this.relays = machine.role().relays();
    this.triggers = new Triggers(machine.id());
    this.outboundBaseline = new Baseline(halfLife, warmup);
    this.callsBaseline = new Baseline(halfLife, warmup);
  }

  private String episodeKey;
  private String episodeKeyAddress;

  /** The key of this machine's MACHINE_TRAFFIC episode (see {@link Episodes}), built once. */
  String trafficEpisodeKey() {
    if (episodeKey == null || episodeKeyAddress != address) {
      episodeKeyAddress = address;
      episodeKey = Episodes.key(AlertKind.MACHINE_TRAFFIC, address, machine.id());
    }
    return episodeKey;
  }

  /** The key of this machine's SERVICE_DEGRADED episode, built once. */
  String healthEpisodeKey() {
    if (healthKey == null) healthKey = Episodes.key(AlertKind.SERVICE_DEGRADED, null, machine.id());
    return healthKey;
  }

  /** A failure signal at {@code micros}: the machine's health is judged at the next second. */
  void healthFailure(long micros) {
    if (healthSinceMicros == Long.MIN_VALUE || micros < healthSinceMicros) {
      healthSinceMicros = micros;
    }
    if (micros > healthLastMicros) healthLastMicros = micros;
    healthChanged = true;
  }

  /** The second of its last failure signal. */
  long healthLastSecond() {
    return Math.floorDiv(healthLastMicros, 1_000_000L);
  }

  /** Forgets the health window (its service recovered): old failures no longer count. */
  void healthRecovered() {
    hw.clear();
    healthSinceMicros = Long.MIN_VALUE;
    healthLastMicros = 0;
    backMicros = 0;
    healthOpen = false;
  }

  void touch(long micros) {
    if (micros - lastMicros > 60_000_000L) activeSinceMicros = micros;
    if (micros > lastMicros) lastMicros = micros;
  }
}
