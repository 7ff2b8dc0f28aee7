package dev.vigie.wire.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
}
