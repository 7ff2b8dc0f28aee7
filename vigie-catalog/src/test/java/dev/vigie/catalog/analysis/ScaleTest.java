package dev.vigie.catalog.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.CatalogException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A catalogue of the size the analysis is meant for (hundreds of components) analyses in well under
 * a second; the bound here is loose (shared CI machines), the measured time is printed.
 */
class ScaleTest {

  /** 20 providers, 10 sites, 400 machines, 150 services, 20 numbers, 60 clients. */
  static String platform(Random rnd) {
    StringBuilder y = new StringBuilder("providers:\n");
    for (int i = 0; i < 20; i++) {
      y.append("  - {id: p").append(i).append("}\n");
    }
    y.append("sites:\n");
    for (int i = 0; i < 10; i++) {
      y.append("  - {id: site").append(i).append(", provider: p").append(i).append("}\n");
    }
    y.append("machines:\n");
    for (int i = 0; i < 400; i++) {
      y.append("  - {id: m").append(i).append(", site: site").append(rnd.nextInt(10));
      y.append(", hosting: p").append(10 + rnd.nextInt(10)).append("}\n");
    }
    y.append("services:\n");
    for (int i = 0; i < 150; i++) {
      y.append("  - {id: s").append(i).append(", critical: ").append(i % 3 == 0);
      int m = rnd.nextInt(399);
      y.append(", dependsOn: [{anyOf: [m").append(m).append(", m").append(m + 1);
      y.append("]}, m").append(rnd.nextInt(400));
      if (i > 1) {
        int s = rnd.nextInt(i - 1);
        y.append(", {anyOf: [s").append(s).append(", s").append(s + 1).append("]}");
      }
      y.append("]}\n");
    }
    y.append("numbers:\n");
    for (int i = 0; i < 20; i++) {
      y.append("  - {id: n").append(i).append(", line: l").append(i % 5);
      y.append(", role: ").append(i < 10 ? "main" : "backup");
      y.append(", carrier: p").append(rnd.nextInt(20));
      y.append(", platform: s").append(rnd.nextInt(150)).append("}\n");
    }
    y.append("clients:\n");
    for (int i = 0; i < 60; i++) {
      y.append("  - {id: c").append(i).append(", services: [s").append(rnd.nextInt(150));
      y.append(", s").append(rnd.nextInt(150)).append("]}\n");
    }
    return y.toString();
  }

  @Test
  void sixHundredComponentsAnalyseQuickly() throws CatalogException {
    Catalog catalog = Catalog.parse(platform(new Random(42)));
    assertThat(catalog.size()).isEqualTo(600);
    CatalogAnalysis.analyse(catalog); // warm-up
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    CatalogAnalysis analysis = CatalogAnalysis.analyse(catalog);
    long cpuMillis = (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000;
    long wallMillis = (System.nanoTime() - wall) / 1_000_000;
    System.out.printf(
        "analysed %d components, %d findings in %d ms CPU (%d ms wall)%n",
        catalog.size(), analysis.findings().size(), cpuMillis, wallMillis);
    assertThat(analysis.impacts()).hasSize(600);
    assertThat(cpuMillis).isLessThan(5_000);
  }
}
