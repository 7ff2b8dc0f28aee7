package dev.vigie.wire.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SipFramerTest {
  static SipMessage frame(String text) {
    return switch (SipFramer.frame(text.getBytes(StandardCharsets.UTF_8))) {
      case SipMessage m -> m;
      case SipFrame.Bad bad -> throw new AssertionError(bad.reason());
    };
  }

  static String bad(String text) {
    return switch (SipFramer.frame(text.getBytes(StandardCharsets.UTF_8))) {
      case SipMessage m -> throw new AssertionError("framed: " + m);
      case SipFrame.Bad b -> b.reason();
    };
  }

  static final String REGISTER =
      """
      REGISTER sip:pbx.example.com SIP/2.0\r
      Via: SIP/2.0/UDP 198.51.100.7:5070;branch=z9hG4bK-1;rport\r
      Via: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bK-0\r
      From: "Bob" <sip:1001@pbx.example.com>;tag=a73kszlfl\r
      To: <sip:1001@pbx.example.com>\r
      Call-ID: 1j9FpLxk3uxtm8tn@198.51.100.7\r
      CSeq: 2 REGISTER\r
      Contact: <sip:1001@198.51.100.7:5070>;expires=600\r
      Authorization: Digest username="1001", realm="pbx", nonce="n",\r
       uri="sip:pbx.example.com", response="abc"\r
      User-Agent: Yealink SIP-T46S\r
      Content-Length: 0\r
      \r
      """;

  @Test
  void framesARequestAndItsDetectionFields() {
    SipMessage m = frame(REGISTER);
    assertThat(m.isRequest()).isTrue();
    assertThat(m.method()).isEqualTo(SipMethod.REGISTER);
    assertThat(m.methodName()).isEqualTo("REGISTER");
    assertThat(m.requestUri()).isEqualTo("sip:pbx.example.com");
    assertThat(m.requestUriUser()).isNull();
    assertThat(m.requestUriHost()).isEqualTo("pbx.example.com");
    assertThat(m.callId()).isEqualTo("1j9FpLxk3uxtm8tn@198.51.100.7");
    assertThat(m.cseqNumber()).isEqualTo(2);
    assertThat(m.cseqMethod()).isEqualTo(SipMethod.REGISTER);
    assertThat(m.fromUser()).isEqualTo("1001");
    assertThat(m.fromHost()).isEqualTo("pbx.example.com");
    assertThat(m.fromTag()).isEqualTo("a73kszlfl");
    assertThat(m.toUser()).isEqualTo("1001");
    assertThat(m.toTag()).isNull();
    assertThat(m.hasToTag()).isFalse();
    assertThat(m.viaSentBy()).isEqualTo("198.51.100.7:5070"); // the top Via
    assertThat(m.viaTransport()).isEqualTo("UDP");
    assertThat(m.userAgent()).isEqualTo("Yealink SIP-T46S");
    assertThat(m.hasAuthorization()).isTrue();
    assertThat(m.authorizationUser()).isEqualTo("1001");
    assertThat(m.expires()).isEqualTo(600); // from the Contact parameter
    assertThat(m.contentLength()).isZero();
    assertThat(m.header("authorization")).contains("uri=\"sip:pbx.example.com\""); // unfolded
    assertThat(m.length()).isEqualTo(REGISTER.length());
  }

  @Test
  void framesAResponseWithAChallenge() {
    SipMessage m =
        frame(
            """
            SIP/2.0 401 Unauthorized\r
            v: SIP/2.0/UDP 198.51.100.7:5070;branch=z9hG4bK-1\r
            f: <sip:1001@pbx.example.com>;tag=x\r
            t: <sip:1001@pbx.example.com>;tag=srv\r
            i: abc\r
            CSeq: 1 REGISTER\r
            WWW-Authenticate: Digest realm="pbx", nonce="1"\r
            Server: Kamailio\r
            l: 0\r
            \r
            """);
    assertThat(m.isResponse()).isTrue();
    assertThat(m.statusCode()).isEqualTo(401);
    assertThat(m.reasonPhrase()).isEqualTo("Unauthorized");
    assertThat(m.method()).isEqualTo(SipMethod.REGISTER);
    assertThat(m.hasChallenge()).isTrue();
    assertThat(m.hasAuthorization()).isFalse();
    assertThat(m.toTag()).isEqualTo("srv");
    assertThat(m.hasToTag()).isTrue();
    assertThat(m.callId()).isEqualTo("abc");
    assertThat(m.userAgent()).isEqualTo("Kamailio"); // Server when there is no User-Agent
    assertThat(m.requestUri()).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // header line | accessor checked through Call-ID
        "call-id: lower|lower",
        "CALL-ID: upper|upper",
        "Call-Id  :   spaced|spaced",
        "i: compact|compact",
      })
  void headerNamesAreCaseInsensitiveAndCompact(String line, String callId) {
    String text =
        "OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:a@b>\r\nTo: <sip:c@d>\r\n"
            + line
            + "\r\nCSeq: 1 OPTIONS\r\n\r\n";
    assertThat(frame(text).callId()).isEqualTo(callId);
  }

  /**
   * The To tag is read once: asked again, the same answers (the tag's hash, whether there is one).
   */
  @Test
  void theToTagReadOnceGivesTheSameAnswersWhenAskedAgain() {
    String head = "BYE sip:1001@h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:a@b>;tag=1\r\n";
    String tail = "\r\nCall-ID: t\r\nCSeq: 2 BYE\r\n\r\n";
    SipMessage tagged = frame(head + "To: \"Bob\" <sip:1001@b;user=phone> ;tag=as5f7e2a" + tail);
    SipMessage same = frame(head + "To: <sip:1001@b>;tag=as5f7e2a" + tail);
    long hash = tagged.toTagHash();
    assertThat(hash).isNotZero().isEqualTo(same.toTagHash());
    assertThat(tagged.hasToTag()).isTrue();
    assertThat(tagged.toTagHash()).isEqualTo(hash); // from what was remembered
    assertThat(same.hasToTag()).isTrue();
    assertThat(same.toTagHash()).isEqualTo(hash);
    assertThat(tagged.toTag()).isEqualTo("as5f7e2a");
    SipMessage none = frame(head + "To: <sip:1001@b>" + tail);
    assertThat(none.hasToTag()).isFalse();
    assertThat(none.hasToTag()).isFalse();
    assertThat(none.toTagHash()).isZero();
    SipMessage otherTag = frame(head + "To: <sip:1001@b>;tag=as5f7e2b" + tail);
    assertThat(otherTag.hasToTag()).isTrue();
    assertThat(otherTag.toTagHash()).isNotEqualTo(hash);
  }

  /** The From tag's hash, in place: the same tag the same hash, none (or an empty one) 0. */
  @Test
  void theFromTagHashIsTheTagsAndZeroWithoutOne() {
    String tail = "\r\nTo: <sip:1@b>\r\nCall-ID: t\r\nCSeq: 1 INVITE\r\n\r\n";
    String head = "INVITE sip:1@h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n";
    long hash = frame(head + "From: \"A\" <sip:a@b;tag=no>;tag=f1" + tail).fromTagHash();
    assertThat(hash).isNotZero();
    assertThat(frame(head + "From: <sip:x@y>;tag=f1" + tail).fromTagHash()).isEqualTo(hash);
    assertThat(frame(head + "From: <sip:a@b>;tag=f2" + tail).fromTagHash()).isNotEqualTo(hash);
    assertThat(frame(head + "From: <sip:a@b;tag=f1>" + tail).fromTagHash()).isZero();
    assertThat(frame(head + "From: <sip:a@b>;tag=" + tail).fromTagHash()).isZero();
  }

  /**
   * RFC 3261 section 10.2.1.1: a Contact's {@code expires} parameter overrides the Expires header,
   * which applies to a Contact without one; neither readable gives -1.
   */
  @Test
  void expiresTakesTheContactParameterBeforeTheExpiresHeader() {
    String head =
        "REGISTER sip:pbx.example.com SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:1001@b>;tag=1\r\n"
            + "To: <sip:1001@b>\r\nCall-ID: e\r\nCSeq: 1 REGISTER\r\n";
    assertThat(frame(head + "Expires: 300\r\nContact: <sip:1001@h>;expires=0\r\n\r\n").expires())
        .isZero(); // a removal stays a removal whatever the header says
    assertThat(frame(head + "Contact: <sip:1001@h>\r\nExpires: 300\r\n\r\n").expires())
        .isEqualTo(300);
    assertThat(frame(head + "Contact: <sip:1001@h>;expires=x\r\n\r\n").expires()).isEqualTo(-1);
    assertThat(frame(head + "\r\n").expires()).isEqualTo(-1);
  }

  @Test
  void aParameterInsideTheBracketsBelongsToTheUriNotToTheHeader() {
    String head =
        "INVITE sip:0044900123@pbx SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nCall-ID: t\r\nCSeq: 1 INVITE\r\n";
    String from = "From: <sip:1001@b>;tag=1\r\n";
    // an initial INVITE with a "tag" in its To URI is still an initial INVITE (RFC 3261 20.10):
    // read as in-dialog, it would leave the call uncounted by the toll and call-rate rules
    SipMessage inUri =
        frame(head + "From: <sip:1001@b;tag=f>\r\nTo: <sip:0044900123@pbx;tag=x>\r\n\r\n");
    assertThat(inUri.hasToTag()).isFalse();
    assertThat(inUri.toTag()).isNull();
    assertThat(inUri.toTagHash()).isZero();
    assertThat(inUri.fromTag()).isNull();
    // the header's own parameter, after the brackets or after a bare addr-spec
    assertThat(frame(head + from + "To: <sip:1@pbx;tag=x>;tag=real\r\n\r\n").toTag())
        .isEqualTo("real");
    assertThat(frame(head + from + "To: sip:1@pbx;tag=bare\r\n\r\n").toTag()).isEqualTo("bare");
    // a quoted display name holding '>' and ';tag=' is neither the end of the URI nor a tag
    assertThat(frame(head + from + "To: \"a>b;tag=q\" <sip:1@pbx;tag=u>\r\n\r\n").hasToTag())
        .isFalse();
    assertThat(frame(head + from + "To: \"a>b\\\"c\" <sip:1@pbx>;tag=t\r\n\r\n").toTag())
        .isEqualTo("t");
    // the user and the tag are read from the same URI: a display name ending in an escaped
    // backslash is closed by its quote
    SipMessage escaped = frame(head + from + "To: \"a:b\\\\\" <sip:1@pbx;tag=u>;tag=t\r\n\r\n");
    assertThat(escaped.toUser()).isEqualTo("1");
    assertThat(escaped.toTag()).isEqualTo("t");
    // a tag without a value is no tag (Kamailio's has_totag, PJSIP): a new call for the PBX
    for (String empty : new String[] {";tag=", ";tag", ";tag=;x=1", "; tag = "}) {
      SipMessage m = frame(head + from + "To: <sip:1@pbx>" + empty + "\r\n\r\n");
      assertThat(m.hasToTag()).as(empty).isFalse();
      assertThat(m.toTag()).as(empty).isNull();
      assertThat(m.toTagHash()).as(empty).isZero();
    }
    // an unclosed bracket gives no parameter at all
    assertThat(frame(head + from + "To: <sip:1@pbx;tag=open\r\n\r\n").hasToTag()).isFalse();
    // nor does an expires parameter of the Contact URI grant anything: the Expires header does
    String reg =
        "REGISTER sip:pbx SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:1001@b>;tag=1\r\n"
            + "To: <sip:1001@b>\r\nCall-ID: e\r\nCSeq: 1 REGISTER\r\nExpires: 300\r\n";
    assertThat(frame(reg + "Contact: <sip:1001@h;expires=5>\r\n\r\n").expires()).isEqualTo(300);
  }

  /**
   * Whether an INVITE is a new call (no To tag) does not depend on how its To header is spelt:
   * compact or capital name, spaces, a folded line, a display name (quoted or not, holding
   * ";tag="), a bare addr-spec, the parameter's case or spaces around it.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "To: <sip:x@pbx>|false",
        "t: <sip:x@pbx>|false",
        "TO: <sip:x@pbx>|false",
        "To : <sip:x@pbx>|false",
        "To:~t<sip:x@pbx>|false",
        "To:~n <sip:x@pbx>|false",
        "To: \"B\" <sip:x@pbx>|false",
        "To: B <sip:x@pbx>|false",
        "To: sip:x@pbx|false",
        "To: \"a;tag=1\" <sip:x@pbx>|false",
        "To: <sip:x@pbx;tag=1>|false",
        "To: <sip:x@pbx>;tag=|false",
        "To: <sip:x@pbx>;tag=1|true",
        "To: <sip:x@pbx>;TAG=1|true",
        "To: <sip:x@pbx> ;tag=1|true",
        "To: <sip:x@pbx>;tag = 1|true",
        "t: sip:x@pbx;tag=1|true",
        "To: \"B\" <sip:x@pbx>;tag=1|true"
      })
  void aNewCallWhateverTheSpellingOfItsToHeader(String to, boolean inDialog) {
    String line = to.replace("~t", "\t").replace("~n", "\r\n"); // a tab, a folded line
    SipMessage m =
        frame(
            "INVITE sip:1@pbx SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:1001@b>;tag=1\r\n"
                + line
                + "\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n\r\n");
    assertThat(m.hasToTag()).as(to).isEqualTo(inDialog);
    assertThat(m.toUser()).as(to).isEqualTo("x");
  }

  @Test
  void repeatedHeadersKeepTheFirstAndFoldedValuesUnfold() {
    SipMessage m =
        frame(
            "INVITE sip:+441234@gw.example.com;user=phone SIP/2.0\n"
                + "Via: SIP/2.0/UDP [2001:db8::7]:5060;branch=z9hG4bK-v6\n"
                + "From: <sip:1001@[2001:db8::1]>;tag=1\n"
                + "To: <sip:+441234@gw.example.com>\n"
                + "Call-ID: first\n"
                + "Call-ID: second\n"
                + "CSeq: 7\n INVITE\n"
                + "Subject: a\n  folded\n\tvalue\n"
                + "Expires: 120\n"
                + "Contact: <sip:1001@[2001:db8::1]:5060>;expires=30\n"
                + "\n");
    assertThat(m.callId()).isEqualTo("first");
    assertThat(m.cseqNumber()).isEqualTo(7);
    assertThat(m.cseqMethod()).isEqualTo(SipMethod.INVITE);
    assertThat(m.header("Subject")).isEqualTo("a folded value");
    assertThat(m.header("s")).isEqualTo("a folded value");
    // the Contact's parameter overrides the Expires header (RFC 3261 section 10.2.1.1)
    assertThat(m.expires()).isEqualTo(30);
    assertThat(m.requestUriUser()).isEqualTo("+441234");
    assertThat(m.fromHost()).isEqualTo("2001:db8::1");
    assertThat(m.viaSentBy()).isEqualTo("[2001:db8::7]:5060");
  }

  @Test
  void telUrisQuotedDisplayNamesAndBareStatusLines() {
    SipMessage m =
        frame(
            "INVITE tel:+441234567;phone-context=example.com SIP/2.0\r\n"
                + "Via:SIP/2.0/UDP 10.0.0.1;branch=z\r\n"
                + "From: \"A<B\" <sip:1001@pbx>;tag=q\r\n"
                + "To: <tel:+441234567>\r\n"
                + "Call-ID: c\r\nCSeq: 1 INVITE\r\nContact: *\r\nExpires: 0\r\n\r\n");
    assertThat(m.requestUriUser()).isEqualTo("+441234567"); // the dialled number of a tel: URI
    assertThat(m.requestUriHost()).isNull();
    assertThat(m.toUser()).isEqualTo("+441234567");
    assertThat(m.fromUser()).isEqualTo("1001"); // '<' inside the quoted display name skipped
    assertThat(m.fromHost()).isEqualTo("pbx");
    assertThat(m.viaSentBy()).isEqualTo("10.0.0.1");
    assertThat(m.expires()).isZero();
    SipMessage r =
        frame(
            "SIP/2.0 200\r\nVia: SIP/2.0/UDP h\r\nFrom: sip:1001@pbx;tag=x\r\n"
                + "To: sip:2@pbx\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n\r\n");
    assertThat(r.statusCode()).isEqualTo(200); // no reason phrase at all
    assertThat(r.fromUser()).isEqualTo("1001");
    assertThat(r.fromTag()).isEqualTo("x");
    assertThat(r.toHost()).isEqualTo("pbx");
  }

  @Test
  void theBodyIsCutToContentLength() {
    String text =
        "MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:a@b>\r\nTo: <sip:c@d>\r\n"
            + "Call-ID: x\r\nCSeq: 1 MESSAGE\r\nContent-Length: 5\r\n\r\nhello-padding";
    SipMessage m = frame(text);
    assertThat(m.bodyLength()).isEqualTo(5);
    assertThat(new String(m.buffer(), m.bodyOffset(), m.bodyLength())).isEqualTo("hello");
    assertThat(m.methodName()).isEqualTo("MESSAGE");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // message, with ~ for CRLF | reason
        "HELLO WORLD~~|request line without a SIP version",
        "SIP/2.0 099 Low~Via: x~~|status code out of range",
        "SIP/2.0 99 Low~Via: x~~|status code is not three digits",
        "OPTIONS sip:a SIP/2.0~Via: x~From: a~To: b~Call-ID: c~~|no CSeq header",
        "OPTIONS sip:a SIP/2.0~Via: x~From: a~To: b~Call-ID: c~CSeq: x~~|unreadable CSeq header",
        "OPTIONS sip:a SIP/2.0~Via: x~no colon here~~|header line without a name and colon",
        "OPTIONS sip:a SIP/2.0~Via: x~|no empty line after the headers",
        "OPTIONS sip:a SIP/2.0~From: a~To: b~Call-ID: c~CSeq: 1 OPTIONS~~|no Via header",
      })
  void refusesWhatIsNotSipWithAReason(String text, String reason) {
    assertThat(bad(text.replace("~", "\r\n"))).isEqualTo(reason);
  }

  @Test
  void messageLengthFramesAStream() {
    byte[] two =
        (REGISTER + "\r\n" + REGISTER.replace("Content-Length: 0", "Content-Length: 3") + "abc")
            .getBytes(StandardCharsets.UTF_8);
    int first = SipFramer.messageLength(two, 0, two.length);
    assertThat(first).isEqualTo(REGISTER.length());
    int second = SipFramer.messageLength(two, first, two.length - first);
    assertThat(first + second).isEqualTo(two.length);
    assertThat(SipFramer.messageLength(two, 0, 40)).isEqualTo(-1);
    assertThat(SipFramer.messageLength(two, first, two.length - first - 1)).isEqualTo(-1);
    byte[] lying =
        "OPTIONS x SIP/2.0\r\nContent-Length: abc\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    assertThat(SipFramer.messageLength(lying, 0, lying.length)).isEqualTo(-2);
  }

  @Test
  void keepAlivesAreRecognised() {
    assertThat(SipFramer.isKeepAlive("\r\n\r\n".getBytes(), 0, 4)).isTrue();
    assertThat(SipFramer.isKeepAlive("\r\nX".getBytes(), 0, 3)).isFalse();
    assertThat(SipFramer.isKeepAlive(new byte[0], 0, 0)).isFalse();
  }
}
