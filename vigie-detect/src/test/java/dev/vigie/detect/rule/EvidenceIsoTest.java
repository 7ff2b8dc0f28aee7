package dev.vigie.detect.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The time text of the evidence is exactly {@link Instant#toString()}. */
class EvidenceIsoTest {
  @ParameterizedTest
  @ValueSource(
      longs = {
        0,
        1,
        1_000,
        999_999,
        1_000_000,
        -1,
        -1_000_001,
        1_795_500_109_155_265L, // 2026-11-24T06:01:49.155265Z
        1_795_500_109_155_000L,
        1_795_500_109_000_000L,
        951_782_400_000_000L, // 2000-02-29
        4_107_542_400_000_000L, // 2100-03-01
        253_402_300_799_999_999L, // 9999-12-31T23:59:59.999999Z
        253_402_300_800_000_000L, // 10000-01-01: the JDK path
        -62_135_596_800_000_001L // before year 1: the JDK path
      })
  void examples(long micros) {
    assertThat(Evidence.iso(micros)).isEqualTo(jdk(micros));
  }

  @Property(tries = 20_000)
  void anyTime(
      @ForAll @LongRange(min = -70_000_000_000_000_000L, max = 260_000_000_000_000_000L)
          long micros) {
    assertThat(Evidence.iso(micros)).isEqualTo(jdk(micros));
  }

  private static String jdk(long micros) {
    return Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000)
        .toString();
  }
}
