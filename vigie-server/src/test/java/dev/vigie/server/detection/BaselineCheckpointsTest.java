package dev.vigie.server.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.InventoryParser;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.storage.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What detection learnt of each machine outlives the process: saved to the database, given back to
 * the next engine whole; never replaced by a state that learnt less; a damaged row only sends its
 * machine back to warm-up. And through a whole {@code vigie serve} stopped and started again.
 */
class BaselineCheckpointsTest {
  static final Instant T0 = Instant.parse("2026-09-21T08:00:00Z");
  static final String PBX = "pbx-a";
  static final Inventory INVENTORY =
      InventoryParser.parse(
          Map.of(
              "machines",
              List.of(
                  Map.of("id", PBX, "addresses", List.of("10.0.1.15"), "role", "pbx"),
                  Map.of("id", "proxy", "addresses", List.of("10.0.0.1"), "role", "proxy"))));

  @TempDir Path dir;

  /** An engine that has run {@code seconds} of the clock (silence is learnt too). */
  private static DetectionEngine engine(long seconds) {
    DetectionEngine e = new DetectionEngine(INVENTORY, Thresholds.defaults(), a -> {});
    e.tick(T0);
    e.tick(T0.plusSeconds(seconds));
    return e;
  }

  private static BaselineCheckpoints checkpoints(Database db, DetectionEngine e) {
    return new BaselineCheckpoints(db.jdbi(), e, List.of(PBX, "proxy"), () -> T0);
  }

  @Test
  void savedThenGivenBackWholeAndNeverReplacedByLess() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL";
    try (Database db = Database.open(url, "", "")) {
      DetectionEngine learnt = engine(7200);
      long n = learnt.baselineObservations(PBX);
      assertThat(n).isGreaterThanOrEqualTo(3600);
      assertThat(checkpoints(db, learnt).checkpoint()).isEqualTo(2);

      DetectionEngine next = engine(0);
      assertThat(next.baselineObservations(PBX)).isZero();
      assertThat(checkpoints(db, next).restore()).isEqualTo(2);
      assertThat(next.baselineState(PBX)).isDeepEqualTo(learnt.baselineState(PBX));
      assertThat(next.baselineObservations(PBX)).isEqualTo(n);

      // a process that learnt less (a standby, a fresh start without the rows) writes nothing
      assertThat(checkpoints(db, engine(30)).checkpoint()).isZero();
      DetectionEngine again = engine(0);
      checkpoints(db, again).restore();
      assertThat(again.baselineObservations(PBX)).isEqualTo(n);

      // a damaged row: that machine warms up again, the other gets its baselines back
      db.jdbi()
          .useHandle(h ->
              h.createUpdate("UPDATE machine_baseline SET state = :s WHERE machine_id = :id")
                  .bind("s", new byte[] {0, 0, 0, 5, 1, 2})
                  .bind("id", PBX)
                  .execute());
      DetectionEngine damaged = engine(0);
      assertThat(checkpoints(db, damaged).restore()).isEqualTo(1);
      assertThat(damaged.baselineObservations(PBX)).isZero();
      assertThat(damaged.baselineObservations("proxy")).isEqualTo(n);
    }
  }

  /**
   * {@code vigie serve} learns two hours of its machines (the clock moved on), is stopped, and
   * started again on the same data: the machines' baselines are there before any packet.
   */
  @Test
  void aRestartOfServeKeepsWhatItLearnt() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(T0);
    InstantSource clock = now::get;
    String yaml =
        "machines:\n"
            + "  - {id: pbx-a, addresses: [10.0.1.15], role: pbx}\n"
            + "  - {id: proxy, addresses: [10.0.0.1], role: proxy}\n";
    long learnt;
    try (ServerFixture first = ServerFixture.start(dir, yaml, clock)) {
      BaselineCheckpoints b = first.server().baselines();
      waitFor(() -> b.observations(PBX) >= 0);
      Thread.sleep(500); // a tick at T0 sets the engine's clock
      now.set(T0.plusSeconds(7200)); // the detection thread's next tick learns the two hours
      waitFor(() -> b.observations(PBX) >= 3600);
      learnt = b.observations(PBX);
    }
    try (ServerFixture second = ServerFixture.start(dir, yaml, clock)) {
      assertThat(second.server().baselines().observations(PBX)).isGreaterThanOrEqualTo(learnt);
    }
  }

  interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(Check c) throws Exception {
    long end = System.nanoTime() + 20_000_000_000L;
    while (!c.ok()) {
      assertThat(System.nanoTime()).as("waited 20 s").isLessThan(end);
      Thread.sleep(50);
    }
  }
}
