package dev.vigie.detect.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link DistinctSketch#hashAscii} equals {@link DistinctSketch#hash(String)} of the decoded text.
 */
class HashAsciiTest {
  @Test
  void asciiBytesHashLikeTheirStringAndOthersAskForTheString() {
    for (String s : new String[] {"", "100", "0033612345678", "+44 20;phone-context=x", "a@b"}) {
      byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.UTF_8);
      assertThat(DistinctSketch.hashAscii(b, 2, 2 + s.length())).isEqualTo(DistinctSketch.hash(s));
    }
    byte[] utf8 = "é100".getBytes(StandardCharsets.UTF_8);
    assertThat(DistinctSketch.hashAscii(utf8, 0, utf8.length)).isEqualTo(DistinctSketch.NOT_ASCII);
  }
}
