package dev.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.probe.status.ComponentStatus;
import dev.vigie.probe.status.ComponentStatusListener;
import dev.vigie.probe.status.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scheduling on a test clock. The prober here is a scripted function (the real one is exercised
 * against Kamailio and SIPp elsewhere): these tests are about when probes run, not how.
 */
class ProbeSchedulerTest {
  static final Instant T0 = Instant.parse("2024-09-23T10:15:00Z");
  final TestClock clock = new TestClock(T0);
  final List<String> probed = new CopyOnWriteArrayList<>();
  final Map<String, Boolean> answering = new ConcurrentHashMap<>();

  final Prober scripted =
      t -> {
        probed.add(t.id());
        return answering.getOrDefault(t.id(), true)
            ? new ProbeResult.Up(clock.instant(), 200, Duration.ofMillis(2))
            : new ProbeResult.Failed(
                clock.instant(), FailureReason.TIMEOUT, "silent", 0, t.timeout());
      };

  static ProbeTarget target(String id, String component, int intervalSeconds) {
    return ProbeTarget.builder(id, "127.0.0.1")
        .component(component)
        .interval(Duration.ofSeconds(intervalSeconds))
        .timeout(Duration.ofSeconds(1))
        .downAfter(2)
        .upAfter(1)
        .build();
  }

  ProbeScheduler scheduler(ComponentStatusListener l, ProbeTarget... targets) {
    return new ProbeScheduler(List.of(targets), scripted, clock, l, Runnable::run, 10);
  }

  @Test
  void targetsRunAtTheirOwnIntervals() {
    try (ProbeScheduler s =
        scheduler(ComponentStatusListener.NONE, target("a", "c1", 10), target("b", "c2", 30))) {
      assertThat(s.runDue()).containsExactly("a", "b"); // everything at start
      assertThat(s.runDue()).isEmpty();
      assertThat(s.nextDue()).isEqualTo(T0.plusSeconds(10));
      clock.advance(Duration.ofSeconds(9));
      assertThat(s.runDue()).isEmpty();
      clock.advance(Duration.ofSeconds(1));
      assertThat(s.runDue()).containsExactly("a");
      clock.advance(Duration.ofSeconds(10));
      assertThat(s.runDue()).containsExactly("a");
      clock.advance(Duration.ofSeconds(10));
      assertThat(s.runDue()).containsExactly("a", "b");
      assertThat(probed).containsExactly("a", "b", "a", "a", "a", "b");
    }
  }

  @ParameterizedTest
  @CsvSource({
    // due, interval, now -> next slot (seconds from T0): missed slots are skipped, not caught up
    "0, 10, 0, 10",
    "0, 10, 3, 10",
    "0, 10, 10, 20",
    "0, 10, 95, 100",
    "20, 30, 21, 50"
  })
  void nextSlotIsFixedRate(long due, long interval, long now, long next) {
    assertThat(
            ProbeScheduler.nextSlot(
                T0.plusSeconds(due), Duration.ofSeconds(interval), T0.plusSeconds(now)))
        .isEqualTo(T0.plusSeconds(next));
  }

  @Test
  void aLateSchedulerDoesNotBurst() {
    try (ProbeScheduler s = scheduler(ComponentStatusListener.NONE, target("a", "c", 10))) {
      s.runDue();
      clock.advance(Duration.ofSeconds(95)); // nine slots missed
      assertThat(s.runDue()).containsExactly("a");
      assertThat(s.runDue()).isEmpty();
      assertThat(s.nextDue()).isEqualTo(T0.plusSeconds(100));
    }
  }

  @Test
  void aProbeStillRunningSkipsItsSlot() {
    List<Runnable> pending = new ArrayList<>();
    try (ProbeScheduler s =
        new ProbeScheduler(
            List.of(target("a", "c", 10)),
            scripted,
            clock,
            ComponentStatusListener.NONE,
            pending::add,
            10)) {
      assertThat(s.runDue()).containsExactly("a");
      clock.advance(Duration.ofSeconds(10));
      assertThat(s.runDue()).isEmpty(); // the first probe has not finished
      assertThat(s.skipped()).isEqualTo(1);
      pending.get(0).run();
      clock.advance(Duration.ofSeconds(10));
      assertThat(s.runDue()).containsExactly("a");
    }
  }

