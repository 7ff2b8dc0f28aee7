package dev.vigie.probe;

import dev.vigie.probe.status.ComponentStatus;
import dev.vigie.probe.status.ComponentStatusListener;
import dev.vigie.probe.status.TargetSnapshot;
import dev.vigie.probe.status.TargetStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Runs every target at its interval and feeds the results to its {@link TargetStatus}, reporting
 * transitions to a {@link ComponentStatusListener}; {@link #checkAll()} probes everything at once.
 *
 * <p>Scheduling is fixed-rate on the injected clock: a target first runs at start, then at start +
 * k x interval; slots missed while the scheduler was late are skipped, not caught up, and a target
 * whose previous probe is still running skips its slot (counted in {@link #skipped()}). {@link
 * #runDue()} does one scheduling pass and is what tests drive with a test clock and a direct
 * executor; {@link #start()} runs passes on one virtual thread, sleeping until the next due time
 * (at most 1 s, so a clock change is noticed).
 *
 * <p>Threading: each probe runs on the executor (virtual threads by default: a probe blocks on its
 * socket for up to its timeout, so a hundred probes are a hundred cheap threads). Per-target state
 * is synchronized in {@link TargetStatus}; the listener is called on the probing thread. A pass is
 * O(targets).
 */
public final class ProbeScheduler implements AutoCloseable {
  /** Results kept per target for RTT statistics. */
  public static final int DEFAULT_HISTORY = 100;

  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final Prober prober;
  private final InstantSource clock;
  private final ComponentStatusListener listener;
  private final Executor executor;
  private final ExecutorService owned;
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong listenerErrors = new AtomicLong();
  private volatile boolean stopped;
  private Thread loop;

  private static final class Slot {
    final TargetStatus status;
    final AtomicBoolean running = new AtomicBoolean();
    Instant nextDue; // guarded by the scheduler (only runDue touches it)

    Slot(TargetStatus status) {
      this.status = status;
    }
  }

  /** A scheduler on virtual threads with a history of {@link #DEFAULT_HISTORY} results. */
  public ProbeScheduler(
      List<ProbeTarget> targets,
      Prober prober,
      InstantSource clock,
      ComponentStatusListener listener) {
    this(targets, prober, clock, listener, null, DEFAULT_HISTORY);
  }

  /**
   * @param executor runs the probes; null for a virtual thread per probe (owned and shut down by
   *     {@link #close()})
   * @throws ProbeConfigException when two targets share an id
   */
  public ProbeScheduler(
      List<ProbeTarget> targets,
      Prober prober,
      InstantSource clock,
      ComponentStatusListener listener,
      Executor executor,
      int historySize) {
    Set<String> seen = new HashSet<>();
    for (ProbeTarget t : targets) {
      if (!seen.add(t.id())) {
        throw new ProbeConfigException(t.id(), List.of("id: '" + t.id() + "' is used twice"));
      }
      slots.put(t.id(), new Slot(new TargetStatus(t, historySize)));
    }
    this.prober = prober;
    this.clock = clock;
    this.listener = listener;
    this.owned = executor == null ? Executors.newVirtualThreadPerTaskExecutor() : null;
    this.executor = executor == null ? owned : executor;
    Instant now = clock.instant();
    for (Slot s : slots.values()) s.nextDue = now;
  }

  /**
   * One scheduling pass: starts the probe of every target that is due.
   *
   * @return the ids of the targets started, in configuration order
   */
  public synchronized List<String> runDue() {
    Instant now = clock.instant();
    List<String> started = new ArrayList<>();
    for (Slot s : slots.values()) {
      if (now.isBefore(s.nextDue)) continue;
      ProbeTarget t = s.status.target();
      s.nextDue = nextSlot(s.nextDue, t.interval(), now);
      if (!s.running.compareAndSet(false, true)) {
        skipped.incrementAndGet();
        continue;
      }
      started.add(t.id());
      executor.execute(() -> {
        try {
          deliver(s.status, probeSafely(t));
        } finally {
          s.running.set(false);
        }
      });
    }
    return started;
  }

  /** A prober that throws (a bug) gives a FAILED IO_ERROR result instead of a lost probe. */
  private ProbeResult probeSafely(ProbeTarget t) {
    Instant at = clock.instant();
    try {
      return prober.probe(t);
    } catch (RuntimeException e) {
      return new ProbeResult.Failed(
          at, FailureReason.IO_ERROR, "probe error: " + e, 0, Duration.ZERO);
    }
  }

  /** The first slot {@code due + k x interval} after {@code now} (k >= 1). */
  static Instant nextSlot(Instant due, Duration interval, Instant now) {
    long step = interval.toNanos();
    long behind = Duration.between(due, now).toNanos();
    long k = behind / step + 1;
    return due.plusNanos(k * step);
  }

  /** When the next target is due; null without targets. */
  public synchronized Instant nextDue() {
    Instant min = null;
    for (Slot s : slots.values()) if (min == null || s.nextDue.isBefore(min)) min = s.nextDue;
    return min;
  }

  private ComponentStatus deliver(TargetStatus status, ProbeResult r) {
    try {
      listener.onResult(status.target(), r);
    } catch (RuntimeException e) {
      listenerErrors.incrementAndGet();
    }
    synchronized (status) { // transitions of one target reach the listener in order
      status
          .record(r)
          .ifPresent(change -> {
            try {
              listener.dispatch(change);
            } catch (RuntimeException e) {
              listenerErrors.incrementAndGet();
            }
          });
      return status.status();
    }
  }

  /**
   * Probes every target now, all at once, and returns the checklist. Each probe is bounded by its
   * own timeout, so the whole check takes about the longest timeout whatever the number of targets
   * (a probe that overstays by more than 2 s is reported as a TIMEOUT without waiting further). The
   * results are recorded like scheduled ones: they can move a target up or down.
   */
  public Checklist checkAll() {
    return checkAll(t -> true);
  }

  /**
   * The same over the targets {@code which} selects, e.g. the client proxies only (by component).
   */
  public Checklist checkAll(Predicate<ProbeTarget> which) {
    Instant startedAt = clock.instant();
    long t0 = System.nanoTime();
    List<TargetStatus> all =
        slots.values().stream().map(s -> s.status).filter(s -> which.test(s.target())).toList();
    List<CompletableFuture<CheckItem>> futures = new ArrayList<>();
    // not try-with-resources: close() would wait for a probe stuck in name resolution
    ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor();
    try {
      for (TargetStatus s : all) {
        futures.add(
            CompletableFuture.supplyAsync(
                () -> {
                  ProbeResult r = probeSafely(s.target());
                  return new CheckItem(s.target(), r, deliver(s, r));
                },
                vt));
      }
      long longest = all.stream().mapToLong(s -> s.target().timeout().toNanos()).max().orElse(0);
      long deadline = t0 + longest + TimeUnit.SECONDS.toNanos(2);
      List<CheckItem> items = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) items.add(await(futures.get(i), all.get(i), deadline));
      return new Checklist(startedAt, Duration.ofNanos(System.nanoTime() - t0), items);
    } finally {
      vt.shutdownNow();
    }
  }

  private CheckItem await(CompletableFuture<CheckItem> f, TargetStatus s, long deadline) {
    try {
      return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return overstayed(s, "check interrupted");
    } catch (TimeoutException e) {
      f.cancel(true);
      return overstayed(s, "probe did not finish within its timeout");
    } catch (ExecutionException e) {
      return overstayed(s, "probe error: " + e.getCause());
    }
  }

  private CheckItem overstayed(TargetStatus s, String why) {
    ProbeResult r =
        new ProbeResult.Failed(
            clock.instant(), FailureReason.TIMEOUT, why, 0, s.target().timeout());
    return new CheckItem(s.target(), r, s.status());
  }

  /** Starts the scheduling loop on a virtual thread. */
  public synchronized void start() {
    if (loop != null) throw new IllegalStateException("already started");
    loop = Thread.ofVirtual().name("vigie-probe-scheduler").start(this::loop);
  }

  private void loop() {
    while (!stopped) {
      runDue();
      Instant next = nextDue();
      if (next == null) return;
      long wait = Duration.between(clock.instant(), next).toNanos();
      LockSupport.parkNanos(Math.clamp(wait, 1_000_000L, 1_000_000_000L));
    }
  }

  /** Stops the loop and, when it owns them, the probe threads (waits at most 5 s). */
  @Override
  public void close() {
    stopped = true;
    Thread l;
    synchronized (this) {
      l = loop;
    }
    if (l != null) {
      LockSupport.unpark(l);
      try {
        l.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (owned != null) {
      owned.shutdownNow();
      try {
        owned.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Snapshots of every target in configuration order. */
  public List<TargetSnapshot> snapshots() {
    return slots.values().stream().map(s -> s.status.snapshot()).toList();
  }

  /**
   * The status of each component: the worst of its targets' statuses (DOWN, then MAINTENANCE, then
   * UP, then UNKNOWN); the input of {@code Failover.update}.
   */
  public Map<String, ComponentStatus> componentStatuses() {
    Map<String, ComponentStatus> out = new LinkedHashMap<>();
    for (Slot s : slots.values()) {
      out.merge(s.status.target().componentId(), s.status.status(), ComponentStatus::worst);
    }
    return out;
  }

  /** Slots skipped because the previous probe of the target was still running. */
  public long skipped() {
    return skipped.get();
  }

  /** Exceptions thrown by the listener (caught, probing goes on). */
  public long listenerErrors() {
    return listenerErrors.get();
  }
}
