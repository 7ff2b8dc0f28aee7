package dev.vigie.server.detection;

import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.baseline.BaselineCodec;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machines' baselines kept across restarts (table {@code machine_baseline}): restored into the
 * engine before its first packet, saved every {@link #EVERY} and when the process stops. The engine
 * is read only on the detection thread (a task handed to it, waited for at most {@link #WAIT}); the
 * database is written on a thread of its own, so a slow or absent database never stalls detection
 * (a round that fails is logged and the next one tries again). A row is replaced only by a state
 * that learnt at least as many seconds (a process that saw less traffic never overwrites what
 * another learnt); a row that cannot be read (damaged, or written by something else) is skipped and
 * that machine warms up again.
 */
public final class BaselineCheckpoints implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BaselineCheckpoints.class);

  /** Time between two saves while the process runs. */
  public static final Duration EVERY = Duration.ofMinutes(5);

  /** The longest wait for the detection thread to hand a copy of the baselines over. */
  static final Duration WAIT = Duration.ofSeconds(5);

  /** Runs a task on the detection thread; false when it could not be handed over. */
  @FunctionalInterface
  public interface DetectionThread {
    boolean submit(Runnable task, long timeoutMillis) throws InterruptedException;
  }

  private record Saved(long observations, double[][] state) {}

  private final Jdbi jdbi;
  private final DetectionEngine engine;
  private final List<String> machines;
  private final InstantSource clock;
  private DetectionThread detection;
  private ScheduledExecutorService timer;

  public BaselineCheckpoints(
      Jdbi jdbi, DetectionEngine engine, List<String> machines, InstantSource clock) {
    this.jdbi = jdbi;
    this.engine = engine;
    this.machines = List.copyOf(machines);
    this.clock = clock;
  }

  /**
   * Restores the stored baselines of the inventory's machines. Call before the engine gets its
   * first packet, on the thread that then starts the detection thread. Returns how many machines
   * got theirs back.
   */
  public int restore() {
    Map<String, byte[]> rows = new LinkedHashMap<>();
    try {
      jdbi.useHandle(h ->
          h.createQuery("SELECT machine_id, state FROM machine_baseline")
              .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBytes(2)))
              .forEach(e -> rows.put(e.getKey(), e.getValue())));
    } catch (RuntimeException e) {
      LOG.warn("baselines: not restored ({}): every machine warms up again", e.toString());
      return 0;
    }
    int restored = 0;
    for (String id : machines) {
      byte[] bytes = rows.get(id);
      if (bytes == null) continue;
      if (engine.restoreBaselineState(id, BaselineCodec.decode(bytes))) restored++;
      else LOG.warn("baselines: the stored state of {} is unreadable: it warms up again", id);
    }
    LOG.info("baselines: restored for {} of {} machine(s)", restored, machines.size());
    return restored;
  }

  /** Saves every {@link #EVERY} from now on, through {@code detection}. */
  public BaselineCheckpoints start(DetectionThread detection) {
    this.detection = detection;
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("vigie-baselines").daemon(true).unstarted(r));
    long ms = EVERY.toMillis();
    timer.scheduleWithFixedDelay(this::checkpointQuietly, ms, ms, TimeUnit.MILLISECONDS);
    return this;
  }

  private void checkpointQuietly() {
    try {
      checkpoint();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("baselines: not saved ({}): tried again in {} min", e.toString(), EVERY.toMinutes());
    }
  }

  /**
   * Saves the baselines now: a copy taken on the detection thread, written here. Returns the rows
   * written (machines that learnt nothing, and rows that learnt more, are left as they are); -1
   * when the detection thread did not hand the copy over in time.
   */
  public int checkpoint() throws InterruptedException {
    Map<String, Saved> copy = onDetectionThread(this::copy);
    if (copy == null) return -1;
    Timestamp at = Timestamp.from(clock.instant());
    return jdbi.inTransaction(h -> {
      int written = 0;
      for (var e : copy.entrySet()) {
        Saved s = e.getValue();
        byte[] bytes = BaselineCodec.encode(s.state());
        String id = e.getKey();
        if (write(h, UPDATE, id, s.observations(), bytes, at) == 0) {
          boolean exists =
              h.createQuery("SELECT COUNT(*) FROM machine_baseline WHERE machine_id = :id")
                      .bind("id", id)
                      .mapTo(Long.class)
                      .one()
                  > 0;
          if (exists) continue; // it learnt more than this process did
          write(h, INSERT, id, s.observations(), bytes, at);
        }
        written++;
      }
      return written;
    });
  }

  private static final String UPDATE =
      "UPDATE machine_baseline SET observations = :n, state = :s, saved_at = :at"
          + " WHERE machine_id = :id AND observations <= :n";
  private static final String INSERT =
      "INSERT INTO machine_baseline (machine_id, observations, state, saved_at)"
          + " VALUES (:id, :n, :s, :at)";

  private static int write(
      org.jdbi.v3.core.Handle h, String sql, String id, long n, byte[] state, Timestamp at) {
    return h.createUpdate(sql)
        .bind("id", id)
        .bind("n", n)
        .bind("s", state)
        .bind("at", at)
        .execute();
  }

  /**
   * Seconds machine {@code id}'s baselines learnt from, read on the detection thread (-1: none).
   */
  public long observations(String id) throws InterruptedException {
    Long n = onDetectionThread(() -> engine.baselineObservations(id));
    return n == null ? -1 : n;
  }

  /** The machines that learnt something, with a copy of their baselines (detection thread). */
  private Map<String, Saved> copy() {
    Map<String, Saved> out = new LinkedHashMap<>();
    for (String id : machines) {
      long n = engine.baselineObservations(id);
      if (n > 0) out.put(id, new Saved(n, engine.baselineState(id)));
    }
    return out;
  }

  /** {@code work}'s result, computed on the detection thread; null when it was not in time. */
  private <T> T onDetectionThread(java.util.function.Supplier<T> work) throws InterruptedException {
    if (detection == null) return work.get(); // not started: nothing else reads the engine
    CompletableFuture<T> f = new CompletableFuture<>();
    Runnable task =
        () -> {
          try {
            f.complete(work.get());
          } catch (RuntimeException e) {
            f.completeExceptionally(e);
          }
        };
    if (!detection.submit(task, WAIT.toMillis())) return null;
    try {
      return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return null;
    }
  }

  /** Stops the timer and saves a last time (the detection thread still runs). */
  @Override
  public void close() throws InterruptedException {
    if (timer != null) {
      timer.shutdownNow();
      timer.awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
    try {
      int n = checkpoint();
      if (n >= 0) LOG.info("baselines: saved for {} machine(s)", n);
      else LOG.warn("baselines: not saved at stop (the detection thread did not answer)");
    } catch (RuntimeException e) {
      LOG.warn("baselines: not saved at stop ({})", e.toString());
    }
  }
}
