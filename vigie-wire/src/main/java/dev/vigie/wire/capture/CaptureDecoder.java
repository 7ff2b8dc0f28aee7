package dev.vigie.wire.capture;

import dev.vigie.wire.Malformed;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.Transport;
import dev.vigie.wire.hep.HepDecoder;
import dev.vigie.wire.hep.HepFields;
import dev.vigie.wire.hep.HepSip;
import dev.vigie.wire.hep.HepStreamFramer;
import dev.vigie.wire.net.IpDecoder;
import dev.vigie.wire.net.LinkLayer;
import dev.vigie.wire.net.Packet;
import dev.vigie.wire.net.PayloadSniffer;
import dev.vigie.wire.net.TcpReassembler;
import dev.vigie.wire.sip.SipFrame;
import dev.vigie.wire.sip.SipFramer;
import dev.vigie.wire.sip.SipMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The decode pipeline behind {@code vigie analyze}: capture records in, {@link SipEvent}s out.
 *
 * <p>Per packet: link layer ({@link LinkLayer}) → IPv4/IPv6 with fragment reassembly ({@link
 * IpDecoder}) → UDP or TCP. A UDP payload is recognised by content, on any port: "HEP3" or a valid
 * HEP v1/v2 header is decoded as HEP (the event then takes its addresses, ports, timestamp,
 * transport and capture id from the HEP header), otherwise text that starts like SIP is framed as
 * SIP; CRLF keep-alives are counted apart; anything else (RTP, DNS...) is ignored. TCP segments go
 * through a {@link TcpReassembler} whose streams are cut by Content-Length (SIP) or by the HEP3
 * length field, whichever the stream holds.
 *
 * <p>Whole files: {@link #read(Path, SipSink)} recognises pcap, pcapng, a HEP packet (or a stream
 * of HEP3 packets) and SIP text by their first bytes (gzip-compressed files are inflated first),
 * streams captures through a 1 MiB buffer, and never throws: an unreadable or invalid file gives a
 * summary whose {@link CaptureSummary#error()} names the file and the reason. Events from a SIP
 * text file have no addresses (0.0.0.0, port 0), transport {@link Transport#OTHER} and timestamp 0;
 * events from a HEP file take them from HEP.
 *
 * <p>Cost: O(bytes); one reused {@link Packet} and {@link HepFields}; allocation per SIP message
 * only (the event, its message, two addresses, and a copy of the message bytes when the input is
 * streamed, since the read buffer is reused). Not thread-safe: one decoder per capture.
 */
public final class CaptureDecoder implements PacketHandler {
  private static final int STREAM_BUFFER = 1 << 20;

  private final SipSink sink;
  private final Packet pkt = new Packet();
  private final IpDecoder ip = new IpDecoder();
  private final HepFields hep = new HepFields();
  private final TcpReassembler tcp = new TcpReassembler(CaptureDecoder::streamLength);
  private final TcpReassembler.Handler tcpHandler = new TcpMessages();
  private final Map<String, Long> reasons = new HashMap<>();
  private boolean copy;
  private byte[] packetBuf;
  private long packets;
  private long sipMessages;
  private long malformed;
  private long keepAlives;
  private long first = -1;
  private long last = -1;
  private long fragmentsDropped;

  public CaptureDecoder(SipSink sink) {
    this.sink = sink;
  }

  /** Decodes a capture file (pcap, pcapng, HEP, SIP text) into the sink. Never throws. */
  public static CaptureSummary read(Path file, SipSink sink) {
    return read(file, sink, false);
  }

  /**
   * As {@link #read(Path, SipSink)}; with {@code inPlace} the file is read into successive 1 MiB
   * buffers that are never reused ({@link ByteWindow#keeping}), and UDP messages are framed in them
   * without copying their bytes: for a sink that lets go of each event once handled (a sink that
   * keeps events keeps their 1 MiB buffers).
   */
  public static CaptureSummary read(Path file, SipSink sink, boolean inPlace) {
    String name = file.toString();
    try (ReadableByteChannel ch = open(file)) {
      ByteWindow w =
          inPlace ? ByteWindow.keeping(ch, STREAM_BUFFER) : ByteWindow.of(ch, STREAM_BUFFER);
      return new CaptureDecoder(sink).decode(name, w);
    } catch (NoSuchFileException e) {
      return failed(name, "no such file");
    } catch (AccessDeniedException e) {
      return failed(name, "permission denied");
    } catch (IOException e) {
      return failed(name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } catch (RuntimeException e) { // a decoder bug or a failing sink: still one line, no trace
      return failed(name, "decoding stopped: " + e);
    }
  }

  /** The file's bytes, inflated on the fly when it is gzip-compressed (.pcap.gz, .pcapng.gz). */
  private static ReadableByteChannel open(Path file) throws IOException {
    SeekableByteChannel ch = Files.newByteChannel(file);
    ByteBuffer head = ByteBuffer.allocate(2);
    while (head.hasRemaining() && ch.read(head) > 0) {
      // read the two magic bytes
    }
    ch.position(0);
    if (head.position() == 2 && (head.get(0) & 0xFF) == 0x1F && (head.get(1) & 0xFF) == 0x8B) {
      return Channels.newChannel(new GZIPInputStream(Channels.newInputStream(ch), 1 << 16));
    }
    return ch;
  }

  /** Decodes a capture held in memory; SIP messages are framed in place (no copy). */
  public static CaptureSummary read(byte[] capture, SipSink sink) {
    try {
      return new CaptureDecoder(sink).decode("memory", ByteWindow.of(capture));
    } catch (IOException e) {
      return failed("memory", String.valueOf(e.getMessage())); // in-memory input does no I/O
    }
  }

  private static CaptureSummary failed(String name, String reason) {
    return new CaptureSummary(
        name,
        CaptureFormat.UNKNOWN,
        0,
        0,
        0,
        Map.of(),
        0,
        -1,
        -1,
        false,
        new Malformed("file", name + ": " + reason));
  }

  /** Recognises the format of the window's input and decodes all of it. */
  public CaptureSummary decode(String name, ByteWindow w) throws IOException {
    copy = !w.stable();
    w.ensure(64);
    CaptureFormat format = CaptureFormat.detect(w.buf, w.pos, Math.min(w.available(), 64));
    ReadStatus st =
        switch (format) {
          case PCAP -> PcapReader.read(w, this);
          case PCAPNG -> PcapngReader.read(w, this);
          case HEP, SIP_TEXT -> whole(format, w);
          case UNKNOWN -> {
            String why =
                w.available() == 0
                    ? "empty file"
                    : "not a pcap, pcapng, HEP or SIP file (starts with "
                        + hexHead(w.buf, w.pos, w.available())
                        + ")";
            yield new ReadStatus(format, 0, false, new Malformed("file", why));
          }
        };
    finish();
    Malformed err = st.error();
    if (err != null) err = new Malformed(err.layer(), name + ": " + err.reason());
    return summary(name, format, st.truncated() || w.cut(), err);
  }

  /** Flushes TCP flows and pending fragments at the end of a capture. */
  public void finish() {
    tcp.finish(pkt, tcpHandler);
    int pending = ip.fragments().clear();
    for (int i = 0; i < pending; i++) malformed("ip", "fragmented datagram incomplete at the end");
  }

  /** The counts so far. */
  public CaptureSummary summary(String name, CaptureFormat format, boolean truncated, Malformed e) {
    return new CaptureSummary(
        name,
        format,
        packets,
        sipMessages,
        malformed,
        reasons,
        keepAlives,
        first,
        last,
        truncated,
        e);
  }

  @Override
  public void onPacket(int linkType, long ts, byte[] b, int off, int len, int originalLength) {
    packets++;
    if (first < 0 || ts < first) first = ts;
    if (ts > last) last = ts;
    int ipOff = LinkLayer.ipOffset(linkType, b, off, len);
    if (ipOff < 0) {
      if (ipOff == LinkLayer.TRUNCATED) malformed("link", "frame shorter than its link header");
      else if (ipOff == LinkLayer.UNSUPPORTED)
        malformed("link", "unsupported link type " + linkType);
      return;
    }
    pkt.timestampMicros = ts;
    packetBuf = b;
    switch (ip.decode(b, ipOff, off + len - ipOff, pkt)) {
      case OK -> transport();
      case MALFORMED -> malformed(pkt.layer, pkt.reason);
      case PENDING, OTHER_PROTOCOL -> {}
    }
    long dropped = ip.fragments().dropped();
    for (; fragmentsDropped < dropped; fragmentsDropped++) {
      malformed("ip", "fragmented datagram incomplete (timed out or evicted)");
    }
  }

  private void transport() {
    if (pkt.protocol == Packet.TCP) {
      tcp.segment(pkt, tcpHandler);
      return;
    }
    byte[] b = pkt.payload;
    int off = pkt.payloadOff;
    int len = pkt.payloadLen;
    if (HepDecoder.isHep(b, off, len)) {
      hep(b, off, len, copy && b == packetBuf);
    } else if (SipFramer.isKeepAlive(b, off, len)) {
      keepAlives++;
    } else if (PayloadSniffer.looksLikeSip(b, off, len)) {
      sip(b, off, len, copy && b == packetBuf, Transport.UDP);
    }
  }

  private void hep(byte[] b, int off, int len, boolean copyPayload) {
    String bad = HepDecoder.decodeInto(b, off, len, hep);
    if (bad != null) {
      malformed("hep", bad);
      return;
    }
    switch (HepSip.toEvent(hep, pkt.timestampMicros, copyPayload)) {
      case HepSip.Sip s -> emit(s.event());
      case HepSip.Ignored i -> keepAlives += i.why().equals("keep-alive") ? 1 : 0;
      case HepSip.Bad x -> malformed(x.malformed().layer(), x.malformed().reason());
    }
  }

  private void sip(byte[] b, int off, int len, boolean copyBytes, Transport transport) {
    if (copyBytes) {
      b = Arrays.copyOfRange(b, off, off + len);
      off = 0;
    }
    switch (SipFramer.frame(b, off, len)) {
      case SipMessage m ->
          emit(
              new SipEvent(
                  pkt.timestampMicros,
                  pkt.src(),
                  pkt.srcPort,
                  pkt.dst(),
                  pkt.dstPort,
                  transport,
                  0,
                  m));
      case SipFrame.Bad bad -> malformed("sip", bad.reason());
    }
  }

  private void emit(SipEvent e) {
    sipMessages++;
    sink.onSip(e);
  }

  private void malformed(String layer, String reason) {
    malformed++;
    reasons.merge(layer + ": " + reason, 1L, Long::sum);
    sink.onMalformed(new Malformed(layer, reason));
  }

  private static int streamLength(byte[] b, int off, int len) {
    if (PayloadSniffer.isHep3(b, off, len)) return HepStreamFramer.packetLength(b, off, len);
    return SipFramer.messageLength(b, off, len);
  }

  /** Messages cut from TCP streams: their bytes live in a reused flow buffer, so always copy. */
  private final class TcpMessages implements TcpReassembler.Handler {
    @Override
    public void onMessage(Packet p, byte[] b, int off, int len) {
      if (PayloadSniffer.isHep3(b, off, len)) hep(b, off, len, true);
      else sip(b, off, len, true, Transport.TCP);
    }

    @Override
    public void onMalformed(Packet p, String reason) {
      malformed("tcp", reason);
    }
  }

  // --- whole-file formats: one HEP packet / a HEP3 stream, or SIP text ---------------------------

  private ReadStatus whole(CaptureFormat format, ByteWindow w) throws IOException {
    if (!w.stable()) { // small files by nature: read them whole
      while (w.available() <= ByteWindow.MAX_BLOCK / 2 && w.ensure(w.available() + 1)) {
        // keep reading
      }
      if (w.available() > ByteWindow.MAX_BLOCK / 2) {
        return new ReadStatus(format, 0, false, new Malformed("file", "over 32 MiB of text"));
      }
      copy = false;
      byte[] all = Arrays.copyOfRange(w.buf, w.pos, w.limit);
      return whole(format, ByteWindow.of(all));
    }
    byte[] b = w.buf;
    int p = w.pos;
    int end = w.limit;
    pkt.timestampMicros = 0;
    packetBuf = b;
    boolean truncated = false;
    while (p < end) {
      while (p < end && (b[p] == '\r' || b[p] == '\n')) p++;
      if (p >= end) break;
      int n;
      if (format == CaptureFormat.HEP) {
        if (PayloadSniffer.isHep3(b, p, end - p)) n = HepStreamFramer.packetLength(b, p, end - p);
        else n = HepDecoder.looksLikeHep12(b, p, end - p) ? end - p : -2;
        if (n == -1) truncated = true;
        if (n == -2) malformed("hep", "bytes after the last HEP packet are not HEP");
        if (n < 0) break;
        packets++;
        hep(b, p, n, false);
      } else {
        n = SipFramer.messageLength(b, p, end - p);
        if (n == -1) {
          n = end - p; // the last message: frame what there is
        } else if (n == -2) {
          malformed("sip", "text that cannot be framed as SIP");
          break;
        }
        packets++;
        pkt.srcHi = pkt.srcLo = pkt.dstHi = pkt.dstLo = 0;
        pkt.v6 = false;
        pkt.srcPort = pkt.dstPort = 0;
        sip(b, p, n, false, Transport.OTHER);
      }
      p += n;
    }
    w.pos = p;
    return new ReadStatus(format, packets, truncated, null);
  }

  private static String hexHead(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder("0x");
    for (int i = 0; i < Math.min(4, len); i++) sb.append(String.format("%02X", b[off + i] & 0xFF));
    return sb.toString();
  }
}
