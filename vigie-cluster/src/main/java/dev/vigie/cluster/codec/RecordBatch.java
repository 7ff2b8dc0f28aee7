package dev.vigie.cluster.codec;

import dev.vigie.wire.SipEvent;
import java.util.Arrays;

/**
 * Builds one {@link SipRecords#BATCH} record: the events, ticks and CDRs of one partition, in
 * order, written straight into one growing array (no array per event). {@link #take} returns the
 * record and starts the next batch in the same array.
 */
public final class RecordBatch {
  private static final int HEAD = 6;
  private byte[] buf;
  private int size = HEAD;
  private int count;
  private int events;

  public RecordBatch(int initialBytes) {
    buf = new byte[Math.max(64, initialBytes)];
  }

  public void add(SipEvent e) {
    int n = SipRecords.encodedLength(e);
    ensure(4 + n);
    size = SipRecords.putInt(buf, size, n);
    size = SipRecords.encodeInto(e, buf, size);
    count++;
    events++;
  }

  public void addTick(long micros) {
    ensure(4 + 10);
    size = SipRecords.putInt(buf, size, 10);
    size = SipRecords.tickInto(micros, buf, size);
    count++;
  }

  /** Adds an already encoded record (a CDR); counted as an event. */
  public void addRecord(byte[] record) {
    ensure(4 + record.length);
    size = SipRecords.putInt(buf, size, record.length);
    System.arraycopy(record, 0, buf, size, record.length);
    size += record.length;
    count++;
    events++;
  }

  /** Bytes of the record so far. */
  public int bytes() {
    return size;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** SIP events and CDRs in the batch (ticks not counted). */
  public int events() {
    return events;
  }

  /** The BATCH record of what was added; the builder is empty again. */
  public byte[] take() {
    buf[0] = SipRecords.VERSION;
    buf[1] = SipRecords.BATCH;
    SipRecords.putInt(buf, 2, count);
    byte[] out = Arrays.copyOf(buf, size);
    size = HEAD;
    count = 0;
    events = 0;
    return out;
  }

  private void ensure(int more) {
    if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
  }

  /** Reads the records of a batch in order. */
  public interface Visitor {
    void sip(byte[] b, int off, int len);

    void tick(long micros);

    void cdr(byte[] b, int off, int len);
  }

  /**
   * Calls {@code v} for each record of the BATCH record {@code b} (or for {@code b} itself when it
   * is a single record); a malformed entry throws {@link CodecException} before it is visited, the
   * entries before it having been visited.
   */
  public static void read(byte[] b, Visitor v) {
    byte type = SipRecords.type(b);
    if (type != SipRecords.BATCH) {
      visit(b, 0, b.length, v);
      return;
    }
    int n = SipRecords.batchCount(b);
    int p = HEAD;
    for (int i = 0; i < n; i++) {
      if (p + 4 > b.length) throw new CodecException("batch truncated");
      int len = SipRecords.getInt(b, p);
      p += 4;
      if (len < 0 || len > b.length - p) throw new CodecException("batch entry length " + len);
      if (SipRecords.type(b, p, len) == SipRecords.BATCH)
        throw new CodecException("batch inside a batch");
      visit(b, p, len, v);
      p += len;
    }
    if (p != b.length) throw new CodecException((b.length - p) + " bytes after the batch");
  }

  private static void visit(byte[] b, int off, int len, Visitor v) {
    switch (SipRecords.type(b, off, len)) {
      case SipRecords.SIP -> v.sip(b, off, len);
      case SipRecords.TICK -> v.tick(SipRecords.tickMicros(b, off, len));
      case SipRecords.CDR -> v.cdr(b, off, len);
      default -> throw new CodecException("unexpected record type");
    }
  }
}
