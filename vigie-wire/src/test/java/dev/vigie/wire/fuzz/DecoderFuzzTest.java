package dev.vigie.wire.fuzz;

import static dev.vigie.wire.testing.Frames.ACK;
import static dev.vigie.wire.testing.Frames.ascii;
import static dev.vigie.wire.testing.Frames.ethernet;
import static dev.vigie.wire.testing.Frames.fragments4;
import static dev.vigie.wire.testing.Frames.tcp4;
import static dev.vigie.wire.testing.Frames.udp4;
import static dev.vigie.wire.testing.Frames.udpHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.wire.IpAddress;
import dev.vigie.wire.capture.CaptureDecoder;
import dev.vigie.wire.capture.CaptureSummary;
import dev.vigie.wire.capture.SipSink;
import dev.vigie.wire.hep.HepDecoder;
import dev.vigie.wire.hep.HepEncoder;
import dev.vigie.wire.hep.HepPacket;
import dev.vigie.wire.hep.HepSip;
import dev.vigie.wire.net.IpDecoder;
import dev.vigie.wire.net.LinkLayer;
import dev.vigie.wire.net.Packet;
import dev.vigie.wire.sip.SipFramer;
import dev.vigie.wire.sip.SipMessage;
import dev.vigie.wire.testing.CaptureFiles.Pcap;
import dev.vigie.wire.testing.CaptureFiles.Pcapng;
import dev.vigie.wire.testing.SipSamples;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * No decoder lets an exception escape, whatever the bytes: random bytes behind each magic,
 * truncations of valid inputs, mutated bytes (which lie in length fields and counts). Every
 * property has a fixed number of tries so the suite stays within seconds.
 */
class DecoderFuzzTest {
  static final SipSink SINK =
      e -> {
        // touch the lazy accessors too: they must not throw either
        SipMessage m = e.sip();
        m.fromUser();
        m.toTag();
        m.hasToTag();
        m.viaSentBy();
        m.expires();
        m.grantedExpires();
        m.authorizationUser();
        m.requestUriUser();
        m.header("Subject");
      };

  static final byte[] SIP = ascii(SipSamples.invite("fuzz", 600));
  static final byte[] HEP =
      HepEncoder.encode(
          new HepPacket(
              3,
              17,
              IpAddress.parse("10.0.0.1"),
              5060,
              IpAddress.parse("10.0.0.2"),
              5060,
              1_700_000_000_000_000L,
              1,
              7,
              "key",
              "corr",
              "node",
              3,
              false,
              SIP,
              0,
              SIP.length));

  static final List<byte[]> VALID = valid();

  static List<byte[]> valid() {
    Pcap pcap = new Pcap(1, true, true);
    pcap.packet(1, 1, ethernet(udp4("10.0.0.1", 5060, "10.0.0.2", 5060, SIP)));
    pcap.packet(1, 2, ethernet(udp4("10.0.0.1", 5060, "10.0.0.2", 5060, HEP)));
    for (byte[] f : fragments4("10.0.0.1", "10.0.0.2", 7, udpHeader(5060, 5060, SIP), 200)) {
      pcap.packet(1, 3, ethernet(f));
    }
    pcap.packet(1, 4, ethernet(tcp4("10.0.0.1", 1, "10.0.0.2", 5060, 9, ACK, SIP)));
    Pcapng ng = new Pcapng(false).iface(1, 9).iface(101, -1);
    ng.enhanced(0, 5, ethernet(udp4("10.0.0.1", 5060, "10.0.0.2", 5060, SIP)));
    ng.enhanced(1, 6, udp4("10.0.0.1", 5060, "10.0.0.2", 5060, HEP));
    ng.simple(ethernet(tcp4("10.0.0.1", 1, "10.0.0.2", 5060, 9, ACK, SIP)));
    return List.of(
        pcap.bytes(),
        ng.bytes(),
        HEP,
        SIP,
        HepEncoder.encodeV1V2(2, (HepPacket) HepDecoder.decode(HEP)));
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    return Combinators.combine(
            Arbitraries.integers().between(0, VALID.size() - 1),
            Arbitraries.integers().between(0, 1 << 20).list().ofMinSize(1).ofMaxSize(8),
            Arbitraries.bytes().list().ofSize(8))
        .as((which, positions, values) -> {
          byte[] b = VALID.get(which).clone();
          for (int i = 0; i < positions.size(); i++) {
            b[positions.get(i) % b.length] = values.get(i);
          }
          return b;
        });
  }

  @Provide
  Arbitrary<byte[]> truncated() {
    return Combinators.combine(
            Arbitraries.integers().between(0, VALID.size() - 1),
            Arbitraries.integers().between(0, 1 << 20))
        .as((which, cut) -> Arrays.copyOf(VALID.get(which), cut % VALID.get(which).length));
  }

