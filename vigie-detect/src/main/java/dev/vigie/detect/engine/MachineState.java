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

  final Machine machine;
  final boolean relays; // a proxy or SBC: its requests are other parties' relayed
  final Triggers triggers;
  final SecondWindows w = new SecondWindows(5, 60);
  final DistinctSketch destinations = new DistinctSketch(8, 30);
  final List<String> sampleDestinations = new ArrayList<>(5);
  final Baseline outboundBaseline;
  final Baseline callsBaseline;
  long baselineSecond = Long.MIN_VALUE;
  String address;
  long activeSinceMicros;
  long lastMicros;
  long messagesIn;
  long messagesOut;
  boolean dirty;

  MachineState(Machine machine, long halfLife, long warmup) {
    this.machine = machine;
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

  void touch(long micros) {
    if (micros - lastMicros > 60_000_000L) activeSinceMicros = micros;
    if (micros > lastMicros) lastMicros = micros;
  }
}
