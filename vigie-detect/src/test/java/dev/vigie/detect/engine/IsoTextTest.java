package dev.vigie.detect.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IsoText} writes exactly what {@link Instant#toString()} writes. */
class IsoTextTest {
  private final IsoText iso = new IsoText();

  @ParameterizedTest
  @ValueSource(
      longs = {
        0L, // the epoch: no fraction
        1_700_000_000_000_000L, // a whole second
        1_700_000_000_123_000L, // milliseconds only: three digits
        1_700_000_000_123_456L, // microseconds: six digits
        1_700_000_000_000_001L, // leading zeros kept
        1_700_000_016_000_010L, // same cache slot as the whole second above, another second
        -1L, // before the epoch: floor of the second
        -1_500_000L,
        253_402_300_800_000_000L // year 10000: the JDK's sign and width
      })
  void matchesInstantToString(long micros) {
    String expected =
        Instant.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000)
            .toString();
    assertThat(iso.format(micros)).isEqualTo(expected);
    assertThat(iso.format(micros)).isEqualTo(expected); // from the cache
  }
}
