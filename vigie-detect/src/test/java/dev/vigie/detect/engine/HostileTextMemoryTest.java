package dev.vigie.detect.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.Scenarios;
import dev.vigie.detect.Sip;
import dev.vigie.detect.threshold.Thresholds;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a caller writes cannot buy memory: 6,000 calls abroad that never end, each with a 16 KB
 * Call-ID and a 16 KB From user of its own (headers may be 64 KB). Kept as written, the calls in
 * progress held 96 MB of Call-IDs and the 4,096 extension slots 128 MB of names and keys: more than
 * the module's 256 MB heap allows with the rest. The engine keeps a digest of a long Call-ID and
 * the first 64 characters of an extension, and the fraud is still reported.
 */
class HostileTextMemoryTest {
  static final int CALLS = 6_000;
  static final String CALLER = "198.51.100.60";

  @Test
  void longCallIdsAndExtensionNamesAreNotKeptAsWritten() {
    assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(256L << 20);
    List<Alert> notified = new ArrayList<>();
    DetectionEngine engine =
        new DetectionEngine(Scenarios.inventory(), Thresholds.defaults(), notified::add);
    String pad = "x".repeat(16_000);
    for (int i = 0; i < CALLS; i++) {
      long micros = Scenarios.T0 + i * 50_000L; // 20 calls a second
      String number = "+4420" + (7_000_000 + i);
      engine.onSip(
          Sip.request(
              micros,
              CALLER,
              5060,
              Scenarios.PROXY,
              5060,
              "INVITE",
              number,
              pad + i, // distinct names, alike in their first 64 characters
              number,
              "c" + i + pad,
              1,
              null,
              null,
              false));
    }
    engine.finish();
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf("hostile text: %d calls, heap after GC %d MB%n", CALLS, used >> 20);
    assertThat(used).isLessThan(64L << 20);
    List<Alert> toll =
        engine.alerts().stream().filter(a -> a.kind() == AlertKind.TOLL_FRAUD).toList();
    assertThat(toll).isNotEmpty().allSatisfy(a -> assertThat(a.source()).isEqualTo(CALLER));
    assertThat(toll)
        .allSatisfy(a -> {
          String ext = (String) a.evidence().get("extension");
          assertThat(ext).hasSize(Calls.MAX_EXTENSION).endsWith("…");
        });
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String ext = "a".repeat(Calls.MAX_EXTENSION - 2) + "\uD83D\uDE00" + "bbb"; // an emoji at 62-63
    String cut = Calls.capped(ext);
    assertThat(cut).hasSize(Calls.MAX_EXTENSION - 1).endsWith("a…");
    assertThat(Calls.capped("1004")).isEqualTo("1004");
    assertThat(Calls.capped(null)).isNull();
  }
}
