package dev.vigie.catalog.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.CatalogException;
import dev.vigie.catalog.Contact;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who is affected when components fail: redundancy-aware, machines count for their client. */
class ImpactTest {
  static Catalog catalog() throws CatalogException {
    // BASE plus a client's own machine on cloud-2 and a support line with an independent backup
    return Catalog.parse(
        FindingRulesTest.BASE.replace(
                "  - {id: pbx-3, hosting: cloud-1}\n",
                "  - {id: pbx-3, hosting: cloud-1}\n  - {id: own-pbx, hosting: cloud-2, client:"
                    + " c3}\n")
            + """
            numbers:
              - {id: n1, carrier: op-a, platform: hotline}
              - {id: n2, role: backup, carrier: op-b, platform: oncall}
            """);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # rule                                     | failed          | services down                   | clients      | lines down
          one of two redundant PBXs: nothing down    | pbx-2           |                                 |              |
          both PBXs of voip                          | pbx-1 pbx-2     | voip hotline                    | c1 c2        |
          shared hosting: voip-shared and hotline    | cloud-1         | voip-shared hotline             | c2 c3        |
          a client's own machine names its client    | own-pbx         |                                 | c3           |
          hosting of a client machine and a PBX      | cloud-2         |                                 | c3           |
          main number's platform: backup still there | hotline         | hotline                         |              |
          both carriers: the line is cut off         | op-a op-b       | oncall                          |              | support
          """)
  void impact(String rule, String failed, String services, String clients, String lines)
      throws CatalogException {
    Impact impact = CatalogAnalysis.impact(catalog(), CutSetTableTest.words(failed));
    assertThat(impact.servicesDown())
        .as(rule)
        .containsExactlyElementsOf(CutSetTableTest.words(services));
    assertThat(impact.clients()).as(rule).containsExactlyElementsOf(CutSetTableTest.words(clients));
    assertThat(impact.linesDown()).as(rule).containsExactlyElementsOf(CutSetTableTest.words(lines));
    assertThat(impact.failed())
        .as(rule)
        .containsExactlyInAnyOrderElementsOf(CutSetTableTest.words(failed));
  }

  @Test
  void unknownComponentIsNamed() throws CatalogException {
    Catalog catalog = catalog();
    assertThatThrownBy(() -> CatalogAnalysis.impact(catalog, List.of("pbx-9")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown component 'pbx-9'");
  }

  @Test
  void notificationsGoToTheAffectedClientsContactsOnly() throws CatalogException {
    Catalog catalog =
        Catalog.parse(
            """
            providers: [{id: cloud}]
            machines: [{id: pbx-a, hosting: cloud, client: a}, {id: pbx-b, client: b}]
            services: [{id: voip-a, dependsOn: [pbx-a]}, {id: voip-b, dependsOn: [pbx-b]}]
            clients:
              - {id: a, services: [voip-a], contacts: [{name: Ann, email: ann@a.example}]}
              - {id: b, services: [voip-b], contacts: [{name: Bob, email: bob@b.example, language: en}]}
            """);
    Impact impact = CatalogAnalysis.impact(catalog, List.of("cloud"));
    assertThat(impact.clients()).containsExactly("a");
    assertThat(catalog.contactsOf(impact.clients()))
        .containsExactly(new Contact("Ann", "ann@a.example", null, null, "fr"));
  }
}
