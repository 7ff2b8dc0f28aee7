package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.analysis.CatalogAnalysis;
import dev.vigie.server.ServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue page for a manager, on the seed-like platform: findings grouped by root cause (one
 * row per set of components at fault), the top five first and the rest behind "show all".
 */
class CatalogFindingsPageTest {
  private static final Path SEED = Path.of("../examples/seed-platform.yaml");
  @TempDir Path dir;

  @Test
  void findingsAreGroupedByCauseTopFiveFirst() throws Exception {
    CatalogAnalysis analysis = CatalogAnalysis.analyse(Catalog.parse(Files.readString(SEED)));
    int findings = analysis.findings().size();
    var groups = FindingGroups.of(analysis.findings());
    assertThat(groups.size()).as("fewer causes than findings").isLessThan(findings);
    // every finding belongs to exactly one cause
    assertThat(groups.stream().mapToInt(FindingGroups::findings).sum()).isEqualTo(findings);

    try (ServerFixture s = ServerFixture.start(dir, Files.readString(SEED))) {
      ConsoleClient c = new ConsoleClient("http://127.0.0.1:" + s.server().httpPort());
      String password = Files.readString(dir.resolve("data/admin-password.txt")).strip();
      assertThat(c.signIn("admin", password).statusCode()).isEqualTo(302);
      String page = c.get("/console/catalog").body();
      assertThat(page).contains(findings + " constats regroupés en " + groups.size() + " causes");
      String top =
          page.substring(
              0, page.contains("more-findings") ? page.indexOf("more-findings") : page.length());
      assertThat(count(top, "<tr class=\"finding\">")).isEqualTo(Math.min(5, groups.size()));
      assertThat(count(page, "<tr class=\"finding\">")).isEqualTo(groups.size());
      if (groups.size() > 5) assertThat(page).contains("Afficher les " + groups.size() + " causes");
      assertThat(page).doesNotContain(">CRITICAL<").doesNotContain(">WARNING<");
      // every node of the graph opens that component's impact
      var impact =
          analysis.impacts().stream().filter(i -> !i.servicesDown().isEmpty()).findFirst().get();
      assertThat(page)
          .contains("href=\"/console/catalog?component=" + impact.component() + "#impact\"");
      String one = c.get("/console/catalog?component=" + impact.component()).body();
      assertThat(one).contains("Si " + impact.component() + " tombe");
      for (String svc : impact.servicesDown()) assertThat(one).contains(svc);
    }
  }

  private static int count(String s, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
    int n = 0;
    while (m.find()) n++;
    return n;
  }
}
