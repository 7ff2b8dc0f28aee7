package dev.vigie.contain.config;

import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import java.util.EnumMap;
import java.util.Map;

/**
 * The mode for each alert kind and severity. Every cell is filled: a table built from a partial
 * configuration keeps the defaults for the cells it does not name.
 *
 * <p>Defaults: external scanners contained automatically at any severity; guessers (enumeration,
 * brute force) and floods asked at WARNING (an office behind one NAT re-registering after an outage
 * looks like a WARNING-level flood of 401s) and contained automatically at CRITICAL; toll fraud
 * always asked (the source is often a legitimate extension whose password leaked); machine traffic
 * asked at WARNING and AUTO at CRITICAL, which a machine's own isolation policy (ASK by default)
 * caps: a hosted machine is only isolated automatically when its configuration says so; a degraded
 * service (SERVICE_DEGRADED) and platform pressure (PLATFORM_PRESSURE) are only observed.
 */
public record PolicyTable(Map<AlertKind, Map<Severity, Mode>> cells) {

  public PolicyTable {
    EnumMap<AlertKind, Map<Severity, Mode>> copy = new EnumMap<>(AlertKind.class);
    for (AlertKind k : AlertKind.values()) {
      Map<Severity, Mode> row = cells.get(k);
      for (Severity s : Severity.values()) {
        if (row == null || row.get(s) == null) {
          throw new IllegalArgumentException("policy table has no mode for " + k + "/" + s);
        }
      }
      copy.put(k, Map.copyOf(new EnumMap<>(row)));
    }
    cells = Map.copyOf(copy);
  }

  public static PolicyTable defaults() {
    Map<AlertKind, Map<Severity, Mode>> m = new EnumMap<>(AlertKind.class);
    m.put(AlertKind.SCAN, row(Mode.AUTO, Mode.AUTO));
    m.put(AlertKind.ENUMERATION, row(Mode.ASK, Mode.AUTO));
    m.put(AlertKind.BRUTE_FORCE, row(Mode.ASK, Mode.AUTO));
    m.put(AlertKind.FLOOD, row(Mode.ASK, Mode.AUTO));
    m.put(AlertKind.MACHINE_TRAFFIC, row(Mode.ASK, Mode.AUTO));
    m.put(AlertKind.TOLL_FRAUD, row(Mode.ASK, Mode.ASK));
    // a failing service is a victim, never a target: only observed
    m.put(AlertKind.SERVICE_DEGRADED, row(Mode.OBSERVE, Mode.OBSERVE));
    // platform pressure is a symptom on the machine's platform, never proof against anyone: it
    // never blocks by itself (ConfigReader refuses another mode); the machine's MACHINE_TRAFFIC
    // alert, when there is one, is what containment acts on
    m.put(AlertKind.PLATFORM_PRESSURE, row(Mode.OBSERVE, Mode.OBSERVE));
    return new PolicyTable(m);
  }

  public Mode mode(AlertKind kind, Severity severity) {
    return cells.get(kind).get(severity);
  }

  /** A copy with one cell changed. */
  public PolicyTable with(AlertKind kind, Severity severity, Mode mode) {
    Map<AlertKind, Map<Severity, Mode>> m = new EnumMap<>(cells);
    Map<Severity, Mode> row = new EnumMap<>(cells.get(kind));
    row.put(severity, mode);
    m.put(kind, row);
    return new PolicyTable(m);
  }

  private static Map<Severity, Mode> row(Mode warning, Mode critical) {
    return Map.of(Severity.WARNING, warning, Severity.CRITICAL, critical);
  }
}
