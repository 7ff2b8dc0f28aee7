package dev.vigie.catalog.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.CatalogException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Single points of failure and cut pairs of small AND/OR catalogues, one rule per row. */
class CutSetTableTest {
  /** Providers a..d, p, p1, p2, dc; site x run by dc; machines on shared or separate hosting. */
  static final String BASE =
      """
      providers:
        - {id: a}
        - {id: b}
        - {id: c}
        - {id: d}
        - {id: p}
        - {id: p1}
        - {id: p2}
        - {id: dc}
      sites:
        - {id: x, provider: dc}
      machines:
        - {id: m1, hosting: p}
        - {id: m2, hosting: p}
        - {id: m3, hosting: p1}
        - {id: m4, hosting: p2}
        - {id: m5, site: x}
        - {id: m6, site: x}
      """;

  static Catalog catalog(String services) throws CatalogException {
    return Catalog.parse(BASE + "services:\n" + services.indent(2));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # rule                             | services (YAML flow, target is s; pairs sorted by name)                                      | single points | pairs
          AND: each member alone             | - {id: s, critical: true, dependsOn: [a, b]}                            | a b           |
          OR: only the pair                  | - {id: s, critical: true, dependsOn: [{anyOf: [a, b]}]}                 |               | a+b
          OR of three: no pair at all        | - {id: s, critical: true, dependsOn: [{anyOf: [a, b, c]}]}              |               |
          AND of two ORs: cross pairs only   | - {id: s, critical: true, dependsOn: [{anyOf: [a, b]}, {anyOf: [c, d]}]} |              | a+b c+d
          nested allOf inside anyOf          | - {id: s, critical: true, dependsOn: [{anyOf: [{allOf: [a, b]}, c]}]}   |               | a+c b+c
          shared member of both branches     | - {id: s, critical: true, dependsOn: [{anyOf: [{allOf: [a, b]}, {allOf: [a, c]}]}]} | a  | b+c
          shared hosting defeats redundancy  | - {id: s, critical: true, dependsOn: [{anyOf: [m1, m2]}]}               | p             | m1+m2
          shared site and its operator       | - {id: s, critical: true, dependsOn: [{anyOf: [m5, m6]}]}               | x dc          | m5+m6
          separate hosting: four pairs       | - {id: s, critical: true, dependsOn: [{anyOf: [m3, m4]}]}               |               | m3+m4 m3+p2 m4+p1 p1+p2
          transitive through a service       | - {id: t, dependsOn: [{anyOf: [a, b]}]}\\n- {id: s, critical: true, dependsOn: [t, c]} | t c | a+b
          anyOf member that is redundant too | - {id: s, critical: true, dependsOn: [{anyOf: [a, {anyOf: [b, c]}]}]}   |               |
          no dependency: only itself         | - {id: s, critical: true}                                               |               |
          """)
  void cutSets(String rule, String services, String singles, String pairs) throws CatalogException {
    Catalog catalog = catalog(services.replace("\\n", "\n"));
    TargetAnalysis target = CatalogAnalysis.analyse(catalog).target("s").orElseThrow();
    assertThat(target.singlePointsOfFailure())
        .as(rule)
        .containsExactlyInAnyOrderElementsOf(words(singles));
    assertThat(
            target.cutPairs().stream()
                .map(p -> String.join("+", p.stream().sorted().toList()))
                .toList())
        .as(rule)
        .containsExactlyInAnyOrderElementsOf(words(pairs));
  }

  static List<String> words(String s) {
    return s == null ? List.of() : Arrays.asList(s.trim().split("\\s+"));
  }
}
