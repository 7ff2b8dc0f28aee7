package dev.vigie.wire.capture;

import static dev.vigie.wire.testing.Frames.ACK;
import static dev.vigie.wire.testing.Frames.SYN;
import static dev.vigie.wire.testing.Frames.ascii;
import static dev.vigie.wire.testing.Frames.ethernet;
import static dev.vigie.wire.testing.Frames.fragments4;
import static dev.vigie.wire.testing.Frames.ip6;
import static dev.vigie.wire.testing.Frames.ipv6;
import static dev.vigie.wire.testing.Frames.sll2;
import static dev.vigie.wire.testing.Frames.tcp4;
import static dev.vigie.wire.testing.Frames.udp4;
import static dev.vigie.wire.testing.Frames.udpHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.Transport;
import dev.vigie.wire.hep.HepEncoder;
import dev.vigie.wire.hep.HepPacket;
import dev.vigie.wire.testing.CaptureFiles.Pcap;
import dev.vigie.wire.testing.CaptureFiles.Pcapng;
import dev.vigie.wire.testing.SipSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureDecoderTest {
  static final long T0 = 1_700_000_000L;
  static final IpAddress PBX = IpAddress.parse("192.0.2.1");
  static final IpAddress SCANNER = IpAddress.parse("198.51.100.7");

  @TempDir Path dir;

  static byte[] hep(int version, String callId) {
    byte[] sip = ascii(SipSamples.options(callId));
    HepPacket p = HepPacket.sip(SCANNER, 5070, PBX, 5060, 17, (T0 + 5) * 1_000_000L + 42, 99, sip);
    return version == 3 ? HepEncoder.encode(p) : HepEncoder.encodeV1V2(version, p);
  }

  /** An Ethernet frame of a UDP datagram from the scanner (port 5070) to the PBX (port 5060). */
  static byte[] scannerToPbx(byte[] payload) {
    return ethernet(udp4("198.51.100.7", 5070, "192.0.2.1", 5060, payload));
  }

  /** A pcap mixing raw SIP, HEP on odd ports, RTP, keep-alives, and a broken SIP message. */
  static byte[] mixed() {
    byte[] rtp = new byte[172];
    rtp[0] = (byte) 0x80;
    return new Pcap(1, false, false)
        .packet(T0, 1, scannerToPbx(ascii(SipSamples.options("raw-1"))))
        .packet(T0, 2, ethernet(udp4("10.9.9.9", 40000, "10.9.9.10", 12345, hep(3, "hep3-1"))))
        .packet(T0, 3, ethernet(udp4("10.9.9.9", 40000, "10.9.9.10", 9, hep(2, "hep2-1"))))
        .packet(T0, 4, ethernet(udp4("10.9.9.9", 40000, "10.9.9.10", 9060, hep(1, "hep1-1"))))
        .packet(T0, 5, ethernet(udp4("192.0.2.1", 10000, "198.51.100.7", 20000, rtp)))
        .packet(T0, 6, scannerToPbx(ascii("\r\n\r\n")))
        .packet(T0, 7, scannerToPbx(ascii("OPTIONS sip:x SIP/2.0\r\nVia: x\r\n\r\n")))
        .packet(T0 + 9, 8, scannerToPbx(ascii(SipSamples.response(404, "raw-2"))))
        .bytes();
  }

  @Test
  void detectsHepByContentOnAnyPortAndRawSipBeside() {
    Recorder r = new Recorder();
    CaptureSummary s = CaptureDecoder.read(mixed(), r);
    assertThat(s.ok()).isTrue();
    assertThat(s.packets()).isEqualTo(8);
    assertThat(r.events)
        .extracting(e -> e.sip().callId())
        .containsExactly("raw-1", "hep3-1", "hep2-1", "hep1-1", "raw-2");
    SipEvent raw = r.events.get(0);
    assertThat(raw.src()).isEqualTo(SCANNER);
    assertThat(raw.timestampMicros()).isEqualTo(T0 * 1_000_000L + 1);
    assertThat(raw.transport()).isEqualTo(Transport.UDP);
    assertThat(raw.captureId()).isZero();
    for (SipEvent h : r.events.subList(1, 4)) { // HEP: addresses and ports of the mirrored message
      assertThat(h.src()).isEqualTo(SCANNER);
      assertThat(h.dst()).isEqualTo(PBX);
      assertThat(h.dstPort()).isEqualTo(5060);
    }
    assertThat(r.events.get(1).timestampMicros()).isEqualTo((T0 + 5) * 1_000_000L + 42);
    assertThat(r.events.get(1).captureId()).isEqualTo(99);
    assertThat(r.events.get(3).timestampMicros()) // v1 has no time: the packet's
        .isEqualTo(T0 * 1_000_000L + 4);
    assertThat(s.keepAlives()).isEqualTo(1);
    assertThat(s.malformed()).isEqualTo(1);
    assertThat(s.malformedByReason()).containsOnlyKeys("sip: no Call-ID header");
    assertThat(r.malformed).hasSize(1);
    assertThat(s.firstPacketMicros()).isEqualTo(T0 * 1_000_000L + 1);
    assertThat(s.lastPacketMicros()).isEqualTo((T0 + 9) * 1_000_000L + 8);
  }

  @Test
  void streamingAFileGivesTheSameEventsAsMemory() throws Exception {
    Path f = dir.resolve("mixed.pcap");
    Files.write(f, mixed());
    Recorder mem = new Recorder();
    Recorder file = new Recorder();
    CaptureSummary a = CaptureDecoder.read(mixed(), mem);
    CaptureSummary b = CaptureDecoder.read(f, file);
    assertThat(b).usingRecursiveComparison().ignoringFields("source").isEqualTo(a);
    assertThat(b.source()).isEqualTo(f.toString());
    assertThat(file.events)
        .extracting(e -> e.sip().toString())
        .isEqualTo(mem.events.stream().map(e -> e.sip().toString()).toList());
  }

  @Test
  void aFragmentedInviteOverIpv4AndSipOverIpv6AndTcp() {
    String invite = SipSamples.invite("big-invite", 4000);
    List<byte[]> frags =
        fragments4("192.0.2.20", "192.0.2.1", 4242, udpHeader(5060, 5060, ascii(invite)), 1480);
    Pcapng ng = new Pcapng(false).iface(276, 9); // SLL2, nanoseconds
    long ns = T0 * 1_000_000_000L;
    for (byte[] fr : frags) ng.enhanced(0, ns += 1000, sll2(fr));
    byte[] v6 =
        ipv6(
            ip6("2001:db8::7"),
            ip6("2001:db8::1"),
            17,
            new byte[0],
            udpHeader(5062, 5060, ascii(SipSamples.options("over-v6"))));
    ng.enhanced(0, ns += 1000, sll2(v6));
    String a = SipSamples.options("tcp-1");
    String b = SipSamples.response(200, "tcp-2");
    ng.enhanced(
        0, ns += 1000, sll2(tcp4("192.0.2.30", 40001, "192.0.2.1", 5060, 100, SYN, new byte[0])));
    ng.enhanced(
        0,
        ns += 1000,
        sll2(
            tcp4("192.0.2.30", 40001, "192.0.2.1", 5060, 101, ACK, ascii(a + b.substring(0, 10)))));
    ng.enhanced(
        0,
        ns += 1000,
        sll2(
            tcp4(
                "192.0.2.30",
                40001,
                "192.0.2.1",
                5060,
                101 + a.length() + 10,
                ACK,
                ascii(b.substring(10)))));
    Recorder r = new Recorder();
    CaptureSummary s = CaptureDecoder.read(ng.bytes(), r);
    assertThat(r.malformed).isEmpty();
    assertThat(r.events)
        .extracting(e -> e.sip().callId())
        .containsExactly("big-invite", "over-v6", "tcp-1", "tcp-2");
    assertThat(r.events.get(0).sip().toString()).isEqualTo(invite);
    assertThat(r.events.get(1).src()).isEqualTo(IpAddress.parse("2001:db8::7"));
    assertThat(r.events.get(2).transport()).isEqualTo(Transport.TCP);
    assertThat(s.packets()).isEqualTo(frags.size() + 4);
  }

  @Test
  void aTruncatedFileReportsWhatItReadAndThatItWasTruncated() throws Exception {
    byte[] full = mixed();
    Path f = dir.resolve("cut.pcap");
    Files.write(f, Arrays.copyOf(full, full.length - 20));
    Recorder r = new Recorder();
    CaptureSummary s = CaptureDecoder.read(f, r);
    assertThat(s.ok()).isTrue();
    assertThat(s.truncated()).isTrue();
    assertThat(s.packets()).isEqualTo(7);
    assertThat(r.events).hasSize(4);
  }

  @Test
  void unreadableFilesGiveAOneLineErrorNamingTheFile() throws Exception {
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "shopping list: milk, eggs");
    Path empty = dir.resolve("empty.pcap");
    Files.write(empty, new byte[0]);
    Path bad = dir.resolve("bad.pcapng");
    Files.write(bad, Arrays.copyOf(new Pcapng(true).iface(1, -1).bytes(), 40));
    byte[] lying = new Pcapng(true).iface(1, -1).bytes();
    lying[4 + 28] = 0x7F; // the IDB's length becomes huge
    Path lie = dir.resolve("lie.pcapng");
    Files.write(lie, lying);

    assertThat(CaptureDecoder.read(text, new Recorder()).error().toString())
        .isEqualTo(
            "file: " + text + ": not a pcap, pcapng, HEP or SIP file (starts with 0x73686F70)");
    assertThat(CaptureDecoder.read(empty, new Recorder()).error().toString())
        .isEqualTo("file: " + empty + ": empty file");
    assertThat(CaptureDecoder.read(dir.resolve("missing.pcap"), new Recorder()).error().toString())
        .isEqualTo("file: " + dir.resolve("missing.pcap") + ": no such file");
    assertThat(CaptureDecoder.read(dir, new Recorder()).error().toString())
        .startsWith("file: " + dir);
    assertThat(CaptureDecoder.read(lie, new Recorder()).error().toString())
        .startsWith("pcapng: " + lie + ": block length ")
        .endsWith("is impossible at byte 28");
    assertThat(CaptureDecoder.read(bad, new Recorder()).truncated()).isTrue();
  }

  @Test
  void readsSipTextAndHepFiles() throws Exception {
    Path sip = dir.resolve("register.sip");
    Files.writeString(sip, SipSamples.options("t-1") + "\r\n" + SipSamples.invite("t-2", 300));
    Recorder r = new Recorder();
    CaptureSummary s = CaptureDecoder.read(sip, r);
    assertThat(s.format()).isEqualTo(CaptureFormat.SIP_TEXT);
    assertThat(r.events).extracting(e -> e.sip().callId()).containsExactly("t-1", "t-2");

    Path hepFile = dir.resolve("two.hep");
    byte[] one = hep(3, "h-1");
    byte[] two = Arrays.copyOf(one, one.length * 2);
    System.arraycopy(hep(3, "h-2"), 0, two, one.length, one.length);
    Files.write(hepFile, two);
    Recorder h = new Recorder();
    CaptureSummary hs = CaptureDecoder.read(hepFile, h);
    assertThat(hs.format()).isEqualTo(CaptureFormat.HEP);
    assertThat(h.events).extracting(e -> e.sip().callId()).containsExactly("h-1", "h-2");
    assertThat(h.events.get(0).src()).isEqualTo(SCANNER);

    Path tail = dir.resolve("tail.hep");
    byte[] withTail = Arrays.copyOf(two, two.length + 9);
    System.arraycopy(ascii("not hep!!"), 0, withTail, two.length, 9);
    Files.write(tail, withTail);
    Recorder t = new Recorder();
    CaptureSummary ts = CaptureDecoder.read(tail, t);
    assertThat(t.events).hasSize(2);
    assertThat(ts.malformedByReason())
        .containsOnlyKeys("hep: bytes after the last HEP packet are not HEP");
    Files.write(tail, Arrays.copyOf(two, two.length - 3));
    ts = CaptureDecoder.read(tail, new Recorder());
    assertThat(ts.truncated()).isTrue();
    assertThat(ts.sipMessages()).isEqualTo(1);

    Path v2 = dir.resolve("one.hep2");
    Files.write(v2, hep(2, "h-v2"));
    Recorder h2 = new Recorder();
    CaptureDecoder.read(v2, h2);
    assertThat(h2.events).extracting(e -> e.sip().callId()).containsExactly("h-v2");
  }

  @Test
  void gzipCompressedCapturesAreReadAndACutOneIsTruncated() throws Exception {
    byte[] plain = mixed();
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(plain);
    }
    Path f = dir.resolve("mixed.pcap.gz");
    Files.write(f, gz.toByteArray());
    CaptureSummary s = CaptureDecoder.read(f, new Recorder());
    assertThat(s)
        .usingRecursiveComparison()
        .ignoringFields("source")
        .isEqualTo(CaptureDecoder.read(plain, new Recorder()));
    Files.write(f, Arrays.copyOf(gz.toByteArray(), gz.size() - 40));
    CaptureSummary cut = CaptureDecoder.read(f, new Recorder());
    assertThat(cut.ok()).isTrue();
    assertThat(cut.truncated()).isTrue();
    assertThat(cut.packets()).isBetween(1L, 7L);
  }

  @Test
  void summariesAdd() {
    CaptureSummary a = CaptureDecoder.read(mixed(), new Recorder());
    CaptureSummary b = a.plus(a);
    assertThat(b.sipMessages()).isEqualTo(2 * a.sipMessages());
    assertThat(b.malformedByReason()).containsEntry("sip: no Call-ID header", 2L);
    assertThat(b.firstPacket()).isEqualTo(a.firstPacket());
  }
}
