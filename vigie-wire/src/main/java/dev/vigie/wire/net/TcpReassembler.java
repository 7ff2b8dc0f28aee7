package dev.vigie.wire.net;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * Reassembles TCP streams (one direction per flow) and cuts them into messages with a {@link
 * StreamFramer}. Per flow: data is appended in sequence order; a segment ahead of the expected
 * sequence number is held (copied) until the gap fills; retransmitted or duplicate bytes are
 * dropped; a flow starts at its SYN, or at its first data segment when the capture began
 * mid-stream. When the stream does not start a message (capture began inside one, or bytes were
 * lost), bytes are skipped up to the next line that looks like a SIP start line or a "HEP3" magic
 * ({@code resync}), and that is reported once.
 *
 * <p>Bounds: {@code maxFlowBytes} buffered per flow (a longer message is reported and dropped),
 * {@link #MAX_HELD} out-of-order segments per flow, {@code maxFlows} flows (least recently used
 * evicted), flows idle for {@code idleMicros} on the packet clock are closed, and FIN or RST closes
 * a flow. Lookups reuse one probe key: no allocation per segment unless a segment is held or a flow
 * created. Not thread-safe.
 */
public final class TcpReassembler {
  /** Receives framed messages; the bytes are valid only during the call. */
  public interface Handler {
    /** One complete message; {@code p} is the segment that completed it (its flow's addresses). */
    void onMessage(Packet p, byte[] b, int off, int len);

    /** Bytes that were dropped: gap, overflow, stream out of sync, flow closed mid-message. */
    void onMalformed(Packet p, String reason);
  }

  static final int MAX_HELD = 32;
  private static final byte[] NO_BYTES = new byte[0];
  private static final long SWEEP_EVERY_MICROS = 5_000_000L;

  private final StreamFramer framer;
  private final int maxFlowBytes;
  private final int maxFlows;
  private final long idleMicros;
  private final LinkedHashMap<FlowKey, Flow> flows = new LinkedHashMap<>(256, 0.75f, true);
  private final FlowKey probe = new FlowKey();
  private long lastSweep = Long.MIN_VALUE / 4; // far in the past, without overflow

  /** Defaults: 1 MiB per flow, 65536 flows, 300 s idle. */
  public TcpReassembler(StreamFramer framer) {
    this(framer, 1 << 20, 65536, 300_000_000L);
  }

  public TcpReassembler(StreamFramer framer, int maxFlowBytes, int maxFlows, long idleMicros) {
    this.framer = framer;
    this.maxFlowBytes = maxFlowBytes;
    this.maxFlows = maxFlows;
    this.idleMicros = idleMicros;
  }

  /** Number of open flows. */
  public int flowCount() {
    return flows.size();
  }

  /** Feeds one decoded TCP segment ({@link Packet#payload} holds its data). */
  public void segment(Packet p, Handler h) {
    if (p.timestampMicros - lastSweep > SWEEP_EVERY_MICROS) sweep(p, h);
    boolean syn = (p.tcpFlags & Packet.SYN) != 0;
    boolean close = (p.tcpFlags & (Packet.FIN | Packet.RST)) != 0;
    if (p.payloadLen == 0 && !syn && !close) return; // pure ACK: nothing to do
    probe.set(p);
    Flow f = flows.get(probe);
    if (f == null) {
      if (p.payloadLen == 0 && !syn) return;
      if (flows.size() >= maxFlows) {
        Iterator<Flow> it = flows.values().iterator();
        Flow eldest = it.next();
        it.remove();
        closed(eldest, p, h);
      }
      f = new Flow(probe.copy());
      flows.put(f.key, f);
    }
    f.lastSeen = p.timestampMicros;
    if (syn) {
      if (f.synced && f.isn == p.seq) return; // a retransmitted SYN: keep what was buffered
      f.reset(p.seq + 1);
      f.isn = p.seq;
      f.synced = true;
    } else if (!f.synced) {
      f.reset(p.seq);
      f.synced = true;
      f.outOfSync = true; // mid-stream start: the first bytes may be inside a message
    }
    if (p.payloadLen > 0) data(f, p, h);
    if (close) {
      flows.remove(f.key);
      closed(f, p, h);
    }
  }

