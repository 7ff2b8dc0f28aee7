package dev.vigie.wire.net;

import static dev.vigie.wire.testing.Frames.ACK;
import static dev.vigie.wire.testing.Frames.FIN;
import static dev.vigie.wire.testing.Frames.PSH;
import static dev.vigie.wire.testing.Frames.RST;
import static dev.vigie.wire.testing.Frames.SYN;
import static dev.vigie.wire.testing.Frames.ascii;
import static dev.vigie.wire.testing.Frames.tcp4;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.wire.hep.HepEncoder;
import dev.vigie.wire.hep.HepPacket;
import dev.vigie.wire.hep.HepStreamFramer;
import dev.vigie.wire.sip.SipFramer;
import dev.vigie.wire.testing.SipSamples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpReassemblerTest {
  static final String A = SipSamples.options("tcp-a");
  static final String B = SipSamples.invite("tcp-b", 900);
  static final String C = SipSamples.response(200, "tcp-c");

  final List<String> messages = new ArrayList<>();
  final List<String> malformed = new ArrayList<>();
  final IpDecoder ip = new IpDecoder();
  final Packet p = new Packet();
  final TcpReassembler tcp =
      new TcpReassembler(
          (b, off, len) ->
              PayloadSniffer.isHep3(b, off, len)
                  ? HepStreamFramer.packetLength(b, off, len)
                  : SipFramer.messageLength(b, off, len),
          4096,
          16,
          60_000_000L);
  final TcpReassembler.Handler handler =
      new TcpReassembler.Handler() {
        @Override
        public void onMessage(Packet pk, byte[] b, int off, int len) {
          messages.add(new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1));
        }

        @Override
        public void onMalformed(Packet pk, String reason) {
          malformed.add(reason);
        }
      };

  long isn = 0xFFFF_FF00L; // sequence numbers wrap inside these tests

  void seg(long seq, int flags, String data) {
    seg("192.0.2.20", 40000, seq, flags, data);
  }

  void seg(String src, int sport, long seq, int flags, String data) {
    byte[] pkt = tcp4(src, sport, "192.0.2.1", 5060, seq & 0xFFFF_FFFFL, flags, ascii(data));
    assertThat(ip.decode(pkt, 0, pkt.length, p)).isEqualTo(IpDecoder.Result.OK);
    p.timestampMicros += 1000;
    tcp.segment(p, handler);
  }

  void syn() {
    seg(isn, SYN, "");
  }

  @Test
  void twoMessagesInOneSegment() {
    syn();
    seg(isn + 1, ACK | PSH, A + B);
    assertThat(messages).containsExactly(A, B);
    assertThat(malformed).isEmpty();
  }

  @Test
  void oneMessageOverThreeSegmentsAcrossTheSequenceWrap() {
    syn();
    int third = B.length() / 3;
    seg(isn + 1, ACK, B.substring(0, third));
    seg(isn + 1 + third, ACK, B.substring(third, 2 * third));
    assertThat(messages).isEmpty();
    seg(isn + 1 + 2 * third, ACK | PSH, B.substring(2 * third));
    assertThat(messages).containsExactly(B);
  }

  @Test
  void outOfOrderSegmentsAreHeldUntilTheGapFills() {
    syn();
    String all = A + B + C;
    int x = A.length() + 10;
    int y = A.length() + B.length() + 5;
    seg(isn + 1 + y, ACK, all.substring(y));
    seg(isn + 1 + x, ACK, all.substring(x, y));
    assertThat(messages).isEmpty();
    seg(isn + 1, ACK, all.substring(0, x));
    assertThat(messages).containsExactly(A, B, C);
  }

  @Test
  void retransmissionsAndOverlapsAreDeliveredOnce() {
    syn();
    String all = A + B;
    int x = A.length() + 20;
    seg(isn + 1, ACK, all.substring(0, x));
    seg(isn + 1, ACK, all.substring(0, x)); // retransmission
    seg(isn + 1 + x - 10, ACK, all.substring(x - 10)); // overlaps the first by 10 bytes
    seg(isn + 1 + x - 10, ACK, all.substring(x - 10)); // and again
    assertThat(messages).containsExactly(A, B);
    assertThat(malformed).isEmpty();
  }

  @Test
  void aRetransmittedSynKeepsTheBufferedBytesAndANewConnectionStartsAfresh() {
    syn();
    seg(isn + 1, ACK, A.substring(0, 40));
    syn(); // retransmitted
    seg(isn + 41, ACK, A.substring(40));
    assertThat(messages).containsExactly(A);
    isn = 777; // the same ports reused by a new connection
    syn();
    seg(isn + 1, ACK, C);
    assertThat(messages).containsExactly(A, C);
  }

  @Test
  void crlfKeepAlivesBetweenMessagesAreSkipped() {
    syn();
    seg(isn + 1, ACK, "\r\n\r\n" + A + "\r\n\r\n");
    seg(isn + 1 + 4 + A.length() + 4, ACK, C);
    assertThat(messages).containsExactly(A, C);
    assertThat(malformed).isEmpty();
  }

  @Test
  void aCaptureStartingMidStreamResynchronisesOnTheNextStartLine() {
    String tail = B.substring(B.length() - 100); // the end of a message whose start was missed
    seg(5000, ACK, tail + A);
    assertThat(messages).containsExactly(A);
    assertThat(malformed).isEmpty(); // a capture that began mid-stream is not malformed
  }

  @Test
  void garbageInsideAnEstablishedStreamIsReportedOnceAndSkipped() {
    syn();
    seg(isn + 1, ACK, "\u0001\u0002 binary junk\r\nmore junk\r\n" + A + C);
    assertThat(messages).containsExactly(A, C);
    assertThat(malformed).containsExactly("tcp stream out of sync: bytes skipped");
  }

  @Test
  void finInsideAMessageIsReportedAndClosesTheFlow() {
    syn();
    seg(isn + 1, ACK | FIN, A.substring(0, 30));
    assertThat(messages).isEmpty();
    assertThat(malformed).containsExactly("tcp stream closed inside a message");
    assertThat(tcp.flowCount()).isZero();
  }

  @Test
  void rstClosesTheFlow() {
    syn();
    seg(isn + 1, ACK, A);
    seg(isn + 1 + A.length(), RST, "");
    assertThat(messages).containsExactly(A);
    assertThat(tcp.flowCount()).isZero();
  }

  @Test
  void aMessageLongerThanTheFlowLimitIsDroppedAndTheStreamRecovers() {
    syn();
    String huge = SipSamples.invite("huge", 6000); // limit is 4096 in this test
    seg(isn + 1, ACK, huge.substring(0, 3000));
    seg(isn + 3001, ACK, huge.substring(3000));
    seg(isn + 1 + huge.length(), ACK, A);
    assertThat(messages).containsExactly(A);
    assertThat(malformed).contains("tcp message longer than the per-flow limit");
  }

  @Test
  void flowsAreBoundedAndIdleFlowsClosed() {
    for (int i = 0; i < 40; i++) seg("192.0.2." + (i + 1), 40000, 1, ACK, A.substring(0, 20));
    assertThat(tcp.flowCount()).isEqualTo(16);
    p.timestampMicros += 120_000_000L; // two minutes later, idle limit is one
    seg("192.0.2.200", 40000, 1, ACK, A);
    assertThat(tcp.flowCount()).isEqualTo(1); // every idle flow closed, only the new one open
    assertThat(messages).containsExactly(A);
  }

  @Test
  void framesHepPacketsOnAStream() {
    byte[] one =
        HepEncoder.encode(
            HepPacket.sip(
                dev.vigie.wire.IpAddress.parse("10.0.0.1"),
                5060,
                dev.vigie.wire.IpAddress.parse("10.0.0.2"),
                5060,
                17,
                1_700_000_000_000_000L,
                7,
                ascii(A)));
    String two = new String(one, java.nio.charset.StandardCharsets.ISO_8859_1).repeat(2);
    byte[] stream = two.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    syn();
    byte[] pkt1 =
        tcp4("192.0.2.20", 40000, "192.0.2.1", 9060, isn + 1, ACK, Arrays.copyOf(stream, 50));
    byte[] pkt2 =
        tcp4(
            "192.0.2.20",
            40000,
            "192.0.2.1",
            9060,
            isn + 51,
            ACK,
            Arrays.copyOfRange(stream, 50, stream.length));
    for (byte[] pk : List.of(pkt1, pkt2)) {
      ip.decode(pk, 0, pk.length, p);
      tcp.segment(p, handler);
    }
    assertThat(messages).hasSize(2).allMatch(m -> m.startsWith("HEP3") && m.endsWith(A));
  }
}
