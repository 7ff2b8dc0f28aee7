package dev.vigie.server.web;

import dev.vigie.contain.ContainmentService;
import dev.vigie.contain.Isolation;
import dev.vigie.detect.Alert;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events of the live view ({@code GET /console/events}). A ticker thread runs once a
 * second: it samples traffic ({@link TrafficSampler}) and, while browsers are connected, compares a
 * fingerprint of the latest alerts (ids and revisions) and of the isolations (ids and states) with
 * the previous tick; on a change it sends the event {@code alerts} or {@code isolations}, and every
 * second {@code traffic}. The page's script then has htmx fetch the matching fragment. Polling the
 * stores keeps detection and containment unaware of the console, and catches changes made through
 * the REST API too. Cost per tick: one query of 50 alert rows and one ledger read.
 */
public final class LiveEvents implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
  private final ConsoleServices s;
  private final List<SseClient> clients = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService ticker;
  private int alertPrint;
  private int isolationPrint;
  // other stages' live events: a name and a version that moves on every change (recovery runs)
  private final Map<String, LongSupplier> watched = new ConcurrentHashMap<>();
  private final Map<String, Long> seen = new ConcurrentHashMap<>();

  public LiveEvents(ConsoleServices s) {
    this.s = s;
  }

  /** Starts the once-a-second ticker. */
  public LiveEvents start() {
    if (s.traffic() != null) s.traffic().sample(); // every machine listed from the first page on
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("vigie-console-ticker").daemon(true).unstarted(r));
    ticker.scheduleAtFixedRate(this::safeTick, 1, 1, TimeUnit.SECONDS);
    return this;
  }

  void connect(SseClient client) {
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    clients.add(client);
    client.sendEvent("hello", "connected");
  }

  /**
   * Sends event {@code name} whenever {@code version} moves between two ticks (e.g. a recovery
   * run's checks); the page's element with that id re-fetches its fragment.
   */
  public void watch(String name, LongSupplier version) {
    watched.put(name, version);
  }

  public int clients() {
    return clients.size();
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("console tick failed: {}", e.toString());
    }
  }

  /** One tick (also called directly by tests). */
  void tick() {
    if (s.traffic() != null) s.traffic().sample();
    if (clients.isEmpty()) return;
    int a = 1;
    for (Alert x : s.alerts().recent(50, null)) a = 31 * a + Objects.hash(x.id(), x.revision());
    int i = 1;
    ContainmentService c = s.containment();
    if (c != null) {
      for (Isolation x : c.pending()) i = 31 * i + Objects.hash(x.id(), x.state());
      for (Isolation x : c.active()) i = 31 * i + Objects.hash(x.id(), x.state(), x.expires());
    }
    boolean alertsChanged = a != alertPrint;
    boolean isolationsChanged = i != isolationPrint;
    alertPrint = a;
    isolationPrint = i;
    broadcast("traffic");
    if (alertsChanged) broadcast("alerts");
    if (isolationsChanged) broadcast("isolations");
    for (var w : watched.entrySet()) {
      long v = w.getValue().getAsLong();
      Long before = seen.put(w.getKey(), v);
      if (before != null && before != v) broadcast(w.getKey());
    }
  }

  private void broadcast(String event) {
    for (SseClient c : clients) {
      if (c.terminated()) {
        clients.remove(c);
        continue;
      }
      try {
        c.sendEvent(event, event);
      } catch (RuntimeException e) {
        clients.remove(c);
      }
    }
  }

  /** Stops the ticker and ends the streams; call it while the HTTP server still runs. */
  @Override
  public void close() {
    if (ticker != null) ticker.shutdownNow();
    for (SseClient c : clients) {
      if (c.terminated()) continue;
      try {
        c.close();
      } catch (RuntimeException e) {
        LOG.debug("closing an SSE client: {}", e.toString());
      }
    }
    clients.clear();
  }
}