  private void data(Flow f, Packet p, Handler h) {
    long seq = syn(p) ? p.seq + 1 : p.seq;
    int d = (int) (seq - f.nextSeq);
    int len = p.payloadLen;
    if (d <= 0) {
      if (d + len <= 0) return; // retransmission of bytes already taken
      append(f, p, h, p.payload, p.payloadOff - d, len + d);
      drainHeld(f, p, h);
    } else if (d > maxFlowBytes || f.held == MAX_HELD) {
      h.onMalformed(p, "tcp gap: segments lost");
      f.reset(seq);
      f.outOfSync = true;
      append(f, p, h, p.payload, p.payloadOff, len);
    } else {
      f.hold(seq, Arrays.copyOfRange(p.payload, p.payloadOff, p.payloadOff + len));
      return;
    }
    frame(f, p, h);
  }

  private static boolean syn(Packet p) {
    return (p.tcpFlags & Packet.SYN) != 0;
  }

  private void drainHeld(Flow f, Packet p, Handler h) {
    boolean progress = true;
    while (progress && f.held > 0) {
      progress = false;
      for (int i = 0; i < f.held; i++) {
        int d = (int) (f.heldSeq[i] - f.nextSeq);
        if (d > 0) continue;
        byte[] seg = f.heldData[i];
        f.removeHeld(i);
        if (d + seg.length > 0) append(f, p, h, seg, -d, seg.length + d);
        progress = true;
        break;
      }
    }
  }

  private void append(Flow f, Packet p, Handler h, byte[] b, int off, int len) {
    f.nextSeq = (f.nextSeq + len) & 0xFFFF_FFFFL;
    if (f.len + len > maxFlowBytes) {
      h.onMalformed(p, "tcp message longer than the per-flow limit");
      f.head = 0;
      f.len = 0;
      f.outOfSync = true;
      if (len > maxFlowBytes) return;
    }
    f.ensureRoom(len);
    System.arraycopy(b, off, f.buf, f.head + f.len, len);
    f.len += len;
  }

  private void frame(Flow f, Packet p, Handler h) {
    while (f.len > 0) {
      byte[] b = f.buf;
      int s = f.head;
      int skip = 0;
      while (skip < f.len && (b[s + skip] == '\r' || b[s + skip] == '\n')) skip++;
      if (skip > 0) { // CRLF keep-alives between messages
        f.consume(skip);
        continue;
      }
      int start = startState(b, s, f.len);
      if (start < 0) return; // need more bytes to judge
      int n = start == 1 ? framer.messageLength(b, s, f.len) : -2;
      if (n == -1) return;
      if (n <= 0) {
        int r = resync(b, s, f.len);
        if (!f.outOfSync) h.onMalformed(p, "tcp stream out of sync: bytes skipped");
        f.outOfSync = true;
        if (r < 0) { // keep a tail that may hold the start of the next message
          int keep = Math.min(f.len, PayloadSniffer.MAX_PROBE);
          f.consume(f.len - keep);
          return;
        }
        f.consume(r);
        continue;
      }
      f.outOfSync = false;
      h.onMessage(p, b, s, n);
      f.consume(n);
    }
  }

  /** 1 when the bytes start a SIP or HEP message, 0 when they cannot, -1 when it is too early. */
  private static int startState(byte[] b, int s, int len) {
    if (PayloadSniffer.isHep3(b, s, len)) return 1;
    return PayloadSniffer.sipStart(b, s, len);
  }

  /** Offset (from s) of the next line start that looks like a message start, or -1. */
  private static int resync(byte[] b, int s, int len) {
    for (int i = 1; i < len; i++) {
      byte c = b[s + i];
      if (c == 'H' && PayloadSniffer.isHep3(b, s + i, len - i)) return i;
      if (b[s + i - 1] == '\n' && PayloadSniffer.sipStart(b, s + i, len - i) != 0) return i;
    }
    return -1;
  }

