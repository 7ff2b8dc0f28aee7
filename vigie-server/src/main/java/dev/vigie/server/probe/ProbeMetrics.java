package dev.vigie.server.probe;

import dev.vigie.probe.ProbeTarget;
import dev.vigie.probe.status.ComponentStatusListener;
import dev.vigie.probe.status.StatusChange;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code vigie_probe_state{probe, component}}: 1 up, 0 down, 2 maintenance, -1 not known yet (for
 * the dashboard and the {@code VigieProbeDown} alert rule).
 */
public final class ProbeMetrics implements ComponentStatusListener {
  static final int UNKNOWN = -1;
  static final int DOWN = 0;
  static final int UP = 1;
  static final int MAINTENANCE = 2;
  private final Map<String, AtomicInteger> states = new ConcurrentHashMap<>();

  public ProbeMetrics(List<ProbeTarget> targets, MeterRegistry registry) {
    for (ProbeTarget t : targets) {
      AtomicInteger s = new AtomicInteger(UNKNOWN);
      states.put(t.id(), s);
      Gauge.builder("vigie_probe_state", s, AtomicInteger::get)
          .tag("probe", t.id())
          .tag("component", t.componentId() == null ? "" : t.componentId())
          .register(registry);
    }
  }

  private void set(StatusChange c, int v) {
    AtomicInteger s = states.get(c.target().id());
    if (s != null) s.set(v);
  }

  @Override
  public void onDown(StatusChange c) {
    set(c, DOWN);
  }

  @Override
  public void onUp(StatusChange c) {
    set(c, UP);
  }

  @Override
  public void onMaintenance(StatusChange c) {
    set(c, MAINTENANCE);
  }
}
