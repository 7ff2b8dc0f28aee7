package dev.vigie.cluster.codec;

import dev.vigie.detect.threshold.Level;
import dev.vigie.detect.threshold.Threshold;
import dev.vigie.detect.threshold.Thresholds;
import java.util.EnumMap;
import java.util.Map;

/**
 * The thresholds in force, on the compacted topic {@code PREFIX.config} under the key {@link #KEY}:
 * the respond role publishes the whole snapshot (defaults and every machine's overrides) at start
 * and after each change made through the API or the console, and every detect process applies the
 * latest one. {@code 1 | count | count × (key, warning, critical) | machines | machines × (id,
 * count, count × (key, warning, critical))}, thresholds by their configuration key (a key this
 * version does not know is skipped, so that a newer respond does not stop an older detect).
 */
public final class ThresholdRecords {
  /** The record key of the thresholds snapshot. */
  public static final String KEY = "thresholds";

  private static final int VERSION = 1;

  private ThresholdRecords() {}

  public static byte[] encode(Thresholds t) {
    Bin.Out o = new Bin.Out();
    o.i8(VERSION);
    levels(o, t.defaultLevels());
    o.i32(t.machines().size());
    for (String id : new java.util.TreeSet<>(t.machines())) {
      o.str(id);
      levels(o, t.overrides(id));
    }
    return o.toByteArray();
  }

  private static void levels(Bin.Out o, Map<Threshold, Level> levels) {
    o.i32(levels.size());
    levels.forEach((k, l) -> {
      o.str(k.key());
      o.i64(Double.doubleToLongBits(l.warning()));
      o.i64(Double.doubleToLongBits(l.critical()));
    });
  }

  /** The snapshot; throws {@link CodecException} naming what is wrong. */
  public static Thresholds decode(byte[] b) {
    Bin.In in = new Bin.In(b);
    if (in.i8() != VERSION) throw new CodecException("not a Vigie thresholds record (version 1)");
    Thresholds out = Thresholds.defaults();
    for (var e : levels(in).entrySet()) out = out.withDefault(e.getKey(), e.getValue());
    int machines = in.count();
    for (int i = 0; i < machines; i++) {
      String id = in.str();
      if (id == null) throw new CodecException("machine without id");
      out = out.withMachine(id, levels(in));
    }
    in.done();
    return out;
  }

  private static Map<Threshold, Level> levels(Bin.In in) {
    int n = in.count();
    Map<Threshold, Level> out = new EnumMap<>(Threshold.class);
    for (int i = 0; i < n; i++) {
      String key = in.str();
      double w = Double.longBitsToDouble(in.i64());
      double c = Double.longBitsToDouble(in.i64());
      var t = key == null ? java.util.Optional.<Threshold>empty() : Threshold.byKey(key);
      if (t.isEmpty()) continue;
      try {
        out.put(t.get(), new Level(w, c));
      } catch (IllegalArgumentException e) {
        throw new CodecException("threshold " + key + ": " + e.getMessage());
      }
    }
    return out;
  }
}
