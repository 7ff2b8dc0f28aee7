package dev.vigie.detect.engine;

import dev.vigie.detect.window.BoundedTable;
import dev.vigie.detect.window.SecondWindows;
import java.util.ArrayList;
import java.util.List;

/** Calls of one extension (of a machine or of a remote source) to international numbers. */
final class TollState extends BoundedTable.Slot<String> {
  static final int INTL = 0;
  static final int PREMIUM = 1;
  final SecondWindows w = new SecondWindows(2, 60);
  final List<String> sampleNumbers = new ArrayList<>(5);
  final long[] cdrEnds = new long[32];
  String extension;
  String source;
  String machine;
  String lastPrefix;
  int sequential;
  int concurrent;
  int callsGoingOn; // SIP calls in progress (Calls' map) counted in concurrent
  long activeSinceMicros;
  long lastMicros;
  boolean dirty;

  @Override
  protected void reset() {
    w.clear();
    sampleNumbers.clear();
    java.util.Arrays.fill(cdrEnds, 0);
    extension = null;
    source = null;
    machine = null;
    lastPrefix = null;
    sequential = 0;
    concurrent = 0;
    callsGoingOn = 0;
    activeSinceMicros = 0;
    lastMicros = 0;
  }

  /**
   * Concurrent calls from CDR intervals: calls of this extension still running at {@code start}.
   */
  int cdrConcurrent(long startMicros, long endMicros) {
    int running = 0;
    int freeSlot = -1;
    long oldest = Long.MAX_VALUE;
    int oldestSlot = 0;
    for (int i = 0; i < cdrEnds.length; i++) {
      if (cdrEnds[i] > startMicros) running++;
      else if (freeSlot < 0) freeSlot = i;
      if (cdrEnds[i] < oldest) {
        oldest = cdrEnds[i];
        oldestSlot = i;
      }
    }
    cdrEnds[freeSlot >= 0 ? freeSlot : oldestSlot] = endMicros;
    return running + 1;
  }
}
