package dev.vigie.cluster.codec;

import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.Transport;
import dev.vigie.wire.sip.SipFrame;
import dev.vigie.wire.sip.SipFramer;
import dev.vigie.wire.sip.SipMessage;

/**
 * The compact binary record of one SIP event on the {@code vigie.sip.*} topics, and of the clock
 * ticks ingest sends to every partition. Big-endian:
 *
 * <pre>
 * SIP:  1 (version) | 0 (type) | flags | time micros (8) | src (4 or 16) | src port (2)
 *       | dst (4 or 16) | dst port (2) | capture id (4) | the SIP message as received
 * TICK: 1 | 1 | time micros (8)
 * BATCH: 1 | 2 | count (4) | count × (length (4) | a SIP, TICK or CDR record)
 * CDR:  1 | 3 | see {@link CdrRecords}
 * </pre>
 *
 * Ingest writes {@link #BATCH} records (see {@link RecordBatch}): many events of one partition in
 * one Kafka record, so that the per-record costs of Kafka (headers, offsets, the consumer's record
 * objects) are paid once per batch, not once per SIP message. The single records remain readable.
 *
 * <p>flags: bit 0 source is IPv6, bit 1 destination is IPv6, bits 4-7 the transport. An IPv4 event
 * costs 27 bytes over its SIP text (51 for IPv6). Decoding frames the message in place in the
 * record's array (no copy), exactly as the live path frames a HEP payload.
 */
public final class SipRecords {
  public static final byte VERSION = 1;
  public static final byte SIP = 0;
  public static final byte TICK = 1;
  public static final byte BATCH = 2;
  public static final byte CDR = 3;
  private static final Transport[] TRANSPORTS = Transport.values();

  private SipRecords() {}

  public static byte[] encode(SipEvent e) {
    byte[] out = new byte[encodedLength(e)];
    encodeInto(e, out, 0);
    return out;
  }

  /** The length of {@link #encode}'s record of {@code e}. */
  public static int encodedLength(SipEvent e) {
    return 3 + 8 + (e.src().v6() ? 16 : 4) + 2 + (e.dst().v6() ? 16 : 4) + 2 + 4 + e.sip().length();
  }

  /** Writes {@code e}'s record at {@code out[at]}; returns the position after it. */
  public static int encodeInto(SipEvent e, byte[] out, int at) {
    SipMessage m = e.sip();
    int p0 = at;
    out[p0] = VERSION;
    out[p0 + 1] = SIP;
    out[p0 + 2] =
        (byte) ((e.src().v6() ? 1 : 0) | (e.dst().v6() ? 2 : 0) | (e.transport().ordinal() << 4));
    int p = putLong(out, p0 + 3, e.timestampMicros());
    p = putIp(out, p, e.src());
    p = putShort(out, p, e.srcPort());
    p = putIp(out, p, e.dst());
    p = putShort(out, p, e.dstPort());
    p = putInt(out, p, e.captureId());
    System.arraycopy(m.buffer(), m.offset(), out, p, m.length());
    return p + m.length();
  }

  public static byte[] tick(long micros) {
    byte[] out = new byte[10];
    tickInto(micros, out, 0);
    return out;
  }

  /** Writes a 10-byte TICK record at {@code out[at]}; returns the position after it. */
  public static int tickInto(long micros, byte[] out, int at) {
    out[at] = VERSION;
    out[at + 1] = TICK;
    return putLong(out, at + 2, micros);
  }

  /** The type of a record ({@link #SIP}, {@link #TICK}, ...); throws on a foreign record. */
  public static byte type(byte[] b) {
    return type(b, 0, b == null ? 0 : b.length);
  }

