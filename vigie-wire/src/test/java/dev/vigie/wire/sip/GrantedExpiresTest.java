package dev.vigie.wire.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What a registrar's 2xx to a REGISTER grants the address of record ({@link
 * SipMessage#grantedExpires}): the longest of the bindings it lists, each Contact's own parameter
 * before the Expires header, every Contact line and comma-separated value read; 0 when it lists
 * none.
 */
class GrantedExpiresTest {
  private static SipMessage ok(String headers) {
    String text =
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK1\r\n"
            + "From: <sip:201@pbx>;tag=f\r\nTo: <sip:201@pbx>;tag=t\r\n"
            + "Call-ID: reg\r\nCSeq: 2 REGISTER\r\n"
            + headers
            + "Content-Length: 0\r\n\r\n";
    return (SipMessage) SipFramer.frame(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void eachBindingsOwnExpiryComesBeforeTheExpiresHeader() {
    assertThat(ok("Expires: 3600\r\nContact: <sip:201@10.0.0.2>;expires=60\r\n").grantedExpires())
        .isEqualTo(60);
    assertThat(ok("Contact: <sip:201@10.0.0.2>\r\nExpires: 300\r\n").grantedExpires())
        .isEqualTo(300); // no parameter: the Expires header
    assertThat(ok("Contact: <sip:201@10.0.0.2>\r\n").grantedExpires()).isEqualTo(-1);
  }

  @Test
  void theLongestOfSeveralBindingsCounts() {
    // a desk phone and a softphone on one extension, in one line; a comma in a display name
    assertThat(
            ok("Contact: <sip:201@10.0.0.2>;expires=60, \"Bob, mobile\" <sip:201@10.0.0.9;ob>"
                    + ";expires=3600;+sip.instance=\"<urn:uuid:1,2>\"\r\n")
                .grantedExpires())
        .isEqualTo(3600);
    // on separate lines, the second in the compact form; the longest first this time
    assertThat(
            ok("Contact: <sip:201@10.0.0.9>;expires=900\r\nVia-Extra: x\r\n"
                    + "m: <sip:201@10.0.0.2>;expires=45\r\n")
                .grantedExpires())
        .isEqualTo(900);
    assertThat(
            ok("Contact: <sip:201@10.0.0.2>;expires=45\r\nm: <sip:201@10.0.0.9>;expires=900\r\n")
                .grantedExpires())
        .isEqualTo(900);
  }

  @Test
  void noContactMeansNoBindingLeft() {
    assertThat(ok("").grantedExpires()).isZero();
    assertThat(ok("Expires: 3600\r\n").grantedExpires()).isZero();
    assertThat(ok("Contact: <sip:201@10.0.0.2>;expires=0\r\n").grantedExpires()).isZero();
  }
}
