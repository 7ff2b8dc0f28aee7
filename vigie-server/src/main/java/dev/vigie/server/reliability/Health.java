package dev.vigie.server.reliability;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of each dependency, checked on a background thread every {@code period} and read from
 * memory by {@code /healthz}, so that the endpoint answers at once even when a check hangs (a
 * database that does not answer takes the pool's connection timeout). A check returns null when its
 * dependency is fine, else the reason. Checks run one after the other on one daemon thread.
 */
public final class Health implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Health.class);
  private final Map<String, Supplier<String>> checks = new LinkedHashMap<>();
  private final Map<String, String> problems = new ConcurrentHashMap<>();
  private ScheduledExecutorService timer;

  /** Adds a check; its first result is taken at once. */
  public synchronized Health check(String dependency, Supplier<String> check) {
    checks.put(dependency, check);
    run(dependency, check);
    return this;
  }

  /** Starts the background checks. */
  public synchronized Health start(long periodMillis) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("vigie-health").daemon(true).unstarted(r));
    timer.scheduleWithFixedDelay(this::runAll, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    return this;
  }

  private void runAll() {
    Map<String, Supplier<String>> copy;
    synchronized (this) {
      copy = new LinkedHashMap<>(checks);
    }
    copy.forEach(this::run);
  }

  private void run(String dependency, Supplier<String> check) {
    String problem;
    try {
      problem = check.get();
    } catch (RuntimeException e) {
      problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    String before =
        problem == null ? problems.remove(dependency) : problems.put(dependency, problem);
    if (problem != null && before == null) LOG.error("{} is down: {}", dependency, problem);
    if (problem == null && before != null) LOG.warn("{} is back", dependency);
  }

  /** The dependencies that are down, with their reasons (empty when all is well). */
  public Map<String, String> problems() {
    return Map.copyOf(problems);
  }

  /** True when {@code dependency} was down at its last check. */
  public boolean isDown(String dependency) {
    return problems.containsKey(dependency);
  }

  @Override
  public synchronized void close() {
    if (timer != null) timer.shutdownNow();
  }
}
