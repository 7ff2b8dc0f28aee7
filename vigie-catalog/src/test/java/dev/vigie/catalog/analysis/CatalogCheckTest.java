package dev.vigie.catalog.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code vigie catalog check}: exit status, output on the right stream, errors named. */
class CatalogCheckTest {
  @TempDir Path dir;

  record Run(int status, String out, String err) {}

  static Run check(Path file, String format, String language) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        CatalogCheck.run(
            file,
            format,
            language,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void validCatalogueIsAnalysedInTextOrJson() {
    Path seed = ExamplesTest.EXAMPLES.resolve("seed-platform.yaml");
    Run text = check(seed, "text", "fr");
    assertThat(text.status()).isZero();
    assertThat(text.err()).isEmpty();
    assertThat(text.out()).startsWith("Catalogue : ").contains("SUPPORT_COUPLED");
    Run json = check(seed, "json", "en");
    assertThat(json.status()).isZero();
    assertThat(json.out()).startsWith("{").contains("\"kind\" : \"SUPPORT_COUPLED\"");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # case                 | file content (null: none)          | expected on stderr
          missing file         |                                    | missing.yaml: 1 error\\n  no such file
          not UTF-8            | \\u00ff-latin1                      | not UTF-8 text
          invalid catalogue    | services: [{id: a, dependsOn: [b]}] | 1 error\\n  services[a].dependsOn[0]: unknown component 'b'
          """)
  void invalidInputExitsWithStatusTwoAndNamesTheProblem(String name, String content, String error)
      throws Exception {
    Path file = dir.resolve("missing.yaml");
    if (content != null) {
      file = dir.resolve("catalog.yaml");
      byte[] bytes =
          content.startsWith("\\u00ff")
              ? new byte[] {(byte) 0xff, 'a', ':', ' ', 'b'}
              : content.getBytes(StandardCharsets.UTF_8);
      Files.write(file, bytes);
    }
    Run run = check(file, "text", "en");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains(error.replace("\\n", System.lineSeparator()));
  }

  @Test
  void directoryAndUnknownFormatAreNamed() {
    assertThat(check(dir, "text", "en").err()).contains("is a directory, not a file");
    Run run = check(dir, "xml", "en");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("unknown format 'xml' (expected text or json)");
  }
}
