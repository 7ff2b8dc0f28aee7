package dev.vigie.cluster.codec;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@link Alert} on the {@code vigie.alerts} topic (keyed by the alert id): version byte, then
 * every field in declaration order; the evidence as tagged JSON-like values. Decoding a record
 * written by {@link #encode} gives an equal alert (numbers come back as {@code Long} or {@code
 * Double}, as JSON would).
 */
public final class AlertRecords {
  private static final int VERSION = 1;
  private static final AlertKind[] KINDS = AlertKind.values();
  private static final Severity[] SEVERITIES = Severity.values();

  private AlertRecords() {}

  public static byte[] encode(Alert a) {
    Bin.Out o = new Bin.Out();
    o.i8(VERSION);
    o.str(a.id());
    o.i32(a.revision());
    o.i8(a.kind().ordinal());
    o.i8(a.severity().ordinal());
    o.str(a.source());
    o.str(a.machine());
    o.instant(a.firstSeen());
    o.instant(a.detectedAt());
    o.instant(a.lastSeen());
    o.str(a.summary());
    o.value(a.evidence() == null ? Map.of() : a.evidence(), 0);
    return o.toByteArray();
  }

  @SuppressWarnings("unchecked")
  public static Alert decode(byte[] b) {
    Bin.In in = new Bin.In(b);
    if (in.i8() != VERSION) throw new CodecException("not a Vigie alert record (version 1)");
    String id = in.str();
    int revision = in.i32();
    int kind = in.i8();
    int severity = in.i8();
    if (kind >= KINDS.length || severity >= SEVERITIES.length)
      throw new CodecException("unknown alert kind or severity");
    String source = in.str();
    String machine = in.str();
    var first = in.instant();
    var detected = in.instant();
    var last = in.instant();
    String summary = in.str();
    Object evidence = in.value(0);
    in.done();
    if (id == null) throw new CodecException("alert without id");
    return new Alert(
        id,
        revision,
        KINDS[kind],
        SEVERITIES[severity],
        source,
        machine,
        first,
        detected,
        last,
        summary,
        evidence instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>());
  }
}
