package dev.vigie.server.probe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.probe.CheckItem;
import dev.vigie.probe.Checklist;
import dev.vigie.probe.ProbeResult;
import dev.vigie.probe.ProbeScheduler;
import dev.vigie.probe.ProbeTarget;
import dev.vigie.probe.sip.SipProber;
import dev.vigie.probe.status.ComponentStatusListener;
import dev.vigie.probe.status.StatusChange;
import dev.vigie.probe.status.TargetSnapshot;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The probes of the configuration, scheduled on their intervals, with their status changes fanned
 * out to the listeners the server adds (incidents, status page, failover). JSON views never include
 * credentials.
 */
public final class ProbeModule implements AutoCloseable {
  private final List<ProbeTarget> targets;
  private final ProbeScheduler scheduler;
  private final List<ComponentStatusListener> listeners = new CopyOnWriteArrayList<>();

  public ProbeModule(JsonNode root, InstantSource clock) {
    this.targets = ProbeConfig.read(root);
    this.scheduler =
        new ProbeScheduler(
            targets,
            new SipProber(clock),
            clock,
            new ComponentStatusListener() {
              @Override
              public void onDown(StatusChange c) {
                listeners.forEach(l -> l.onDown(c));
              }

              @Override
              public void onUp(StatusChange c) {
                listeners.forEach(l -> l.onUp(c));
              }

              @Override
              public void onMaintenance(StatusChange c) {
                listeners.forEach(l -> l.onMaintenance(c));
              }

              @Override
              public void onResult(ProbeTarget t, ProbeResult r) {
                listeners.forEach(l -> l.onResult(t, r));
              }
            });
  }

  public void addListener(ComponentStatusListener l) {
    listeners.add(l);
  }

  /** The configured targets. */
  public List<ProbeTarget> targets() {
    return targets;
  }

  public boolean isEmpty() {
    return targets.isEmpty();
  }

  public ProbeModule start() {
    if (!targets.isEmpty()) scheduler.start();
    return this;
  }

  public ProbeScheduler scheduler() {
    return scheduler;
  }

  /** Probes every target (or those matching) now, in parallel; each bounded by its timeout. */
  public Checklist checkAll(Predicate<ProbeTarget> which) {
    return scheduler.checkAll(which);
  }

  /** {@code GET /probes}: each target's status, last result and round-trip statistics. */
  public Map<String, Object> view() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("probes", scheduler.snapshots().stream().map(ProbeModule::snapshot).toList());
    Map<String, Object> comps = new LinkedHashMap<>();
    scheduler.componentStatuses().forEach((k, v) -> comps.put(k, v.name()));
    out.put("components", comps);
    return out;
  }

  public static Map<String, Object> checklist(Checklist c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("startedAt", c.startedAt());
    m.put("tookMillis", c.took().toMillis());
    m.put("up", c.up());
    m.put("maintenance", c.maintenance());
    m.put("failed", c.failed());
    m.put("items", c.items().stream().map(ProbeModule::item).toList());
    return m;
  }

  private static Map<String, Object> item(CheckItem i) {
    Map<String, Object> m = target(i.target());
    m.put("ok", i.ok());
    m.put("result", result(i.result()));
    m.put("statusAfter", i.statusAfter().name());
    m.put("line", i.line());
    return m;
  }

  private static Map<String, Object> snapshot(TargetSnapshot s) {
    Map<String, Object> m = target(s.target());
    m.put("status", s.status().name());
    m.put("since", s.since());
    m.put("last", s.last() == null ? null : result(s.last()));
    m.put("consecutiveSuccesses", s.consecutiveSuccesses());
    m.put("consecutiveFailures", s.consecutiveFailures());
    m.put("rtt", s.rtt());
    return m;
  }

  private static Map<String, Object> target(ProbeTarget t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("component", t.componentId());
    m.put("host", t.host());
    m.put("port", t.port());
    m.put("transport", t.transport().name());
    m.put("kind", t.kind().name());
    return m;
  }

  static Map<String, Object> result(ProbeResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (r) {
      case ProbeResult.Up u -> {
        m.put("outcome", "UP");
        m.put("at", u.at());
        m.put("code", u.code());
        m.put("rttMillis", u.rtt().toNanos() / 1e6);
      }
      case ProbeResult.Maintenance x -> {
        m.put("outcome", "MAINTENANCE");
        m.put("at", x.at());
        m.put("code", x.code());
        m.put("rttMillis", x.rtt().toNanos() / 1e6);
      }
      case ProbeResult.Failed f -> {
        m.put("outcome", "FAILED");
        m.put("at", f.at());
        m.put("reason", f.reason().name());
        m.put("detail", f.detail());
        m.put("code", f.code());
        m.put("rttMillis", f.rtt() == null ? null : f.rtt().toNanos() / 1e6);
      }
    }
    return m;
  }

  @Override
  public void close() {
    scheduler.close();
  }
}
