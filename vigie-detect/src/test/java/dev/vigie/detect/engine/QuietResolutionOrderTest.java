package dev.vigie.detect.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.AlertListener;
import dev.vigie.detect.Severity;
import dev.vigie.detect.rule.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A SERVICE_DEGRADED episode closed by silence gets its last evidence in one fixed order, so that
 * {@code analyze --format json} prints the same bytes on every run (it used {@code Map.of}, whose
 * iteration order changes from one JVM to the next).
 */
class QuietResolutionOrderTest {
  @Test
  void quietCloseAddsDegradedSecondsThenClosedQuiet() {
    List<Alert> resolved = new ArrayList<>();
    AlertListener listener = AlertListener.of(a -> {}, resolved::add);
    Episodes e = new Episodes(listener, 120, 100);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("signal", "NO_RESPONSE");
    Finding f =
        new Finding(AlertKind.SERVICE_DEGRADED, Severity.WARNING, 10, "not answering", evidence);
    long t = 1_700_000_000_000_000L;
    e.offer(f, null, "trunk-carrier", t, t + 30_000_000L, t + 30_000_000L);
    e.closeQuiet(1_700_000_000L + 30 + 121);
    assertThat(resolved).hasSize(1);
    assertThat(List.copyOf(resolved.get(0).evidence().keySet()))
        .containsExactly("signal", "degradedSeconds", "closedQuiet");
    assertThat(resolved.get(0).evidence().get("degradedSeconds")).isEqualTo(30L);
  }
}