  @Test
  void transitionsReachTheListenerAndComponentsTakeTheWorstStatus() {
    RecordingListener l = new RecordingListener();
    try (ProbeScheduler s =
        scheduler(l, target("p-udp", "proxy", 10), target("p-tcp", "proxy", 10))) {
      s.runDue();
      assertThat(l.calls).containsExactly("up p-udp", "up p-tcp");
      answering.put("p-tcp", false);
      for (int i = 0; i < 2; i++) {
        clock.advance(Duration.ofSeconds(10));
        s.runDue();
      }
      assertThat(l.calls).containsExactly("up p-udp", "up p-tcp", "down p-tcp");
      StatusChange down = l.last();
      assertThat(down.at()).isEqualTo(T0.plusSeconds(20));
      assertThat(s.componentStatuses()).containsExactly(Map.entry("proxy", ComponentStatus.DOWN));
      assertThat(s.snapshots())
          .extracting(x -> x.status())
          .containsExactly(ComponentStatus.UP, ComponentStatus.DOWN);
    }
  }

  @Test
  void aFailingListenerDoesNotStopProbing() {
    ComponentStatusListener boom =
        new ComponentStatusListener() {
          @Override
          public void onUp(StatusChange c) {
            throw new IllegalStateException("listener bug");
          }
        };
    try (ProbeScheduler s = scheduler(boom, target("a", "c", 10))) {
      s.runDue();
      clock.advance(Duration.ofSeconds(10));
      s.runDue();
      assertThat(s.listenerErrors()).isEqualTo(1);
      assertThat(probed).hasSize(2);
      assertThat(s.snapshots().get(0).status()).isEqualTo(ComponentStatus.UP);
    }
  }

  @Test
  void checkAllCanBeLimitedToSomeComponents() {
    try (ProbeScheduler s =
        scheduler(
            ComponentStatusListener.NONE,
            target("trunk", "trunk-a", 10),
            target("p1", "proxy-acme", 10),
            target("p2", "proxy-other", 10))) {
      Checklist list = s.checkAll(t -> t.componentId().startsWith("proxy-"));

      assertThat(list.items()).extracting(i -> i.target().id()).containsExactly("p1", "p2");
      assertThat(probed).containsExactlyInAnyOrder("p1", "p2");
      assertThat(list.startedAt()).isEqualTo(T0);
    }
  }

  @Test
  void aThrowingProberGivesAFailedResult() {
    Prober broken =
        t -> {
          throw new IllegalStateException("bug");
        };
    try (ProbeScheduler s =
        new ProbeScheduler(
            List.of(target("a", "c", 10)),
            broken,
            clock,
            ComponentStatusListener.NONE,
            Runnable::run,
            10)) {
      s.runDue();
      assertThat(s.snapshots().get(0).last())
          .isInstanceOfSatisfying(
              ProbeResult.Failed.class,
              f -> {
                assertThat(f.reason()).isEqualTo(FailureReason.IO_ERROR);
                assertThat(f.detail()).contains("bug");
              });
      assertThat(s.checkAll().failed()).isEqualTo(1);
    }
  }

  @Test
  void duplicateIdsAreRefused() {
    assertThatThrownBy(() ->
            scheduler(ComponentStatusListener.NONE, target("a", "x", 10), target("a", "y", 10)))
        .isInstanceOf(ProbeConfigException.class)
        .hasMessageContaining("id: 'a' is used twice");
  }

  @Test
  void theLiveLoopProbesAtTheInterval() throws Exception {
    ProbeTarget fast =
        ProbeTarget.builder("fast", "127.0.0.1")
            .interval(Duration.ofSeconds(1))
            .timeout(Duration.ofMillis(500))
            .build();
    ProbeScheduler s =
        new ProbeScheduler(
            List.of(fast), scripted, InstantSource.system(), ComponentStatusListener.NONE);
    try (s) {
      s.start();
      long end = System.nanoTime() + 5_000_000_000L;
      while (probed.size() < 3 && System.nanoTime() < end) Thread.sleep(20);
      long t = System.nanoTime();
      assertThat(probed).hasSize(3); // at 0, 1 and 2 s
      Thread.sleep(300);
      assertThat(probed).hasSize(3);
      assertThat((t - (end - 5_000_000_000L)) / 1_000_000).isBetween(1900L, 2600L);
    }
  }
}
