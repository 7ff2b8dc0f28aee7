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
    "'', false"
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
    return Arbitraries.strings().withChars("00000119+;@-. a").ofMaxLength(14);
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
