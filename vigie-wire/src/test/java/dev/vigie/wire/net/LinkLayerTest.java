package dev.vigie.wire.net;

import static dev.vigie.wire.testing.Frames.ascii;
import static dev.vigie.wire.testing.Frames.ethernet;
import static dev.vigie.wire.testing.Frames.ip6;
import static dev.vigie.wire.testing.Frames.ipv6;
import static dev.vigie.wire.testing.Frames.nullLoopback;
import static dev.vigie.wire.testing.Frames.sll;
import static dev.vigie.wire.testing.Frames.sll2;
import static dev.vigie.wire.testing.Frames.udp4;
import static dev.vigie.wire.testing.Frames.udpHeader;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LinkLayerTest {
  static final byte[] V4 = udp4("10.0.0.1", 5060, "10.0.0.2", 5060, ascii("x"));
  static final byte[] V6 =
      ipv6(ip6("2001:db8::1"), ip6("2001:db8::2"), 17, new byte[0], udpHeader(1, 2, ascii("x")));

  static Stream<Arguments> framings() {
    return Stream.of(
        // link type, wrapper, header length
        Arguments.of(1, (UnaryOperator<byte[]>) p -> ethernet(p), 14),
        Arguments.of(1, (UnaryOperator<byte[]>) p -> ethernet(p, 0x8100), 18), // 802.1Q
        Arguments.of(1, (UnaryOperator<byte[]>) p -> ethernet(p, 0x88A8, 0x8100), 22), // QinQ
        Arguments.of(113, (UnaryOperator<byte[]>) p -> sll(p), 16),
        Arguments.of(276, (UnaryOperator<byte[]>) p -> sll2(p), 20),
        Arguments.of(101, (UnaryOperator<byte[]>) p -> p, 0),
        Arguments.of(12, (UnaryOperator<byte[]>) p -> p, 0),
        Arguments.of(14, (UnaryOperator<byte[]>) p -> p, 0),
        Arguments.of(0, (UnaryOperator<byte[]>) p -> nullLoopback(p, false), 4),
        Arguments.of(108, (UnaryOperator<byte[]>) p -> nullLoopback(p, true), 4));
  }

  @ParameterizedTest
  @MethodSource("framings")
  void findsTheIpHeaderOfBothFamilies(int linkType, UnaryOperator<byte[]> wrap, int header) {
    for (byte[] ip : new byte[][] {V4, V6}) {
      byte[] f = wrap.apply(ip);
      assertThat(LinkLayer.ipOffset(linkType, f, 0, f.length)).isEqualTo(header);
      byte[] shifted = new byte[f.length + 7];
      System.arraycopy(f, 0, shifted, 7, f.length);
      assertThat(LinkLayer.ipOffset(linkType, shifted, 7, f.length)).isEqualTo(7 + header);
    }
  }

  @Test
  void arpIsNotIpAndShortFramesAreTruncated() {
    byte[] arp = ethernet(V4);
    arp[12] = 0x08;
    arp[13] = 0x06;
    assertThat(LinkLayer.ipOffset(1, arp, 0, arp.length)).isEqualTo(LinkLayer.NOT_IP);
    assertThat(LinkLayer.ipOffset(1, arp, 0, 10)).isEqualTo(LinkLayer.TRUNCATED);
    assertThat(LinkLayer.ipOffset(276, arp, 0, 19)).isEqualTo(LinkLayer.TRUNCATED);
    assertThat(LinkLayer.ipOffset(147, arp, 0, arp.length)).isEqualTo(LinkLayer.UNSUPPORTED);
  }
}
