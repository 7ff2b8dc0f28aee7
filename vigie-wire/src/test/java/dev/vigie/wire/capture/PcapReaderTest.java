package dev.vigie.wire.capture;

import static dev.vigie.wire.testing.Frames.ascii;
import static dev.vigie.wire.testing.Frames.ethernet;
import static dev.vigie.wire.testing.Frames.udp4;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.wire.testing.CaptureFiles.Pcap;
import dev.vigie.wire.testing.SipSamples;
import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcapReaderTest {
  record Seen(int linkType, long micros, int len) {}

  static List<Seen> packets(byte[] file, ReadStatus[] status) throws Exception {
    List<Seen> seen = new ArrayList<>();
    status[0] =
        PcapReader.read(
            ByteWindow.of(file), (lt, ts, b, off, len, orig) -> seen.add(new Seen(lt, ts, len)));
    return seen;
  }

  @ParameterizedTest
  @CsvSource({
    // big-endian, nanoseconds, expected micros of the second packet
    "false, false, 1700000001000250",
    "true,  false, 1700000001000250",
    "false, true,  1700000001000250",
    "true,  true,  1700000001000250",
  })
  void readsBothMagicsInBothByteOrders(boolean be, boolean nanos, long expected) throws Exception {
    byte[] frame = ethernet(udp4("10.0.0.1", 5060, "10.0.0.2", 5060, ascii("x")));
    byte[] file =
        new Pcap(1, be, nanos)
            .packet(1_700_000_000L, nanos ? 5_000 : 5, frame)
            .packet(1_700_000_001L, nanos ? 250_999 : 250, frame)
            .bytes();
    ReadStatus[] st = new ReadStatus[1];
    List<Seen> seen = packets(file, st);
    assertThat(st[0]).isEqualTo(new ReadStatus(CaptureFormat.PCAP, 2, false, null));
    assertThat(seen).extracting(Seen::micros).containsExactly(1_700_000_000_000_005L, expected);
    assertThat(seen).allMatch(s -> s.linkType() == 1 && s.len() == frame.length);
  }

  @Test
  void aTruncatedFileKeepsWhatWasReadAndSaysSo() throws Exception {
    byte[] frame = ethernet(udp4("10.0.0.1", 5060, "10.0.0.2", 5060, ascii("hello")));
    byte[] full = new Pcap(1, false, false).packet(1, 0, frame).packet(2, 0, frame).bytes();
    for (int cut = 24 + 16 + frame.length + 1; cut < full.length; cut++) {
      ReadStatus[] st = new ReadStatus[1];
      List<Seen> seen = packets(Arrays.copyOf(full, cut), st);
      assertThat(seen).hasSize(1);
      assertThat(st[0].truncated()).isTrue();
      assertThat(st[0].error()).isNull();
    }
  }

  @Test
  void aLyingRecordLengthIsMalformedNotAnAllocation() throws Exception {
    byte[] file = new Pcap(1, false, false).packet(1, 0, new byte[4]).bytes();
    file[24 + 8] = (byte) 0xFF; // incl_len = 0xFFFF00xx... little-endian
    file[24 + 11] = (byte) 0x7F;
    ReadStatus[] st = new ReadStatus[1];
    packets(file, st);
    assertThat(st[0].error().reason()).contains("record length").contains("impossible");
  }

  @Test
  void streamingThroughASmallBufferGivesTheSamePackets() throws Exception {
    Pcap pcap = new Pcap(1, false, false);
    for (int i = 0; i < 50; i++) {
      String sip = SipSamples.invite("call-" + i, 100 + 37 * i);
      pcap.packet(i, i, ethernet(udp4("10.0.0.1", 5060, "10.0.0.2", 5060, ascii(sip))));
    }
    byte[] file = pcap.bytes();
    List<Seen> streamed = new ArrayList<>();
    ReadStatus st =
        PcapReader.read(
            ByteWindow.of(Channels.newChannel(new ByteArrayInputStream(file)), 64),
            (lt, ts, b, off, len, orig) -> streamed.add(new Seen(lt, ts, len)));
    ReadStatus[] mem = new ReadStatus[1];
    assertThat(streamed).isEqualTo(packets(file, mem));
    assertThat(st.packets()).isEqualTo(50);
  }

  @Test
  void notACaptureIsNamedAsSuch() {
    Recorder r = new Recorder();
    CaptureSummary s = CaptureDecoder.read(ascii("%PDF-1.7 this is not a capture"), r);
    assertThat(s.ok()).isFalse();
    assertThat(s.error().toString())
        .isEqualTo("file: memory: not a pcap, pcapng, HEP or SIP file (starts with 0x25504446)");
  }
}
