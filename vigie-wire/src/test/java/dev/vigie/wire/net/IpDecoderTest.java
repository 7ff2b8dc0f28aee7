package dev.vigie.wire.net;

import static dev.vigie.wire.net.Bytes.put16;
import static dev.vigie.wire.testing.Frames.ascii;
import static dev.vigie.wire.testing.Frames.fragHeader6;
import static dev.vigie.wire.testing.Frames.fragments4;
import static dev.vigie.wire.testing.Frames.ip6;
import static dev.vigie.wire.testing.Frames.ipv6;
import static dev.vigie.wire.testing.Frames.udp4;
import static dev.vigie.wire.testing.Frames.udpHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.wire.IpAddress;
import dev.vigie.wire.net.IpDecoder.Result;
import dev.vigie.wire.testing.SipSamples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpDecoderTest {
  final IpDecoder ip = new IpDecoder();
  final Packet p = new Packet();

  Result decode(byte[] b) {
    return ip.decode(b, 0, b.length, p);
  }

  String payload() {
    return new String(p.payload, p.payloadOff, p.payloadLen);
  }

  @Test
  void decodesIpv4Udp() {
    assertThat(decode(udp4("192.0.2.1", 5060, "198.51.100.7", 5070, ascii("hi"))))
        .isEqualTo(Result.OK);
    assertThat(p.src()).isEqualTo(IpAddress.parse("192.0.2.1"));
    assertThat(p.dst()).isEqualTo(IpAddress.parse("198.51.100.7"));
    assertThat(p.srcPort).isEqualTo(5060);
    assertThat(p.dstPort).isEqualTo(5070);
    assertThat(payload()).isEqualTo("hi");
  }

  @Test
  void ethernetPaddingAfterTheDatagramIsIgnored() {
    byte[] pkt = udp4("192.0.2.1", 1, "192.0.2.2", 2, ascii("hi"));
    byte[] padded = Arrays.copyOf(pkt, 60);
    assertThat(decode(padded)).isEqualTo(Result.OK);
    assertThat(payload()).isEqualTo("hi");
  }

  @Test
  void reassemblesAFragmentedInviteInAnyOrder() {
    String invite = SipSamples.invite("frag-1", 3000);
    byte[] udp = udpHeader(5060, 5060, ascii(invite));
    List<byte[]> frags = fragments4("192.0.2.20", "192.0.2.1", 777, udp, 1480);
    assertThat(frags).hasSize(3);
    Collections.reverse(frags);
    for (int i = 0; i < frags.size() - 1; i++)
      assertThat(decode(frags.get(i))).isEqualTo(Result.PENDING);
    assertThat(decode(frags.getLast())).isEqualTo(Result.OK);
    assertThat(payload()).isEqualTo(invite);
    assertThat(ip.fragments().pendingCount()).isZero();
  }

  @Test
  void incompleteDatagramsTimeOutOnThePacketClock() {
    byte[] udp = udpHeader(5060, 5060, ascii(SipSamples.invite("frag-2", 3000)));
    List<byte[]> frags = fragments4("192.0.2.20", "192.0.2.1", 778, udp, 1480);
    p.timestampMicros = 0;
    decode(frags.get(0));
    assertThat(ip.fragments().pendingCount()).isEqualTo(1);
    p.timestampMicros = 31_000_000L; // 31 s later the missing fragments are given up
    assertThat(decode(udp4("192.0.2.1", 1, "192.0.2.2", 2, ascii("x")))).isEqualTo(Result.OK);
    ip.fragments().expire(p.timestampMicros);
    assertThat(ip.fragments().pendingCount()).isZero();
    assertThat(ip.fragments().dropped()).isEqualTo(1);
  }

  @Test
  void pendingDatagramsAreCapped() {
    IpDecoder small = new IpDecoder(new FragmentReassembler(4, 1 << 20, 30_000_000L));
    for (int id = 0; id < 10; id++) {
      byte[] udp = udpHeader(5060, 5060, ascii(SipSamples.invite("c" + id, 3000)));
      byte[] first = fragments4("192.0.2.20", "192.0.2.1", id, udp, 1480).get(0);
      small.decode(first, 0, first.length, p);
    }
    assertThat(small.fragments().pendingCount()).isEqualTo(4);
    assertThat(small.fragments().dropped()).isEqualTo(6);
  }

  @Test
  void aFragmentBeyond64KiBIsMalformed() {
    byte[] frag = udp4("192.0.2.1", 1, "192.0.2.2", 2, new byte[100]);
    put16(frag, 6, 0x1FFF); // offset 65528, last fragment
    assertThat(decode(frag)).isEqualTo(Result.MALFORMED);
    assertThat(p.reason).isEqualTo("fragment ends beyond 64 KiB");
  }

  @Test
  void walksIpv6ExtensionHeaders() {
    byte[] hopByHop = new byte[8];
    hopByHop[0] = 60; // next: destination options
    byte[] destOpts = new byte[16];
    destOpts[0] = 17;
    destOpts[1] = 1; // (1+1)*8 = 16 bytes
    byte[] ext = new byte[24];
    System.arraycopy(hopByHop, 0, ext, 0, 8);
    System.arraycopy(destOpts, 0, ext, 8, 16);
    byte[] pkt =
        ipv6(ip6("2001:db8::1"), ip6("2001:db8::2"), 0, ext, udpHeader(5060, 5062, ascii("v6")));
    assertThat(decode(pkt)).isEqualTo(Result.OK);
    assertThat(p.src()).isEqualTo(IpAddress.parse("2001:db8::1"));
    assertThat(p.dstPort).isEqualTo(5062);
    assertThat(payload()).isEqualTo("v6");
  }

  @Test
  void reassemblesIpv6Fragments() {
    String invite = SipSamples.invite("frag6", 2000);
    byte[] udp = udpHeader(5060, 5060, ascii(invite));
    List<byte[]> pkts = new ArrayList<>();
    for (int off = 0; off < udp.length; off += 1232) {
      int n = Math.min(1232, udp.length - off);
      boolean more = off + n < udp.length;
      pkts.add(
          ipv6(
              ip6("2001:db8::1"),
              ip6("2001:db8::2"),
              44,
              fragHeader6(17, off, more, 99),
              Arrays.copyOfRange(udp, off, off + n)));
    }
    assertThat(decode(pkts.get(1))).isEqualTo(Result.PENDING);
    assertThat(decode(pkts.get(0))).isEqualTo(Result.OK);
    assertThat(payload()).isEqualTo(invite);
  }

  @Test
  void lyingLengthsAreMalformed() {
    byte[] pkt = udp4("192.0.2.1", 1, "192.0.2.2", 2, ascii("hello"));
    byte[] udpLies = pkt.clone();
    put16(udpLies, 24, 500);
    assertThat(decode(udpLies)).isEqualTo(Result.MALFORMED);
    assertThat(p.reason).isEqualTo("length field exceeds the IP payload");
    byte[] ipLies = pkt.clone();
    put16(ipLies, 2, 9000);
    assertThat(decode(ipLies)).isEqualTo(Result.MALFORMED);
    assertThat(p.layer).isEqualTo("ipv4");
    byte[] ihl = pkt.clone();
    ihl[0] = 0x43;
    assertThat(decode(ihl)).isEqualTo(Result.MALFORMED);
  }
}
