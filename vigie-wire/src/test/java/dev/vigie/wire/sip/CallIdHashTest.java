package dev.vigie.wire.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SipMessage#callIdHash()}: equal Call-IDs hash equal, whatever the folding. */
class CallIdHashTest {
  private static SipMessage frame(String callIdLine) {
    String text =
        "OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\n"
            + "From: <sip:b@example.com>;tag=1\r\nTo: <sip:a@example.com>\r\n"
            + callIdLine
            + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return (SipMessage) SipFramer.frame(b, 0, b.length);
  }

  @Test
  void sameCallIdSameHashAcrossFoldingAndCompactForm() {
    long plain = frame("Call-ID: abc123@10.0.0.1").callIdHash();
    assertThat(frame("i: abc123@10.0.0.1").callIdHash()).isEqualTo(plain);
    assertThat(frame("Call-ID:\r\n abc123@10.0.0.1").callIdHash()).isEqualTo(plain);
  }

  @Test
  void differentCallIdsHashDifferently() {
    assertThat(frame("Call-ID: abc123@10.0.0.1").callIdHash())
        .isNotEqualTo(frame("Call-ID: abc124@10.0.0.1").callIdHash())
        .isNotZero();
  }

  /**
   * The two-lane hash reads eight bytes at a time and the last few as the value's last eight: for
   * every length, the bytes around the value never change its hash, and changing any one byte of it
   * does.
   */
  @Test
  void wideHashSeesEveryByteOfTheValueAndNothingAroundIt() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int n = 0; n <= 70; n++) {
      byte[] v = new byte[n];
      for (int i = 0; i < n; i++) v[i] = (byte) (33 + rnd.nextInt(90));
      long h = SipMessage.wideHash(embed(v, (byte) 'x', 3), 3, 3 + n);
      assertThat(SipMessage.wideHash(embed(v, (byte) ':', 11), 11, 11 + n)).isEqualTo(h);
      for (int i = 0; i < n; i++) {
        byte[] w = v.clone();
        w[i]++;
        assertThat(SipMessage.wideHash(embed(w, (byte) 'x', 3), 3, 3 + n))
            .as("length %d, byte %d", n, i)
            .isNotEqualTo(h);
      }
    }
  }

  @Test
  void wideHashHasNoCollisionAmongManyCallIds() {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      byte[] b =
          (i + "-" + (i * 7919L) + "@10.0." + (i % 256) + ".1").getBytes(StandardCharsets.US_ASCII);
      seen.add(SipMessage.wideHash(b, 0, b.length));
    }
    assertThat(seen).hasSize(200_000);
  }

  private static byte[] embed(byte[] v, byte around, int at) {
    byte[] b = new byte[v.length + 2 * at];
    java.util.Arrays.fill(b, around);
    System.arraycopy(v, 0, b, at, v.length);
    return b;
  }
}
