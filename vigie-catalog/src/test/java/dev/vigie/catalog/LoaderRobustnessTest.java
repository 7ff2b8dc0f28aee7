package dev.vigie.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Whatever the text, loading either succeeds or fails with a {@link CatalogException} whose every
 * message is one line: never another exception, never a Jackson trace. Inputs are random sequences
 * of YAML fragments and catalogue keywords, so that most reach the validator.
 */
class LoaderRobustnessTest {
  static final List<String> TOKENS =
      List.of(
          "providers:",
          "sites:",
          "machines:",
          "services:",
          "numbers:",
          "clients:",
          "protected:",
          "\n",
          "\n  ",
          "\n    ",
          "- ",
          "id: ",
          "a",
          "b",
          "pbx-1",
          "dependsOn: ",
          "anyOf: ",
          "allOf: ",
          "[",
          "]",
          "{",
          "}",
          ", ",
          ": ",
          "critical: ",
          "true",
          "maybe",
          "role: ",
          "sbc",
          "kind: ",
          "carrier: ",
          "platform: ",
          "contacts: ",
          "email: ",
          "x@y.z",
          "'",
          "\"",
          "#",
          "&anchor ",
          "*anchor",
          "!!binary ",
          "~",
          "null",
          "42",
          "-1.5e3",
          "\t",
          "é",
          "|",
          ">",
          "? ",
          "---\n",
          "...\n",
          "%YAML 1.2\n");

  @Property(tries = 600)
  void anyTextLoadsOrFailsWithOneLineErrors(@ForAll long seed) {
    Random rnd = new Random(seed);
    StringBuilder yaml = new StringBuilder();
    int length = 1 + rnd.nextInt(60);
    for (int i = 0; i < length; i++) {
      yaml.append(TOKENS.get(rnd.nextInt(TOKENS.size())));
    }
    try {
      Catalog.parse(yaml.toString());
    } catch (CatalogException e) {
      assertThat(e.errors()).isNotEmpty();
      assertThat(e.messages()).allSatisfy(m -> assertThat(m).doesNotContain("\n"));
      assertThat(e.getMessage()).doesNotContain("com.fasterxml").doesNotContain("Exception");
    }
  }
}
