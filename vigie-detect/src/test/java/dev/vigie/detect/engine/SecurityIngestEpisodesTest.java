package dev.vigie.detect.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.detect.rule.Finding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 point 6: the episode sequence grew with every alerted source. Spoofed sources alerting
 * one after the other keep {@link Episodes} bounded, and no alert id is ever given twice (an id
 * given twice would be ignored by the alert store, which keeps the newest revision of an id).
 */
class SecurityIngestEpisodesTest {
  private static Finding scan() {
    return new Finding(AlertKind.SCAN, Severity.WARNING, 1, "scan", Map.of());
  }

  @Test
  void manyAlertedSourcesKeepEpisodesBoundedAndIdsUnique() {
    List<Alert> raised = new ArrayList<>();
    Episodes e = new Episodes(raised::add, 60, 100);
    long t = 1_700_000_000_000_000L;
    for (int i = 0; i < 5_000; i++) {
      String src = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
      e.offer(scan(), src, null, t, t, t + i * 1000L);
      // every 7th source comes back after its episode closed: a second episode of its key
      if (i % 7 == 0) {
        long later = t + (i + 120) * 1_000_000L;
        e.closeQuiet(later / 1_000_000L);
        e.offer(scan(), src, null, later, later, later);
      }
    }
    assertThat(e.kept()).isLessThanOrEqualTo(100);
    assertThat(e.rememberedKeys()).isLessThanOrEqualTo(400);
    Set<String> ids = new HashSet<>();
    for (Alert a : raised) assertThat(ids.add(a.id())).as("id given twice: " + a.id()).isTrue();
    assertThat(raised).hasSizeGreaterThan(5_000);
    // a forgotten key that alerts again continues above every number given so far
    long much = t + 10_000_000_000L;
    e.closeQuiet(much / 1_000_000L);
    e.offer(scan(), "10.0.0.0", null, much, much, much);
    Alert again = raised.getLast();
    assertThat(again.id()).startsWith("SCAN:10.0.0.0:-:");
    assertThat(ids).doesNotContain(again.id());
  }

  @Test
  void withNoSourceEverQuietTheOldestOpenEpisodesAreClosedAndDropped() {
    List<Alert> raised = new ArrayList<>();
    Episodes e = new Episodes(raised::add, 3600, 50);
    long t = 1_700_000_000_000_000L;
    for (int i = 0; i < 1_000; i++)
      e.offer(scan(), "10.1." + i / 250 + "." + i % 250, null, t, t, t);
    assertThat(e.kept()).isEqualTo(50);
    assertThat(e.openAlerts()).hasSize(50);
    assertThat(raised).hasSize(1_000);
  }
}
