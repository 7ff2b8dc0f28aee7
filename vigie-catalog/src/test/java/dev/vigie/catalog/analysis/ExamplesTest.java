package dev.vigie.catalog.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.CatalogException;
import dev.vigie.catalog.Machine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalogues of {@code examples/}: the seed platform shows the coupling of incident
 * IG-2024-09-23-001 (support number and all services on one provider); the fixed variant, with a
 * backup number on another carrier and platform, no longer does.
 */
class ExamplesTest {
  static final Path EXAMPLES = Path.of("..", "examples");

  static Catalog example(String name) throws CatalogException {
    Path file = EXAMPLES.resolve(name);
    assertThat(file).as("example catalogue %s (tests run from the module folder)", file).exists();
    return Catalog.load(file);
  }

  @Test
  void seedPlatformFindsTheSeedCoupling() throws CatalogException {
    CatalogAnalysis analysis = CatalogAnalysis.analyse(example("seed-platform.yaml"));
    Finding top = analysis.findings().get(0);
    assertThat(top.kind()).isEqualTo(FindingKind.SUPPORT_COUPLED);
    assertThat(top.components()).containsExactly("vinfra");
    assertThat(top.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(top.targets())
        .contains("line:support", "voip-acme", "voip-boulangerie", "voip-cabinet", "voip-mairie");
    assertThat(top.clients()).containsExactly("acme", "boulangerie", "cabinet-medical", "mairie");
    assertThat(top.score()).isEqualTo(4 * 3);
    assertThat(top.explanationFr()).contains("dépend d'un seul et même composant");
    assertThat(top.explanationEn()).contains("one and the same component");
    assertThat(analysis.findings(FindingKind.NO_BACKUP_NUMBER))
        .singleElement()
        .satisfies(
            f -> assertThat(f.components()).containsExactly("support-main", "support-sda-2"));
    // the "redundant" SBCs and name servers share the virtual infrastructure
    assertThat(analysis.findings(FindingKind.COMMON_CAUSE))
        .extracting(f -> f.group() + " <- " + f.components().get(0))
        .contains(
            "services[sip-edge].dependsOn[0] <- vinfra", "services[dns].dependsOn[1] <- vinfra");
    assertThat(analysis.target("line:support").orElseThrow().singlePointsOfFailure())
        .contains("vinfra", "carrier-sip", "support-3cx");
  }

  @Test
  void fixedSeedPlatformHasAnIndependentBackupNumber() throws CatalogException {
    CatalogAnalysis analysis = CatalogAnalysis.analyse(example("seed-platform-fixed.yaml"));
    assertThat(analysis.findings())
        .extracting(Finding::kind)
        .doesNotContain(
            FindingKind.SUPPORT_COUPLED,
            FindingKind.NO_BACKUP_NUMBER,
            FindingKind.BACKUP_SHARES_CARRIER,
            FindingKind.BACKUP_SHARES_PLATFORM);
    assertThat(analysis.target("line:support").orElseThrow().singlePointsOfFailure()).isEmpty();
    // the platform's own dependence on vinfra is still there, and still said
    assertThat(analysis.findings().get(0).components()).containsExactly("vinfra");
    assertThat(analysis.findings().get(0).kind()).isEqualTo(FindingKind.SINGLE_POINT_OF_FAILURE);
  }

  @Test
  void demoCatalogueShowsACommonCauseAndABackupOnTheSamePlatform() throws CatalogException {
    CatalogAnalysis analysis = CatalogAnalysis.analyse(example("demo-catalog.yaml"));
    assertThat(analysis.findings(FindingKind.COMMON_CAUSE))
        .singleElement()
        .satisfies(f -> assertThat(f.components()).containsExactly("cloud-a"));
    assertThat(analysis.findings(FindingKind.BACKUP_SHARES_PLATFORM))
        .singleElement()
        .satisfies(f -> assertThat(f.components()).containsExactly("voip"));
    assertThat(analysis.findings(FindingKind.BACKUP_SHARES_CARRIER)).isEmpty();
  }

  @Test
  void seedPlatformIsAlsoTheDetectorInventory() throws CatalogException {
    Catalog catalog = example("seed-platform.yaml");
    Machine pbx =
        catalog.machines().stream()
            .filter(m -> m.id().equals("pbx-acme"))
            .findFirst()
            .orElseThrow();
    assertThat(pbx.addresses()).containsExactly("10.0.1.15", "2001:db8:1::15");
    assertThat(pbx.client()).isEqualTo("acme");
    assertThat(pbx.attributes())
        .containsEntry(
            "thresholds", Map.of("requestsPerSecond", Map.of("warning", 50, "critical", 200)));
    assertThat(catalog.protectedAddresses()).containsExactly("203.0.113.0/24");
  }

  @Test
  void incidentsNameServicesByIdOrByName() throws CatalogException {
    Catalog catalog = example("seed-platform.yaml");
    assertThat(catalog.resolve("voip-acme")).map(c -> c.id()).contains("voip-acme");
    assertThat(catalog.resolve("téléphonie ip 3cx – acme transports"))
        .map(c -> c.id())
        .contains("voip-acme");
    assertThat(catalog.resolve("Téléphonie")).isEmpty();
    assertThat(catalog.findClient("acme")).map(c -> c.name()).contains("Acme Transports");
    assertThat(catalog.findClient(" boulangerie du gard "))
        .map(c -> c.id())
        .contains("boulangerie");
    assertThat(catalog.findClient("Acme")).isEmpty();
    // an alert on one SBC of the redundant pair affects nobody; on a client PBX, that client
    assertThat(CatalogAnalysis.impact(catalog, List.of("sbc-1")).clients()).isEmpty();
    assertThat(CatalogAnalysis.impact(catalog, List.of("pbx-acme")).clients())
        .containsExactly("acme");
    Impact impact =
        CatalogAnalysis.impact(
            catalog, List.of(catalog.resolve("Standard du support (3CX)").orElseThrow().id()));
    assertThat(impact.linesDown()).containsExactly("support");
    assertThat(impact.clients()).isEmpty();
  }

  @Test
  void everyExampleLoadsAndRendersInBothLanguages() throws Exception {
    List<Path> files;
    try (var list = Files.list(EXAMPLES)) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(3);
    for (Path file : files) {
      CatalogAnalysis analysis = CatalogAnalysis.analyse(Catalog.load(file));
      assertThat(TextReport.render(analysis, "en")).startsWith("Catalogue: ");
      assertThat(TextReport.render(analysis, "fr")).startsWith("Catalogue : ");
    }
  }
}