  @Provide
  Arbitrary<byte[]> behindMagic() {
    byte[][] magics = {
      {(byte) 0xD4, (byte) 0xC3, (byte) 0xB2, (byte) 0xA1},
      {(byte) 0xA1, (byte) 0xB2, 0x3C, 0x4D},
      {0x0A, 0x0D, 0x0D, 0x0A},
      {'H', 'E', 'P', '3'},
      {2, 16, 2, 17},
      ascii("INVITE "),
    };
    return Combinators.combine(
            Arbitraries.of(magics), Arbitraries.bytes().array(byte[].class).ofMaxSize(600))
        .as((m, rest) -> {
          byte[] b = Arrays.copyOf(m, m.length + rest.length);
          System.arraycopy(rest, 0, b, m.length, rest.length);
          return b;
        });
  }

  @Property(tries = 400)
  void capturesNeverThrowOnMutations(@ForAll("mutated") byte[] b) {
    CaptureSummary s = CaptureDecoder.read(b, SINK);
    assertThat(s).isNotNull();
  }

  @Property(tries = 300)
  void capturesNeverThrowOnTruncations(@ForAll("truncated") byte[] b) {
    assertThat(CaptureDecoder.read(b, SINK)).isNotNull();
  }

  @Property(tries = 400)
  void capturesNeverThrowOnRandomBytesBehindAMagic(@ForAll("behindMagic") byte[] b) {
    assertThat(CaptureDecoder.read(b, SINK)).isNotNull();
  }

  @Property(tries = 500)
  void ipAndLinkLayersNeverThrow(
      @ForAll @Size(max = 200) byte[] b, @ForAll @IntRange(min = 0, max = 300) int linkType) {
    IpDecoder ip = new IpDecoder();
    Packet p = new Packet();
    int off = LinkLayer.ipOffset(linkType, b, 0, b.length);
    if (off >= 0) ip.decode(b, off, b.length - off, p);
    if (b.length > 0) {
      b[0] = (byte) ((b[0] & 0x0F) | (linkType % 2 == 0 ? 0x40 : 0x60));
      ip.decode(b, 0, b.length, p);
    }
  }

  /** Random segments (sequence numbers, flags, payload cut from valid SIP) on a few flows. */
  @Property(tries = 200)
  void tcpReassemblyNeverThrowsAndStaysBounded(
      @ForAll @Size(min = 1, max = 60)
          List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> seeds) {
    dev.vigie.wire.net.TcpReassembler tcp =
        new dev.vigie.wire.net.TcpReassembler(SipFramer::messageLength, 2048, 4, 10_000_000L);
    Packet p = new Packet();
    IpDecoder ip = new IpDecoder();
    dev.vigie.wire.net.TcpReassembler.Handler h =
        new dev.vigie.wire.net.TcpReassembler.Handler() {
          @Override
          public void onMessage(Packet pk, byte[] b, int off, int len) {
            SipFramer.frame(b, off, len);
          }

          @Override
          public void onMalformed(Packet pk, String reason) {}
        };
    long t = 0;
    for (int s : seeds) {
      int start = s % SIP.length;
      int len = Math.min(SIP.length - start, (s >>> 8) % 700);
      long seq = (s & 1) == 0 ? 1 + start : (long) s * 7919;
      byte[] seg =
          tcp4(
              "10.0.0." + (s % 6),
              5060,
              "10.0.0.9",
              5060,
              seq,
              (s >>> 20) & 0x1F,
              Arrays.copyOfRange(SIP, start, start + len));
      ip.decode(seg, 0, seg.length, p);
      p.timestampMicros = t += (s % 3) * 4_000_000L;
      tcp.segment(p, h);
      assertThat(tcp.flowCount()).isLessThanOrEqualTo(4);
    }
    tcp.finish(p, h);
  }

  @Property(tries = 500)
  void hepNeverThrows(@ForAll("mutated") byte[] b) {
    HepDecoder.decode(b);
    HepSip.decode(b, 0, b.length, 0);
  }

  @Property(tries = 500)
  void sipFramerNeverThrows(@ForAll("mutated") byte[] b, @ForAll @Size(max = 300) byte[] r) {
    for (byte[] x : new byte[][] {b, r}) {
      if (SipFramer.frame(x) instanceof SipMessage m) SINK.onSip(null == m ? null : event(m));
      SipFramer.messageLength(x, 0, x.length);
    }
  }

  static dev.vigie.wire.SipEvent event(SipMessage m) {
    return new dev.vigie.wire.SipEvent(
        0, IpAddress.v4(0), 0, IpAddress.v4(0), 0, dev.vigie.wire.Transport.UDP, 0, m);
  }
}
