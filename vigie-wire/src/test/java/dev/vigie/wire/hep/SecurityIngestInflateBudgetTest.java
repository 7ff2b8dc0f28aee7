package dev.vigie.wire.hep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 point 3: compressed HEP payloads inflate within a budget checked before inflating (per
 * packet and per second), and a packet carrying several compressed chunks (the bomb: ~60 chunks of
 * 1 MiB each) is refused after the first one.
 */
class SecurityIngestInflateBudgetTest {
  private static final byte[] SIP =
      ("OPTIONS sip:100@10.0.0.2 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
              + "From: <sip:a@10.0.0.1>;tag=1\r\nTo: <sip:100@10.0.0.2>\r\nCall-ID: c1\r\n"
              + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  static byte[] zlib(byte[] data) {
    Deflater d = new Deflater(9);
    d.setInput(data);
    d.finish();
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!d.finished()) o.write(buf, 0, d.deflate(buf));
    d.end();
    return o.toByteArray();
  }

  static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(o)) {
      g.write(data);
    }
    return o.toByteArray();
  }

  /** A HEP3 packet: addresses, ports, then the given compressed chunks (type 16). */
  static byte[] packet(byte[]... compressed) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(new byte[] {'H', 'E', 'P', '3', 0, 0});
    chunk(o, 1, new byte[] {2});
    chunk(o, 2, new byte[] {17});
    chunk(o, 3, new byte[] {10, 0, 0, 1});
    chunk(o, 4, new byte[] {10, 0, 0, 2});
    chunk(o, 7, new byte[] {0x13, (byte) 0xC4});
    chunk(o, 8, new byte[] {0x13, (byte) 0xC4});
    chunk(o, 11, new byte[] {1});
    for (byte[] c : compressed) chunk(o, 16, c);
    byte[] b = o.toByteArray();
    b[4] = (byte) (b.length >>> 8);
    b[5] = (byte) b.length;
    return b;
  }

  private static void chunk(ByteArrayOutputStream o, int type, byte[] v) {
    int n = v.length + 6;
    o.writeBytes(new byte[] {0, 0, (byte) (type >>> 8), (byte) type, (byte) (n >>> 8), (byte) n});
    o.writeBytes(v);
  }

  @Test
  void aCompressedSipMessageWithinTheBudgetDecodes() throws Exception {
    AtomicLong now = new AtomicLong();
    InflateBudget budget = new InflateBudget(65536, 1 << 20, now::get);
    for (byte[] c : new byte[][] {zlib(SIP), gzip(SIP)}) {
      byte[] b = packet(c);
      HepFields f = new HepFields();
      assertThat(HepDecoder.decodeInto(b, 0, b.length, f, budget)).isNull();
      assertThat(new String(f.payload, f.payloadOff, f.payloadLen, StandardCharsets.US_ASCII))
          .isEqualTo(new String(SIP, StandardCharsets.US_ASCII));
    }
  }

  @Test
  void aBombIsRefusedAfterInflatingAtMostThePerPacketAllowance() {
    byte[] mib = zlib(new byte[1 << 20]);
    byte[][] chunks = new byte[60][];
    java.util.Arrays.fill(chunks, mib);
    byte[] bomb = packet(chunks);
    assertThat(bomb.length).isLessThan(65536);
    AtomicLong now = new AtomicLong();
    InflateBudget budget = new InflateBudget(65536, 64L << 20, now::get);
    HepFields f = new HepFields();
    String bad = HepDecoder.decodeInto(bomb, 0, bomb.length, f, budget);
    assertThat(bad).isEqualTo("compressed payload inflates over 65536 bytes");
    // one allowance spent, not 60 MiB
    assertThat(budget.allowance()).isEqualTo(65536);
    assertThat(budget.refused()).isEqualTo(1);
    // several compressed chunks, each small: refused at the second one
    byte[] two = packet(zlib(SIP), zlib(SIP));
    assertThat(HepDecoder.decodeInto(two, 0, two.length, f, budget))
        .isEqualTo("more than one compressed payload chunk");
  }

  @Test
  void thePerSecondBudgetRefusesWithoutInflatingUntilTheNextSecond() throws Exception {
    AtomicLong now = new AtomicLong();
    InflateBudget budget = new InflateBudget(4096, 16384, now::get);
    byte[] big = packet(gzip(new byte[4000]));
    HepFields f = new HepFields();
    for (int i = 0; i < 4; i++)
      assertThat(HepDecoder.decodeInto(big, 0, big.length, f, budget)).isNull();
    assertThat(budget.allowance()).isEqualTo(16384 - 16000);
    assertThat(HepDecoder.decodeInto(big, 0, big.length, f, budget))
        .startsWith("compressed payload inflates over 384 bytes");
    assertThat(budget.allowance()).isZero();
    assertThat(HepDecoder.decodeInto(big, 0, big.length, f, budget))
        .isEqualTo("inflate budget of 16384 bytes per second used up");
    now.addAndGet(1_000_000_000L);
    assertThat(HepDecoder.decodeInto(big, 0, big.length, f, budget)).isNull();
    assertThat(budget.refused()).isEqualTo(2);
  }

  @Test
  void theAuthKeyIsFoundFromChunkHeadersAlone() {
    byte[] b =
        HepEncoder.encode(
            new HepPacket(
                3,
                17,
                null,
                0,
                null,
                0,
                0,
                1,
                7,
                "s3cret",
                null,
                null,
                -1,
                false,
                SIP,
                0,
                SIP.length));
    byte[] key = "s3cret".getBytes(StandardCharsets.UTF_8);
    assertThat(HepDecoder.carriesAuthKey(b, 0, b.length, key)).isTrue();
    assertThat(HepDecoder.carriesAuthKey(b, 0, b.length, "s3creT".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    byte[] none = packet(zlib(SIP));
    assertThat(HepDecoder.carriesAuthKey(none, 0, none.length, key)).isFalse();
    byte[] cut = java.util.Arrays.copyOf(b, 10);
    assertThat(HepDecoder.carriesAuthKey(cut, 0, cut.length, key)).isFalse();
  }
}