  private void sweep(Packet p, Handler h) {
    lastSweep = p.timestampMicros;
    if (flows.isEmpty()) return;
    Iterator<Flow> it = flows.values().iterator();
    while (it.hasNext()) {
      Flow f = it.next();
      if (p.timestampMicros - f.lastSeen <= idleMicros) break; // access order: oldest first
      it.remove();
      closed(f, p, h);
    }
  }

  /** Closes every flow (end of capture), reporting those that stopped inside a message. */
  public void finish(Packet p, Handler h) {
    for (Flow f : flows.values()) closed(f, p, h);
    flows.clear();
  }

  private static void closed(Flow f, Packet p, Handler h) {
    for (int i = 0; i < f.len; i++) {
      byte c = f.buf[f.head + i];
      if (c != '\r' && c != '\n') {
        h.onMalformed(p, "tcp stream closed inside a message");
        return;
      }
    }
  }

  /** The identity of one direction of a TCP connection. Mutable only while used as a probe. */
  static final class FlowKey {
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int ports;
    boolean v6;

    void set(Packet p) {
      srcHi = p.srcHi;
      srcLo = p.srcLo;
      dstHi = p.dstHi;
      dstLo = p.dstLo;
      ports = (p.srcPort << 16) | p.dstPort;
      v6 = p.v6;
    }

    FlowKey copy() {
      FlowKey k = new FlowKey();
      k.srcHi = srcHi;
      k.srcLo = srcLo;
      k.dstHi = dstHi;
      k.dstLo = dstLo;
      k.ports = ports;
      k.v6 = v6;
      return k;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FlowKey k
          && k.srcLo == srcLo
          && k.dstLo == dstLo
          && k.ports == ports
          && k.srcHi == srcHi
          && k.dstHi == dstHi
          && k.v6 == v6;
    }

    @Override
    public int hashCode() {
      long h = srcLo * 31 + dstLo;
      h = h * 31 + srcHi;
      h = h * 31 + dstHi;
      h = h * 31 + ports;
      return Long.hashCode(h * 0x9E3779B97F4A7C15L) ^ (v6 ? 1 : 0);
    }
  }

  private static final class Flow {
    final FlowKey key;
    long nextSeq;
    long isn = -1;
    boolean synced;
    boolean outOfSync;
    long lastSeen;
    byte[] buf = NO_BYTES; // allocated with the first data: a SYN flood costs little
    int head;
    int len;
    long[] heldSeq;
    byte[][] heldData;
    int held;

    Flow(FlowKey key) {
      this.key = Objects.requireNonNull(key);
    }

    void reset(long seq) {
      nextSeq = seq & 0xFFFF_FFFFL;
      head = 0;
      len = 0;
      held = 0;
      if (heldData != null) Arrays.fill(heldData, null);
    }

    void hold(long seq, byte[] data) {
      if (heldSeq == null) {
        heldSeq = new long[MAX_HELD];
        heldData = new byte[MAX_HELD][];
      }
      heldSeq[held] = seq;
      heldData[held++] = data;
    }

    void removeHeld(int i) {
      held--;
      heldSeq[i] = heldSeq[held];
      heldData[i] = heldData[held];
      heldData[held] = null;
    }

    void ensureRoom(int n) {
      if (head + len + n <= buf.length) return;
      if (len + n <= buf.length) {
        System.arraycopy(buf, head, buf, 0, len);
      } else {
        byte[] bigger = new byte[Math.max(Math.max(len + n, 2048), buf.length * 2)];
        System.arraycopy(buf, head, bigger, 0, len);
        buf = bigger;
      }
      head = 0;
    }

    void consume(int n) {
      head += n;
      len -= n;
      if (len == 0) head = 0;
    }
  }
}
