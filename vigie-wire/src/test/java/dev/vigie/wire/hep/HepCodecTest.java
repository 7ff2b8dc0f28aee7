package dev.vigie.wire.hep;

import static dev.vigie.wire.testing.Frames.ascii;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.wire.IpAddress;
import dev.vigie.wire.Transport;
import dev.vigie.wire.net.Bytes;
import dev.vigie.wire.testing.SipSamples;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HepCodecTest {
  static final byte[] SIP = ascii(SipSamples.options("hep-1"));
  static final long TS = 1_700_000_123_456_789L;

  static HepPacket full(String src, String dst) {
    return new HepPacket(
        3,
        17,
        IpAddress.parse(src),
        5070,
        IpAddress.parse(dst),
        5060,
        TS,
        1,
        2001,
        "secret",
        "corr-42",
        "node-a",
        42,
        false,
        SIP,
        0,
        SIP.length);
  }

  static HepPacket decoded(byte[] b) {
    return switch (HepDecoder.decode(b)) {
      case HepPacket p -> p;
      case HepDecoded.Bad bad -> throw new AssertionError(bad.malformed().toString());
    };
  }

  static String payload(HepPacket p) {
    return new String(p.buffer(), p.payloadOffset(), p.payloadLength());
  }

  @ParameterizedTest
  @CsvSource({"198.51.100.7, 192.0.2.1", "2001:db8::7, 2001:db8:1::15"})
  void v3RoundTripKeepsEveryField(String src, String dst) {
    HepPacket in = full(src, dst);
    HepPacket out = decoded(HepEncoder.encode(in));
    assertThat(out)
        .usingRecursiveComparison()
        .ignoringFields("buffer", "payloadOffset")
        .isEqualTo(in);
    assertThat(payload(out)).isEqualTo(new String(SIP));
  }

  @ParameterizedTest
  @CsvSource({"1, 198.51.100.7, 192.0.2.1", "2, 198.51.100.7, 192.0.2.1", "2, 2001:db8::7, ::1"})
  void v1AndV2RoundTrip(int version, String src, String dst) {
    HepPacket in = full(src, dst);
    HepPacket out = decoded(HepEncoder.encodeV1V2(version, in));
    assertThat(out.version()).isEqualTo(version);
    assertThat(out.src()).isEqualTo(in.src());
    assertThat(out.dst()).isEqualTo(in.dst());
    assertThat(out.srcPort()).isEqualTo(5070);
    assertThat(out.dstPort()).isEqualTo(5060);
    assertThat(out.ipProtocol()).isEqualTo(17);
    assertThat(out.timestampMicros()).isEqualTo(version == 2 ? TS : 0);
    assertThat(out.captureId()).isEqualTo(version == 2 ? 2001 : 0);
    assertThat(payload(out)).isEqualTo(new String(SIP));
  }

  @Test
  void v2WithAPackedTimeHeaderAndBigEndianTimeIsAccepted() {
    byte[] padded = HepEncoder.encodeV1V2(2, full("10.0.0.1", "10.0.0.2"));
    // re-lay it out as a packed (10-byte), big-endian time header
    byte[] packed = new byte[padded.length - 2];
    System.arraycopy(padded, 0, packed, 0, 16);
    long sec = TS / 1_000_000L;
    long usec = TS % 1_000_000L;
    Bytes.put32(packed, 16, (int) sec);
    Bytes.put32(packed, 20, (int) usec);
    Bytes.put16(packed, 24, 2001);
    System.arraycopy(padded, 28, packed, 26, padded.length - 28);
    HepPacket out = decoded(packed);
    assertThat(out.timestampMicros()).isEqualTo(TS);
    assertThat(out.captureId()).isEqualTo(2001);
    assertThat(payload(out)).isEqualTo(new String(SIP));
  }

  @Test
  void unknownVendorsAndTypesAreSkipped() {
    byte[] base = HepEncoder.encode(full("10.0.0.1", "10.0.0.2"));
    byte[] extra = {
      0x00,
      0x21,
      0x00,
      0x05,
      0x00,
      0x08,
      'x',
      'y', // vendor 0x21 (sipcapture), type 5
      0x00,
      0x00,
      0x00,
      0x63,
      0x00,
      0x07,
      'z' // vendor 0, unknown type 99
    };
    byte[] b = new byte[base.length + extra.length];
    System.arraycopy(base, 0, b, 0, 6);
    System.arraycopy(extra, 0, b, 6, extra.length);
    System.arraycopy(base, 6, b, 6 + extra.length, base.length - 6);
    Bytes.put16(b, 4, b.length);
    HepPacket out = decoded(b);
    assertThat(out.nodeName()).isEqualTo("node-a");
    assertThat(payload(out)).isEqualTo(new String(SIP));
  }

  @Test
  void compressedPayloadsAreInflated() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(SIP);
    }
    Deflater d = new Deflater();
    d.setInput(SIP);
    d.finish();
    byte[] zbuf = new byte[SIP.length * 2];
    byte[] zlib = Arrays.copyOf(zbuf, d.deflate(zbuf));
    for (byte[] compressed : List.of(gz.toByteArray(), zlib)) {
      byte[] plain = HepEncoder.encode(full("10.0.0.1", "10.0.0.2"));
      byte[] b = withPayloadChunk(plain, 16, compressed);
      assertThat(payload(decoded(b))).isEqualTo(new String(SIP));
    }
    byte[] junk =
        withPayloadChunk(HepEncoder.encode(full("10.0.0.1", "10.0.0.2")), 16, ascii("not zipped"));
    assertThat(HepDecoder.decode(junk)).isInstanceOf(HepDecoded.Bad.class);
  }

  /** Replaces the trailing chunk 15 by a chunk of the given type and value. */
  static byte[] withPayloadChunk(byte[] hep, int type, byte[] value) {
    int cut = hep.length - 6 - SIP.length;
    byte[] b = Arrays.copyOf(hep, cut + 6 + value.length);
    Bytes.put16(b, cut + 2, type);
    Bytes.put16(b, cut + 4, 6 + value.length);
    System.arraycopy(value, 0, b, cut + 6, value.length);
    Bytes.put16(b, 4, b.length);
    return b;
  }

  @ParameterizedTest
  @CsvSource({
    // offset of a u16 to overwrite, value, expected reason
    "4, 65000, total length exceeds the packet",
    "4, 3, total length under 6",
    "10, 2, chunk length shorter than its header",
    "10, 9000, chunk length exceeds the packet",
    "10, 8, chunk 1 (IP family) length is not 1",
  })
  void lyingLengthsAreMalformed(int at, int value, String reason) {
    byte[] b = HepEncoder.encode(full("10.0.0.1", "10.0.0.2"));
    Bytes.put16(b, at, value);
    assertThat(HepDecoder.decode(b))
        .isEqualTo(new HepDecoded.Bad(new dev.vigie.wire.Malformed("hep", reason)));
  }

  @Test
  void aLiveDatagramBecomesASipEventWithTheHepAddresses() {
    byte[] b = HepEncoder.encode(full("198.51.100.7", "192.0.2.1"));
    HepSip.Outcome o = HepSip.decode(b, 0, b.length, 0);
    assertThat(o).isInstanceOf(HepSip.Sip.class);
    var e = ((HepSip.Sip) o).event();
    assertThat(e.src()).isEqualTo(IpAddress.parse("198.51.100.7"));
    assertThat(e.dstPort()).isEqualTo(5060);
    assertThat(e.timestampMicros()).isEqualTo(TS);
    assertThat(e.transport()).isEqualTo(Transport.UDP);
    assertThat(e.captureId()).isEqualTo(2001);
    assertThat(e.sip().callId()).isEqualTo("hep-1");
    // and the replay encoder gives back the same event
    byte[] again = HepEncoder.encode(e);
    assertThat(((HepSip.Sip) HepSip.decode(again, 0, again.length, 0)).event())
        .usingRecursiveComparison()
        .ignoringFields("sip")
        .isEqualTo(e);
  }

  @Test
  void aListenerChecksTheAuthKeyWithoutAllocating() {
    byte[] b = HepEncoder.encode(full("10.0.0.1", "10.0.0.2"));
    HepFields f = new HepFields();
    assertThat(HepDecoder.decodeInto(b, 0, b.length, f)).isNull();
    assertThat(f.authKeyEquals(ascii("secret"))).isTrue();
    assertThat(f.authKeyEquals(ascii("secreT"))).isFalse();
    assertThat(f.authKeyEquals(ascii("secret2"))).isFalse();
    assertThat(HepSip.toEvent(f, 0, false)).isInstanceOf(HepSip.Sip.class);
  }

  @Test
  void keepAlivesAndOtherProtocolTypesAreIgnoredNotMalformed() {
    HepPacket ka =
        new HepPacket(
            3, 17, null, 0, null, 0, 0, 1, 7, null, null, null, -1, true, new byte[0], 0, 0);
    byte[] b = HepEncoder.encode(ka);
    assertThat(HepSip.decode(b, 0, b.length, 0)).isEqualTo(new HepSip.Ignored("keep-alive"));
    IpAddress a = IpAddress.parse("10.0.0.1");
    IpAddress z = IpAddress.parse("10.0.0.2");
    b = HepEncoder.encode(HepPacket.sip(a, 1, z, 2, 17, TS, 7, ascii("\r\n\r\n")));
    assertThat(HepSip.decode(b, 0, b.length, 0)).isEqualTo(new HepSip.Ignored("keep-alive"));
    HepPacket rtcp =
        new HepPacket(3, 17, a, 1, z, 2, TS, 5, 7, null, null, null, -1, false, ascii("{}"), 0, 2);
    b = HepEncoder.encode(rtcp);
    assertThat(HepSip.decode(b, 0, b.length, 0)).isInstanceOf(HepSip.Ignored.class);
  }

  @Test
  void theStreamFramerCutsPacketsAtAnyChunkBoundaryAndResyncs() {
    byte[] one = HepEncoder.encode(full("10.0.0.1", "10.0.0.2"));
    byte[] stream = new byte[one.length * 3 + 5];
    System.arraycopy(one, 0, stream, 0, one.length);
    System.arraycopy(new byte[] {1, 2, 3, 4, 5}, 0, stream, one.length, 5); // garbage
    System.arraycopy(one, 0, stream, one.length + 5, one.length);
    System.arraycopy(one, 0, stream, 2 * one.length + 5, one.length);
    for (int step : new int[] {1, 7, 100, stream.length}) {
      List<HepPacket> got = new ArrayList<>();
      List<String> garbage = new ArrayList<>();
      HepStreamFramer f = new HepStreamFramer();
      HepStreamFramer.Sink sink =
          new HepStreamFramer.Sink() {
            @Override
            public void onPacket(byte[] b, int off, int len) {
              got.add(decoded(Arrays.copyOfRange(b, off, off + len)));
            }

            @Override
            public void onGarbage(String reason) {
              garbage.add(reason);
            }
          };
      for (int i = 0; i < stream.length; i += step) {
        f.feed(stream, i, Math.min(step, stream.length - i), sink);
      }
      assertThat(got).hasSize(3);
      assertThat(garbage).hasSize(1);
    }
  }
}
