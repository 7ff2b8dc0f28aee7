package dev.vigie.detect.toll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.wire.sip.SipFramer;
import dev.vigie.wire.sip.SipMessage;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte-level pre-check never calls local a number that {@link TollPolicy} calls abroad. */
class TollPolicyTest {
  @ParameterizedTest
  @CsvSource({
    "1001, false",
    "0612345678, false",
    "+33612345678, true",
    "0088216001234, true",
    "00, true",
    "011442071234567, true",
    "01144, false",
    "900882160012, true",
    "9001, false",
    "service, false",
    "'', false",
    "%2B8821612345, true",
    "%2b8821612345, true",
    "%30%30882161234, true",
    "0%30882161234, true",
    "%2, false",
    "%zz1001, false",
    "1001%, false",
    "%3B0088216123, true"
  })
  void examples(String number, boolean expected) {
    assertThat(check(number)).as(number).isEqualTo(expected);
    assertConsistent(number);
  }

  @Property(tries = 20_000)
  void neverMissesAnInternationalNumber(@ForAll("numbers") String number) {
    assertConsistent(number);
  }

  @Provide
  Arbitrary<String> numbers() {
    return Arbitraries.strings().withChars("00000119+;@-. a%%2B3bF").ofMaxLength(14);
  }

  /**
   * An escaped character counts as itself, as the PBX routing the call reads it: {@code %2B88216}
   * is the satellite range, not the local number 288216 (RFC 3261 section 19.1.2).
   */
  @ParameterizedTest
  @CsvSource({
    "%2B8821612345, 008821612345",
    "%30%30%38%38%32, 00882",
    "+88%3B216, 0088216",
    "0033%401234, 00331234",
    "1001;user=phone, 1001",
    "%zz1001, 1001"
  })
  void escapesCountAsTheCharactersTheyStandFor(String number, String normalised) {
    assertThat(TollPolicy.normalise(number)).isEqualTo(normalised);
  }

  /** The escaped satellite number is classified as the number it stands for: premium. */
  @Test
  void anEscapedSatelliteNumberIsPremium() {
    assertThat(
            TollPolicy.defaults()
                .classify(TollPolicy.normalise("%2B8821612345"), java.util.List.of()))
        .isEqualTo(TollPolicy.NumberClass.PREMIUM);
  }

  /**
   * The same satellite number, however the Request-URI spells it (escapes, tel:, user=phone, a
   * password or user parameters, the scheme's case, visual separators), read from a framed INVITE
   * as the engine reads it: normalised alike, and never skipped by the byte pre-check.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "sip:+8821612345@pbx",
        "sip:%2B8821612345@pbx",
        "sip:%2b8821612345@pbx",
        "sip:00%38821612345@pbx",
        "tel:+8821612345",
        "tel:+88-216-12345",
        "sip:+8821612345@pbx;user=phone",
        "SIP:+8821612345@pbx",
        "sips:+8821612345@pbx",
        "sip:+8821612345:secret@pbx",
        "sip:+8821612345;isub=1@pbx"
      })
  void everySpellingOfADialledNumberIsTheSameNumber(String requestUri) {
    String text =
        "INVITE "
            + requestUri
            + " SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:1001@b>;tag=1\r\n"
            + "To: <sip:x@pbx>\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n\r\n";
    SipMessage m = (SipMessage) SipFramer.frame(text.getBytes(StandardCharsets.UTF_8));
    long r = m.requestUriUserRange();
    assertThat(r).isNotNegative();
    assertThat(TollPolicy.mayBeInternational(m.buffer(), (int) (r >>> 32), (int) r)).isTrue();
    assertThat(TollPolicy.normalise(m.requestUriUser())).isEqualTo("008821612345");
  }

  private static boolean check(String number) {
    byte[] b = number.getBytes(StandardCharsets.US_ASCII);
    return TollPolicy.mayBeInternational(b, 0, b.length);
  }

  private static void assertConsistent(String number) {
    String n = TollPolicy.normalise(number);
    boolean abroad = n != null && n.startsWith("00");
    if (abroad) assertThat(check(number)).as(number + " normalises to " + n).isTrue();
  }
}
