package dev.vigie.wire.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SipMessage#expires()} reads the Contact's {@code expires} parameter in place; it must give
 * what the former {@code Integer.parseInt(param.strip())} (-1 on a bad number) gave.
 */
class ExpiresParseTest {
  private static int reference(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int inPlace(String text) {
    byte[] b = ("x" + text + "y").getBytes(StandardCharsets.UTF_8);
    return SipMessage.parseInt(b, 1, b.length - 1);
  }

  @Test
  void examplesAgreeWithTheStringParse() {
    String[] cases = {
      "3600",
      " 3600 ",
      "\t60\t",
      "0",
      "-1",
      "+5",
      "-",
      "+",
      "",
      " ",
      "2147483647",
      "2147483648",
      "-2147483648",
      "-2147483649",
      "99999999999",
      "12a",
      "1 2",
      "٣٦",
      "\u2003 42",
      "0x10",
      "007"
    };
    for (String c : cases) assertThat(inPlace(c)).as("'%s'", c).isEqualTo(reference(c));
  }

  @Test
  void randomTextAgreesWithTheStringParse() {
    Random r = new Random(16);
    String alphabet = "0123456789 \t\r\n\u000b\u001c+-a;\"٣\u2003";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = r.nextInt(12);
      for (int i = 0; i < len; i++) {
        sb.append(
            r.nextInt(4) == 0
                ? alphabet.charAt(r.nextInt(alphabet.length()))
                : (char) ('0' + r.nextInt(10)));
      }
      String c = sb.toString();
      assertThat(inPlace(c)).as("'%s'", c).isEqualTo(reference(c));
    }
  }

  @Test
  void contactParameterIsReadFromTheMessage() {
    String text =
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\n"
            + "From: <sip:b@example.com>;tag=1\r\nTo: <sip:b@example.com>;tag=2\r\n"
            + "Call-ID: c1\r\nCSeq: 2 REGISTER\r\nContact: <sip:b@10.0.0.1>;expires= 120 \r\n"
            + "Content-Length: 0\r\n\r\n";
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    assertThat(((SipMessage) SipFramer.frame(b, 0, b.length)).expires()).isEqualTo(120);
  }
}
