package dev.vigie.catalog.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.CatalogException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text rendering and the wording of explanations, in both languages. */
class TextReportTest {
  static final String YAML =
      """
      providers: [{id: cloud, name: Cloud A, kind: hosting}, {id: op, kind: carrier}]
      machines: [{id: pbx-1, hosting: cloud}, {id: pbx-2, hosting: cloud}]
      services: [{id: voip, name: Téléphonie, critical: true, dependsOn: [{anyOf: [pbx-1, pbx-2]}]}]
      numbers: [{id: hotline, carrier: op, platform: voip}]
      clients: [{id: acme, name: Acme, services: [voip]}]
      """;

  @Test
  void explanationsNameTheComponentTheServicesAndTheClients() throws CatalogException {
    CatalogAnalysis analysis = CatalogAnalysis.analyse(Catalog.parse(YAML));
    Finding coupled = analysis.findings(FindingKind.SUPPORT_COUPLED).get(0);
    assertThat(coupled.components()).containsExactly("cloud");
    assertThat(coupled.explanationEn())
        .isEqualTo(
            "Access to the support line and to the critical services (the service Téléphonie"
                + " (voip)) depends on one and the same component, the provider Cloud A (cloud):"
                + " when it fails, 1 client loses the service and the number to report it. Add a"
                + " backup number on another carrier and another platform.");
    assertThat(coupled.explanationFr())
        .isEqualTo(
            "L'accès à la ligne support et aux services critiques (le service Téléphonie (voip))"
                + " dépend d'un seul et même composant, le fournisseur Cloud A (cloud) : en cas de"
                + " panne, 1 client perd le service et le numéro pour le signaler. Mettre en place"
                + " un numéro de secours sur un autre opérateur et une autre plateforme.");
    Finding common = analysis.findings(FindingKind.COMMON_CAUSE).get(0);
    assertThat(common.group()).isEqualTo("services[voip].dependsOn[0]");
    assertThat(common.explanationEn())
        .isEqualTo(
            "Redundancy defeated: the members of the group services[voip].dependsOn[0] (pbx-1,"
                + " pbx-2) all depend on the provider Cloud A (cloud), so its failure alone takes"
                + " the whole group down, and with it the service Téléphonie (voip). 1 client"
                + " affected: Acme.");
    assertThat(common.explanationFr())
        .isEqualTo(
            "Redondance illusoire : les membres du groupe services[voip].dependsOn[0] (pbx-1,"
                + " pbx-2) dépendent tous du fournisseur Cloud A (cloud), dont la panne seule fait"
                + " tomber tout le groupe, et avec lui le service Téléphonie (voip). 1 client"
                + " impacté : Acme.");
    Finding pair = analysis.findings(FindingKind.CUT_PAIR).get(0);
    assertThat(pair.explanationFr())
        .startsWith("La panne simultanée de la machine pbx-1 et de la machine pbx-2 fait tomber")
        .endsWith("1 client impacté : Acme.");
    assertThat(pair.explanation("en")).startsWith("The machine pbx-1 and the machine pbx-2");
  }

  @Test
  void textTableListsRankedFindingsAndTargets() throws CatalogException {
    String text = TextReport.render(CatalogAnalysis.analyse(Catalog.parse(YAML)), "en");
    List<String> lines = text.lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "Catalogue: 2 providers, 0 sites, 2 machines, 1 service (1 critical), 1 number, 1"
                + " client");
    assertThat(lines.get(3)).matches(" +# +SEVERITY +SCORE +KIND +COMPONENTS +CLIENTS");
    assertThat(lines.get(4)).matches(" +1 +CRITICAL +3 +SUPPORT_COUPLED +cloud +1");
    assertThat(lines).allMatch(l -> l.length() <= 100 || l.startsWith("  line:"), "width");
    assertThat(text)
        .contains("  voip                     single points: cloud; pairs: pbx-1+pbx-2");
  }

  @Test
  void wrapKeepsWordsWhole() {
    assertThat(TextReport.wrap("aaa bbb ccc dddddddddd e", 7))
        .containsExactly("aaa bbb", "ccc", "dddddddddd", "e");
  }
}