  /** The type of the record of {@code len} bytes at {@code b[off]}. */
  public static byte type(byte[] b, int off, int len) {
    if (b == null
        || len < 6
        || off < 0
        || off + len > b.length
        || b[off] != VERSION
        || b[off + 1] < SIP
        || b[off + 1] > CDR
        || (b[off + 1] <= TICK && len < 10)) {
      throw new CodecException("not a Vigie SIP record (version 1)");
    }
    return b[off + 1];
  }

  /** The time of a TICK record, in microseconds. */
  public static long tickMicros(byte[] b) {
    return tickMicros(b, 0, b.length);
  }

  /** The time of the TICK record at {@code b[off]}. */
  public static long tickMicros(byte[] b, int off, int len) {
    if (type(b, off, len) != TICK) throw new CodecException("not a tick");
    return getLong(b, off + 2);
  }

  /** The number of records of a BATCH record (checked against its length). */
  public static int batchCount(byte[] b) {
    if (type(b) != BATCH) throw new CodecException("not a batch");
    int n = getInt(b, 2);
    if (n < 0 || n > (b.length - 6) / 4) throw new CodecException("batch count " + n);
    return n;
  }

  /** Decodes a SIP record; the message is framed in place (throws when it is not SIP). */
  public static SipEvent decode(byte[] b) {
    return decode(b, 0, b.length);
  }

  /** Decodes the SIP record of {@code len} bytes at {@code b[off]}, framing it in place. */
  public static SipEvent decode(byte[] b, int off, int len) {
    if (type(b, off, len) != SIP) throw new CodecException("not a SIP event");
    int flags = b[off + 2] & 0xFF;
    int srcLen = (flags & 1) != 0 ? 16 : 4;
    int dstLen = (flags & 2) != 0 ? 16 : 4;
    int t = flags >>> 4;
    int head = 3 + 8 + srcLen + 2 + dstLen + 2 + 4;
    if (len < head || t >= TRANSPORTS.length) throw new CodecException("record truncated");
    long micros = getLong(b, off + 3);
    int p = off + 11;
    IpAddress src = IpAddress.of(b, p, srcLen);
    p += srcLen;
    int srcPort = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    p += 2;
    IpAddress dst = IpAddress.of(b, p, dstLen);
    p += dstLen;
    int dstPort = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    p += 2;
    int captureId = getInt(b, p);
    p += 4;
    SipFrame f = SipFramer.frame(b, p, off + len - p);
    return switch (f) {
      case SipMessage m ->
          new SipEvent(micros, src, srcPort, dst, dstPort, TRANSPORTS[t], captureId, m);
      case SipFrame.Bad bad -> throw new CodecException("SIP message: " + bad.reason());
    };
  }

  private static int putIp(byte[] out, int p, IpAddress ip) {
    if (!ip.v6()) return putInt(out, p, (int) ip.lo());
    p = putLong(out, p, ip.hi());
    return putLong(out, p, ip.lo());
  }

  /** Writes {@code v} big-endian at {@code out[p]}; returns {@code p + 4}. */
  public static int putInt(byte[] out, int p, int v) {
    for (int i = 0; i < 4; i++) out[p + i] = (byte) (v >>> (24 - 8 * i));
    return p + 4;
  }

  private static int putShort(byte[] out, int p, int v) {
    out[p] = (byte) (v >>> 8);
    out[p + 1] = (byte) v;
    return p + 2;
  }

  private static int putLong(byte[] out, int p, long v) {
    for (int i = 0; i < 8; i++) out[p + i] = (byte) (v >>> (56 - 8 * i));
    return p + 8;
  }

  /** Reads a big-endian int at {@code b[p]}. */
  public static int getInt(byte[] b, int p) {
    return ((b[p] & 0xFF) << 24)
        | ((b[p + 1] & 0xFF) << 16)
        | ((b[p + 2] & 0xFF) << 8)
        | (b[p + 3] & 0xFF);
  }

  private static long getLong(byte[] b, int p) {
    return ((long) getInt(b, p) << 32) | (getInt(b, p + 4) & 0xFFFF_FFFFL);
  }
}
