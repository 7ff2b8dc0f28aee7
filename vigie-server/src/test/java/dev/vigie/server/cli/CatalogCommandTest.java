package dev.vigie.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigie catalog check} and {@code GET /api/v1/catalog/analysis} on the seed's platform. */
class CatalogCommandTest {
  static final Path SEED = Path.of("../examples/seed-platform.yaml");
  static final Path FIXED = Path.of("../examples/seed-platform-fixed.yaml");
  @TempDir Path tmp;

  @Test
  void theSeedCouplingIsFoundFirst() throws Exception {
    Cli r = Cli.run("catalog", "check", SEED.toString(), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode first = Json.mapper().readTree(r.out()).get("findings").get(0);
    assertThat(first.get("kind").asText()).isEqualTo("SUPPORT_COUPLED");
    assertThat(first.toString()).contains("vinfra");
  }

  @Test
  void theFixedPlatformHasNoSupportCoupling() throws Exception {
    Cli r = Cli.run("catalog", "check", FIXED.toString(), "--format", "json");
    assertThat(r.exit()).isZero();
    assertThat(Json.mapper().readTree(r.out()).get("findings").toString())
        .doesNotContain("SUPPORT_COUPLED");
  }

  @Test
  void textReportInFrench() {
    Cli r = Cli.run("catalog", "check", SEED.toString(), "--lang", "fr");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("SUPPORT_COUPLED").contains("fournisseur");
  }

  @Test
  void invalidCatalogueIsExit2WithEveryProblem() throws Exception {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, "services:\n  - id: x\n    dependsOn: [{allOf: [nope]}]\n  - id: x\n");
    Cli r = Cli.run("catalog", "check", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown component 'nope'").contains("bad.yaml");
  }

  @Test
  void serveAnswersTheAnalysisOfItsConfiguration() throws Exception {
    try (ServerFixture s = ServerFixture.start(tmp, Files.readString(SEED))) {
      var resp = s.http().get("/api/v1/catalog/analysis");
      assertThat(resp.statusCode()).isEqualTo(200);
      JsonNode j = Json.mapper().readTree(resp.body());
      assertThat(j.get("findings").get(0).get("kind").asText()).isEqualTo("SUPPORT_COUPLED");
      var impact = s.http().get("/api/v1/catalog/impact?component=vinfra");
      assertThat(impact.statusCode()).isEqualTo(200);
      assertThat(impact.body()).contains("clients");
      assertThat(s.http().get("/api/v1/catalog/impact?component=nope").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void serveWithoutCatalogueSaysSo() throws Exception {
    try (ServerFixture s = ServerFixture.start(tmp, "")) {
      var resp = s.http().get("/api/v1/catalog/analysis");
      assertThat(resp.statusCode()).isEqualTo(404);
      assertThat(resp.body()).contains("no catalogue configured");
    }
  }
}
