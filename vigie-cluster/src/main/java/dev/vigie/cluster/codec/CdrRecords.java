package dev.vigie.cluster.codec;

import dev.vigie.wire.cdr.CdrRecord;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A 3CX CDR on the machine stage ({@code vigie.sip.by-machine}, keyed by the CDR's machine like the
 * SIP of that machine), so that the toll-fraud rules run in {@code detect} on exactly what the
 * single process's engine receives: {@code 1 | 3 (CDR) |} the machine id, then every field of the
 * {@link CdrRecord} in declaration order, the row's named fields last. Strings, instants and
 * durations are {@link Bin}'s (lengths checked against what is left).
 */
public final class CdrRecords {
  /** A decoded CDR and the machine it came from (null: an unknown machine). */
  public record Cdr(CdrRecord record, String machineId) {}

  private CdrRecords() {}

  public static byte[] encode(CdrRecord r, String machineId) {
    Bin.Out o = new Bin.Out();
    o.i8(SipRecords.VERSION);
    o.i8(SipRecords.CDR);
    o.str(machineId);
    o.i64(r.line());
    o.str(r.historyId());
    o.str(r.callId());
    o.duration(r.duration());
    o.instant(r.timeStart());
    o.instant(r.timeAnswered());
    o.instant(r.timeEnd());
    o.str(r.reasonTerminated());
    o.str(r.fromNo());
    o.str(r.toNo());
    o.str(r.fromDn());
    o.str(r.toDn());
    o.str(r.dialNo());
    o.str(r.finalNumber());
    o.str(r.fromType());
    o.str(r.toType());
    o.i32(r.fields().size());
    for (var e : r.fields().entrySet()) {
      o.str(e.getKey());
      o.str(e.getValue());
    }
    return o.toByteArray();
  }

  /** Decodes the CDR record of {@code len} bytes at {@code b[off]}. */
  public static Cdr decode(byte[] b, int off, int len) {
    if (SipRecords.type(b, off, len) != SipRecords.CDR) throw new CodecException("not a CDR");
    Bin.In in = new Bin.In(Arrays.copyOfRange(b, off, off + len));
    in.i8();
    in.i8();
    String machine = in.str();
    long line = in.i64();
    String historyId = in.str();
    String callId = in.str();
    var duration = in.duration();
    var start = in.instant();
    var answered = in.instant();
    var end = in.instant();
    String reason = in.str();
    String fromNo = in.str();
    String toNo = in.str();
    String fromDn = in.str();
    String toDn = in.str();
    String dialNo = in.str();
    String finalNumber = in.str();
    String fromType = in.str();
    String toType = in.str();
    int n = in.count();
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String k = in.str();
      String v = in.str();
      if (k == null || v == null) throw new CodecException("CDR field without name or value");
      fields.put(k, v);
    }
    in.done();
    if (start == null) throw new CodecException("CDR without start time");
    return new Cdr(
        new CdrRecord(
            line,
            historyId,
            callId,
            duration,
            start,
            answered,
            end,
            reason,
            fromNo,
            toNo,
            fromDn,
            toDn,
            dialNo,
            finalNumber,
            fromType,
            toType,
            fields),
        machine);
  }
}
