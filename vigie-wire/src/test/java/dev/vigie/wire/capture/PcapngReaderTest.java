package dev.vigie.wire.capture;

import static dev.vigie.wire.testing.Frames.ascii;
import static dev.vigie.wire.testing.Frames.ethernet;
import static dev.vigie.wire.testing.Frames.udp4;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.wire.testing.CaptureFiles.Pcapng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PcapngReaderTest {
  record Seen(int linkType, long micros, int len) {}

  static final byte[] FRAME = ethernet(udp4("10.0.0.1", 5060, "10.0.0.2", 5060, ascii("abc")));

  static ReadStatus read(byte[] file, List<Seen> seen) throws Exception {
    return PcapngReader.read(
        ByteWindow.of(file), (lt, ts, b, off, len, orig) -> seen.add(new Seen(lt, ts, len)));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void readsEnhancedAndSimplePacketsInEitherByteOrder(boolean be) throws Exception {
    byte[] file =
        new Pcapng(be)
            .iface(1, -1)
            .enhanced(0, 1_700_000_000_123_456L, FRAME)
            .unknown(0x0BAD, 10) // skipped
            .simple(FRAME)
            .bytes();
    List<Seen> seen = new ArrayList<>();
    assertThat(read(file, seen)).isEqualTo(new ReadStatus(CaptureFormat.PCAPNG, 2, false, null));
    assertThat(seen)
        .containsExactly(
            new Seen(1, 1_700_000_000_123_456L, FRAME.length),
            new Seen(1, 1_700_000_000_123_456L, FRAME.length)); // SPB keeps the last time
  }

  @ParameterizedTest
  @CsvSource({
    // if_tsresol byte, raw timestamp, expected microseconds
    "-1,  1700000000123456,        1700000000123456",
    "6,   1700000000123456,        1700000000123456",
    "9,   1700000000123456789,     1700000000123456",
    "3,   1700000000123,           1700000000123000",
    "0,   1700000000,              1700000000000000",
    "136, 435200000032,            1700000000125000", // 2^-8: 1700000000 s + 32/256 s
  })
  void convertsEachInterfaceTimestampResolution(int tsresol, long raw, long micros)
      throws Exception {
    byte[] file = new Pcapng(false).iface(1, tsresol).enhanced(0, raw, FRAME).bytes();
    List<Seen> seen = new ArrayList<>();
    read(file, seen);
    assertThat(seen).extracting(Seen::micros).containsExactly(micros);
  }

  @Test
  void severalInterfacesKeepTheirOwnLinkTypeAndResolution() throws Exception {
    byte[] file =
        new Pcapng(true)
            .iface(1, 9) // Ethernet, nanoseconds
            .iface(113, 6) // SLL, microseconds
            .enhanced(1, 5_000_000L, FRAME)
            .enhanced(0, 5_000_000_000L, FRAME)
            .section(false) // a new section, little-endian: interfaces start again
            .iface(101, 3)
            .enhanced(0, 7_000L, FRAME)
            .bytes();
    List<Seen> seen = new ArrayList<>();
    ReadStatus st = read(file, seen);
    assertThat(st.error()).isNull();
    assertThat(seen)
        .containsExactly(
            new Seen(113, 5_000_000L, FRAME.length),
            new Seen(1, 5_000_000L, FRAME.length),
            new Seen(101, 7_000_000L, FRAME.length));
  }

  @Test
  void aPacketOnAnUndeclaredInterfaceIsMalformed() throws Exception {
    byte[] file = new Pcapng(false).iface(1, -1).enhanced(3, 1, FRAME).bytes();
    ReadStatus st = read(file, new ArrayList<>());
    assertThat(st.error().reason()).startsWith("packet on undeclared interface 3");
  }

  @Test
  void aTruncatedFileKeepsTheCompleteBlocks() throws Exception {
    byte[] full =
        new Pcapng(false).iface(1, -1).enhanced(0, 1, FRAME).enhanced(0, 2, FRAME).bytes();
    List<Seen> seen = new ArrayList<>();
    ReadStatus st = read(Arrays.copyOf(full, full.length - 5), seen);
    assertThat(seen).hasSize(1);
    assertThat(st.truncated()).isTrue();
    assertThat(st.error()).isNull();
  }

  @Test
  void aBlockLengthThatDisagreesWithItsTrailerIsMalformed() throws Exception {
    byte[] file = new Pcapng(false).iface(1, -1).enhanced(0, 1, FRAME).bytes();
    file[file.length - 4]++;
    ReadStatus st = read(file, new ArrayList<>());
    assertThat(st.error().reason()).contains("does not match its trailer");
  }

  @Test
  void theRecordLevelReaderTellsTheFormatsApart() throws Exception {
    byte[] ng = new Pcapng(true).iface(1, -1).enhanced(0, 1, FRAME).bytes();
    List<Seen> seen = new ArrayList<>();
    PacketHandler h = (lt, ts, b, off, len, orig) -> seen.add(new Seen(lt, ts, len));
    assertThat(CaptureReader.read(ByteWindow.of(ng), h).format()).isEqualTo(CaptureFormat.PCAPNG);
    assertThat(seen).hasSize(1);
    ReadStatus text = CaptureReader.read(ByteWindow.of(ascii("OPTIONS sip:x SIP/2.0")), h);
    assertThat(text.error().reason()).isEqualTo("neither pcap nor pcapng");
  }

  @Test
  void aBadByteOrderMagicIsMalformed() throws Exception {
    byte[] file = new Pcapng(false).bytes();
    file[8] = 0x11;
    ReadStatus st = read(file, new ArrayList<>());
    assertThat(st.error().reason()).startsWith("bad byte-order magic");
  }
}
