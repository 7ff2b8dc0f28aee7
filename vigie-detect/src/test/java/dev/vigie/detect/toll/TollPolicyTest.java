package dev.vigie.detect.toll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    assertThat(
            TollPolicy.defaults()
                .classify(TollPolicy.normalise("%2B8821612345"), java.util.List.of()))
        .isEqualTo(TollPolicy.NumberClass.PREMIUM);
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
