package dev.vigie.catalog.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.CatalogException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which findings a small catalogue yields: kind, components, severity and score, per rule. */
class FindingRulesTest {
  /** Two carriers, two hostings, a PBX on each, the client service on either. */
  static final String BASE =
      """
      providers:
        - {id: op-a, kind: carrier}
        - {id: op-b, kind: carrier}
        - {id: cloud-1, kind: hosting}
        - {id: cloud-2, kind: hosting}
      machines:
        - {id: pbx-1, hosting: cloud-1}
        - {id: pbx-2, hosting: cloud-2}
        - {id: pbx-3, hosting: cloud-1}
      services:
        - {id: voip, critical: true, dependsOn: [{anyOf: [pbx-1, pbx-2]}]}
        - {id: voip-shared, critical: true, dependsOn: [{anyOf: [pbx-1, pbx-3]}]}
        - {id: hotline, critical: true, dependsOn: [pbx-1]}
        - {id: oncall, dependsOn: [op-b]}
      clients:
        - {id: c1, services: [voip], contacts: [{email: it@c1.example}]}
        - {id: c2, services: [voip, voip-shared], contacts: [{email: it@c2.example}]}
        - {id: c3, services: [voip-shared], contacts: [{phone: "+33 4 65 71 09 09"}]}
      """;

  /**
   * Rows with numbers list only the findings about the support line (those whose targets include
   * it); the first row lists everything, ranked by score, severity, components down, kind, id.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # rule                                  | numbers (YAML flow)                                                                                   | expected findings (KIND:components:SEVERITY:score), ranked
          no number: shared hosting, pairs, ranks |                                                                                                       | CUT_PAIR:cloud-1+cloud-2:WARNING:9 CUT_PAIR:cloud-1+pbx-2:WARNING:9 SINGLE_POINT_OF_FAILURE:cloud-1:CRITICAL:6 COMMON_CAUSE:cloud-1:CRITICAL:6 CUT_PAIR:cloud-2+pbx-1:WARNING:6 CUT_PAIR:pbx-1+pbx-2:WARNING:6 CUT_PAIR:pbx-1+pbx-3:WARNING:6 SINGLE_POINT_OF_FAILURE:pbx-1:CRITICAL:3
          one main number and no backup           | [{id: n1, carrier: op-a, platform: hotline}]                                                          | SUPPORT_COUPLED:cloud-1:CRITICAL:9 COMMON_CAUSE:cloud-1:CRITICAL:9 SINGLE_POINT_OF_FAILURE:pbx-1:CRITICAL:9 SINGLE_POINT_OF_FAILURE:hotline:CRITICAL:9 SINGLE_POINT_OF_FAILURE:op-a:CRITICAL:9 SINGLE_POINT_OF_FAILURE:n1:CRITICAL:9 NO_BACKUP_NUMBER:n1:CRITICAL:9 CUT_PAIR:cloud-1+cloud-2:WARNING:9 CUT_PAIR:cloud-1+pbx-2:WARNING:9 CUT_PAIR:cloud-2+pbx-1:WARNING:9 CUT_PAIR:pbx-1+pbx-2:WARNING:9 CUT_PAIR:pbx-1+pbx-3:WARNING:9
          backup on the same carrier              | [{id: n1, carrier: op-a, platform: hotline}, {id: n2, role: backup, carrier: op-a, platform: oncall}]  | SINGLE_POINT_OF_FAILURE:op-a:CRITICAL:9 BACKUP_SHARES_CARRIER:op-a:CRITICAL:9
          backup on the same platform             | [{id: n1, carrier: op-a, platform: hotline}, {id: n2, role: backup, carrier: op-b, platform: hotline}] | SUPPORT_COUPLED:cloud-1:CRITICAL:9 COMMON_CAUSE:cloud-1:CRITICAL:9 SINGLE_POINT_OF_FAILURE:pbx-1:CRITICAL:9 SINGLE_POINT_OF_FAILURE:hotline:CRITICAL:9 BACKUP_SHARES_PLATFORM:hotline:CRITICAL:9 CUT_PAIR:cloud-1+cloud-2:WARNING:9 CUT_PAIR:cloud-1+pbx-2:WARNING:9 CUT_PAIR:cloud-2+pbx-1:WARNING:9 CUT_PAIR:pbx-1+pbx-2:WARNING:9 CUT_PAIR:pbx-1+pbx-3:WARNING:9
          independent backup: the line is sound   | [{id: n1, carrier: op-a, platform: hotline}, {id: n2, role: backup, carrier: op-b, platform: oncall}]  |
          two independent mains, no backup        | [{id: n1, carrier: op-a, platform: hotline}, {id: n2, carrier: op-b, platform: oncall}]                | NO_BACKUP_NUMBER:n1+n2:WARNING:9
          """)
  void findings(String rule, String numbers, String expected) throws CatalogException {
    Catalog catalog = Catalog.parse(BASE + (numbers == null ? "" : "numbers: " + numbers));
    List<String> got =
        CatalogAnalysis.analyse(catalog).findings().stream()
            .filter(f -> numbers == null || f.targets().contains("line:support"))
            .map(f ->
                f.kind()
                    + ":"
                    + String.join("+", f.components())
                    + ":"
                    + f.severity()
                    + ":"
                    + f.score())
            .toList();
    assertThat(got).as(rule).containsExactlyElementsOf(CutSetTableTest.words(expected));
  }

  /** BASE plus a website on cloud-1, and a support line whose backup is published on it. */
  static Catalog withWebsite(String publishedOn) throws CatalogException {
    String oncall = "  - {id: oncall, dependsOn: [op-b]}\n";
    return Catalog.parse(
        BASE.replace(oncall, oncall + "  - {id: website, dependsOn: [cloud-1]}\n")
            + "numbers:\n"
            + "  - {id: n1, carrier: op-a, platform: hotline}\n"
            + "  - {id: n2, role: backup, carrier: op-b, platform: oncall, publishedOn: "
            + publishedOn
            + "}\n");
  }

  @Test
  void backupPublishedOnlyWhereTheMainsFailIsAFinding() throws CatalogException {
    List<Finding> found =
        CatalogAnalysis.analyse(withWebsite("[website]")).findings(FindingKind.BACKUP_UNPUBLISHED);
    // cloud-1 takes down hotline (so n1) and the website; n2 itself still works
    assertThat(found)
        .singleElement()
        .satisfies(f -> {
          assertThat(f.components()).containsExactly("cloud-1");
          assertThat(f.group()).isEqualTo("numbers[n2].publishedOn");
          assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
          assertThat(f.explanationEn())
              .startsWith("The number n2 is published only on the service website");
        });
    assertThat(
            CatalogAnalysis.analyse(withWebsite("[website, oncall]"))
                .findings(FindingKind.BACKUP_UNPUBLISHED))
        .isEmpty();
  }

  @Test
  void clientWithoutContactIsAWarning() throws CatalogException {
    Catalog catalog = Catalog.parse(BASE.replace(", contacts: [{email: it@c1.example}]", ""));
    assertThat(CatalogAnalysis.analyse(catalog).findings(FindingKind.CLIENT_WITHOUT_CONTACT))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.clients()).containsExactly("c1");
          assertThat(f.severity()).isEqualTo(Severity.WARNING);
          assertThat(f.explanationFr())
              .isEqualTo(
                  "Le client c1 n'a aucun contact : personne ne peut être prévenu d'une panne de ses"
                      + " services.");
        });
  }
}
