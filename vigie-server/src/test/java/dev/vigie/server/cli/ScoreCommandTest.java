package dev.vigie.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code vigie score} over the labelled lab set prints the table of docs/detection.md. */
class ScoreCommandTest {
  @Test
  void scoresTheLabelledLabSet() {
    Cli r = Cli.run("score", "../testdata/labels.yaml", "--only", "wire");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("precision")
        .contains("recall")
        .contains("NAB score")
        .contains("ENUMERATION");
    String nab = r.out().lines().filter(l -> l.startsWith("NAB score")).findFirst().orElseThrow();
    double score = Double.parseDouble(nab.replaceAll("^NAB score [^:]*: ([0-9.]+).*$", "$1"));
    assertThat(score).as(nab).isGreaterThan(90);
  }

  @Test
  void missingLabelsFileIsExit2() {
    Cli r = Cli.run("score", "nope.yaml");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nope.yaml");
  }
}
