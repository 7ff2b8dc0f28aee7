package dev.vigie.detect.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The defaults table of docs/detection.md is the {@link Threshold} enum. */
class DocsTest {
  @Test
  void defaultsTableMatchesTheCode() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "detection.md"));
    Matcher m =
        Pattern.compile("(?m)^\\| `([a-zA-Z]+)` \\| ([0-9.]+) \\| ([0-9.]+) \\|").matcher(doc);
    Map<String, Level> documented = new HashMap<>();
    while (m.find())
      documented.put(
          m.group(1), new Level(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))));
    Map<String, Level> code = new HashMap<>();
    for (Threshold t : Threshold.values()) code.put(t.key(), t.defaults());
    assertThat(documented).isEqualTo(code);
  }
}
