package dev.vigie.detect.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.Scenarios;
import dev.vigie.detect.Severity;
import dev.vigie.detect.Sip;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The memory proof: one million spoofed source addresses (one INVITE each) mixed with five heavy
 * sources, at 10,000 requests/s towards the proxy. Runs in a JVM capped at 256 MB of heap (the
 * module's surefire argLine), so unbounded state would fail with OutOfMemoryError; it also checks
 * the retained heap after a GC and that the heavy sources are still the ones reported.
 */
class SpoofedFloodMemoryTest {
  static final int SPOOFED = 1_000_000;
  static final List<String> HEAVY =
      List.of("198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4", "198.51.100.5");

  @Test
  void aMillionSpoofedSourcesStayWithinTheBudgetAndTheTopOffendersAreReported() {
    assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(256L << 20);
    List<Alert> notified = new ArrayList<>();
    DetectionEngine engine =
        new DetectionEngine(Scenarios.inventory(), Thresholds.defaults(), notified::add);
    SipEvent template =
        Sip.request(
            Scenarios.T0,
            "192.0.2.1",
            5060,
            Scenarios.PROXY,
            5060,
            "INVITE",
            "2000",
            "sipp",
            "2000",
            "spoof",
            1,
            "SIPp",
            null,
            false);
    IpAddress proxy = IpAddress.parse(Scenarios.PROXY);
    List<IpAddress> heavy = HEAVY.stream().map(IpAddress::parse).toList();
    java.util.Random random = new java.util.Random(42);
    var threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    int heavySent = 0;
    for (int i = 0; i < SPOOFED; i++) {
      long micros = Scenarios.T0 + i * 100L; // 10,000 requests/s
      IpAddress spoofed = IpAddress.v4(0x0B000000L + random.nextInt(1 << 24)); // 11.0.0.0/8, random
      engine.onSip(copy(template, micros, spoofed, proxy));
      if (i % 25 == 0) { // each heavy source: 80 requests/s, 20,000 in all
        engine.onSip(copy(template, micros + 1, heavy.get((i / 25) % heavy.size()), proxy));
        heavySent++;
      }
      if (i % 100_000 == 0) assertThat(engine.trackedSources()).isLessThanOrEqualTo(16_384);
    }
    engine.finish();
    double seconds =
        (threads.getCurrentThreadCpuTime() - start) / 1e9; // CPU time: the machine is shared
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf(
        "spoofed flood: %d events in %.1f s of CPU, %d sources tracked, heap after GC %d MB, top %s%n",
        SPOOFED + heavySent, seconds, engine.trackedSources(), used >> 20, engine.topSources(6));
    assertThat(engine.trackedSources()).isLessThanOrEqualTo(16_384);
    assertThat(used).isLessThan(200L << 20);
    assertThat(engine.topSources(5).keySet()).containsExactlyInAnyOrderElementsOf(HEAVY);
    // the flood towards the proxy is one critical episode naming the heavy sources
    Alert flood =
        engine.alerts().stream()
            .filter(a ->
                a.kind() == AlertKind.FLOOD && "proxy".equals(a.machine()) && a.source() == null)
            .findFirst()
            .orElseThrow();
    assertThat(flood.severity()).isEqualTo(Severity.CRITICAL);
    @SuppressWarnings("unchecked")
    List<String> top = (List<String>) flood.evidence().get("topSources");
    assertThat(top.stream().map(s -> s.substring(0, s.indexOf(' '))).collect(Collectors.toSet()))
        .isSubsetOf(Set.copyOf(HEAVY))
        .isNotEmpty();
    // no alert names a spoofed one-packet address
    assertThat(engine.alerts())
        .allSatisfy(a -> assertThat(a.source() == null || HEAVY.contains(a.source())).isTrue());
    assertThat(seconds).isLessThan(30);
  }

  static SipEvent copy(SipEvent t, long micros, IpAddress src, IpAddress dst) {
    return new SipEvent(micros, src, 5060, dst, 5060, t.transport(), 0, t.sip());
  }
}
