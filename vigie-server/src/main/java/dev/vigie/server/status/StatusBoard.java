package dev.vigie.server.status;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.NumberRole;
import dev.vigie.catalog.PhoneNumber;
import dev.vigie.catalog.Service;
import dev.vigie.catalog.analysis.CatalogAnalysis;
import dev.vigie.catalog.analysis.Impact;
import dev.vigie.probe.status.ComponentStatusListener;
import dev.vigie.probe.status.StatusChange;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the status page says: each public component (the catalogue's services) with its state, and
 * whether the main support numbers are down (then the backup number is shown). States come from
 * operators (declared) and from probes (a component declared down by probes takes down, through the
 * catalogue's redundancy-aware impact, every service and number that depends on it). The worse of
 * the two wins. Thread-safe: probes report from their own threads.
 */
public final class StatusBoard implements ComponentStatusListener {
  /** One component line of the page. */
  public record Line(String id, String name, boolean critical, ComponentState state, String note) {}

  /** The support line: main numbers down (declared or derived) and the backup number to call. */
  public record SupportLine(
      List<String> mainNumbers,
      List<String> mainNumbersDown,
      String backupNumber,
      boolean declaredDown) {
    public boolean backupShown() {
      return declaredDown || !mainNumbersDown.isEmpty();
    }
  }

  private final Catalog catalog;
  private final InstantSource clock;
  private final Map<String, ComponentState> declared = new ConcurrentHashMap<>();
  private final Map<String, String> notes = new ConcurrentHashMap<>();
  private final Set<String> probedDown = ConcurrentHashMap.newKeySet();
  private final Set<String> probedMaintenance = ConcurrentHashMap.newKeySet();
  // machines whose SERVICE_DEGRADED episode is open: DEGRADED_PERFORMANCE or MAJOR_OUTAGE
  private final Map<String, ComponentState> degradedMachines = new ConcurrentHashMap<>();
  private volatile boolean supportDeclaredDown;
  // the incident each standing declaration was made from (docs/console.md, "Declarations")
  private final Map<String, Long> declaredFor = new ConcurrentHashMap<>();
  private volatile Long supportDeclaredFor;
  private volatile Instant changedAt;
  private final List<Consumer<String>> changeListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public StatusBoard(Catalog catalog, InstantSource clock) {
    this.catalog = catalog;
    this.clock = clock;
    this.changedAt = clock.instant();
  }

  /** Called with a one-line description after every change (timeline, failover announcement). */
  public void onChange(Consumer<String> l) {
    changeListeners.add(l);
  }

  public List<Line> lines() {
    Set<String> derivedDown = new TreeSet<>();
    if (catalog != null && !probedDown.isEmpty()) {
      Impact impact = impact(probedDown);
      if (impact != null) derivedDown.addAll(impact.servicesDown());
    }
    List<Line> out = new ArrayList<>();
    if (catalog == null) {
      Set<String> ids = new TreeSet<>(declared.keySet());
      ids.addAll(probedDown);
      ids.addAll(probedMaintenance);
      for (String id : ids) out.add(line(id, id, false, derivedDown));
      return out;
    }
    for (Service s : catalog.services())
      out.add(line(s.id(), s.name() == null ? s.id() : s.name(), s.critical(), derivedDown));
    return out;
  }

  private Line line(String id, String name, boolean critical, Set<String> derivedDown) {
    ComponentState st = healthState(id);
    if (probedMaintenance.contains(id)) st = ComponentState.UNDER_MAINTENANCE;
    if (derivedDown.contains(id) || probedDown.contains(id)) st = ComponentState.MAJOR_OUTAGE;
    ComponentState d = declared.get(id);
    if (d != null) st = ComponentState.worst(st, d);
    return new Line(id, name, critical, st, notes.get(id));
  }

  /**
   * The state passive service health gives a service: the worst of the machines whose service is
   * degraded and that the service depends on (the catalogue's impact of each), operational when
   * none. Only the state leaves: no machine, no alert text reaches the page.
   */
  private ComponentState healthState(String serviceId) {
    ComponentState st = ComponentState.OPERATIONAL;
    if (catalog == null) return st;
    for (var d : degradedMachines.entrySet()) {
      Impact impact = impact(Set.of(d.getKey()));
      if (impact != null && impact.servicesDown().contains(serviceId)) {
        st = ComponentState.worst(st, d.getValue());
      }
    }
    return st;
  }

  /**
   * A machine's service is degraded (SERVICE_DEGRADED open): the services depending on it show
   * degraded performance, or a major outage when {@code down} (a critical alert).
   */
  public void serviceDegraded(String machineId, boolean down) {
    ComponentState st = down ? ComponentState.MAJOR_OUTAGE : ComponentState.DEGRADED_PERFORMANCE;
    if (st != degradedMachines.put(machineId, st)) changed("service health: " + machineId);
  }

  /** The machine's service recovered (its SERVICE_DEGRADED episode closed). */
  public void serviceRecovered(String machineId) {
    if (degradedMachines.remove(machineId) != null) changed("service health: " + machineId);
  }

  public SupportLine supportLine() {
    List<String> main = new ArrayList<>();
    String backup = null;
    Set<String> numbersDown = new TreeSet<>();
    if (catalog != null) {
      if (!probedDown.isEmpty()) {
        Impact impact = impact(probedDown);
        if (impact != null) numbersDown.addAll(impact.numbersDown());
      }
      for (var d : declared.entrySet()) {
        if (d.getValue() == ComponentState.MAJOR_OUTAGE) {
          Impact impact = impact(Set.of(d.getKey()));
          if (impact != null) numbersDown.addAll(impact.numbersDown());
        }
      }
      for (PhoneNumber n : catalog.numbers()) {
        if (n.role() == NumberRole.MAIN) main.add(n.number() != null ? n.number() : n.id());
        else if (backup == null && n.role() == NumberRole.BACKUP)
          backup = n.number() != null ? n.number() : n.id();
      }
    }
    List<String> down = new ArrayList<>();
    if (catalog != null) {
      for (PhoneNumber n : catalog.numbers()) {
        if (n.role() == NumberRole.MAIN && numbersDown.contains(n.id()))
          down.add(n.number() != null ? n.number() : n.id());
      }
    }
    return new SupportLine(main, down, backup, supportDeclaredDown);
  }

  /** An operator declares a component's state (OPERATIONAL clears the declaration). */
  public void declare(String id, ComponentState state, String note, String who) {
    declare(id, state, note, who, null);
  }

  /**
   * An operator declares a component's state from an incident ({@code incidentId}, null for none):
   * what the declaration sets off (failover to the backup number) joins that incident.
   */
  public void declare(String id, ComponentState state, String note, String who, Long incidentId) {
    if (catalog != null && catalog.component(id).isEmpty()) {
      throw new IllegalArgumentException("no component '" + id + "' in the catalogue");
    }
    if (state == ComponentState.OPERATIONAL) {
      declared.remove(id);
      notes.remove(id);
      declaredFor.remove(id);
    } else {
      declared.put(id, state);
      if (incidentId != null) declaredFor.put(id, incidentId);
      else declaredFor.remove(id);
      if (note != null && !note.isBlank()) notes.put(id, note);
    }
    changed(
        id
            + " declared "
            + state
            + " by "
            + who
            + (note == null || note.isBlank() ? "" : ": " + note));
  }

  /** An operator declares the main support numbers down (or up again). */
  public void declareSupportDown(boolean down, String who) {
    declareSupportDown(down, who, null);
  }

  /** The same, made from an incident ({@code incidentId}, null for none). */
  public void declareSupportDown(boolean down, String who, Long incidentId) {
    supportDeclaredFor = down ? incidentId : null;
    supportDeclaredDown = down;
    changed("main support numbers declared " + (down ? "down" : "up") + " by " + who);
  }

  /**
   * The incident the standing declarations were made from: the support line's first, then the
   * components' (in id order); null when none was made from an incident.
   */
  public Long declaredIncident() {
    Long s = supportDeclaredFor;
    if (supportDeclaredDown && s != null) return s;
    return new TreeMap<>(declaredFor).values().stream().findFirst().orElse(null);
  }

  public Instant changedAt() {
    return changedAt;
  }

  public Map<String, Object> declarations() {
    Map<String, Object> m = new LinkedHashMap<>();
    declared.forEach((k, v) -> m.put(k, v.name()));
    return m;
  }

  @Override
  public void onDown(StatusChange c) {
    probedMaintenance.remove(c.componentId());
    if (probedDown.add(c.componentId())) changed("probes: " + c.summary());
  }

  @Override
  public void onUp(StatusChange c) {
    boolean a = probedDown.remove(c.componentId());
    boolean b = probedMaintenance.remove(c.componentId());
    if (a || b) changed("probes: " + c.summary());
  }

  @Override
  public void onMaintenance(StatusChange c) {
    probedDown.remove(c.componentId());
    if (probedMaintenance.add(c.componentId())) changed("probes: " + c.summary());
  }

  private Impact impact(Set<String> failed) {
    List<String> known = failed.stream().filter(id -> catalog.component(id).isPresent()).toList();
    if (known.isEmpty()) return null;
    return CatalogAnalysis.impact(catalog, known);
  }

  private void changed(String what) {
    changedAt = clock.instant();
    for (Consumer<String> l : changeListeners) l.accept(what);
  }
}
