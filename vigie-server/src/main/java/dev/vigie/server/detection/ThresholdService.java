package dev.vigie.server.detection;

import dev.vigie.detect.inventory.InvalidConfigException;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.InventoryParser;
import dev.vigie.detect.threshold.Level;
import dev.vigie.detect.threshold.Threshold;
import dev.vigie.detect.threshold.ThresholdRegistry;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.server.api.ApiError;
import dev.vigie.server.storage.AuditLog;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Runtime threshold changes: validated, applied to the live registry at once (the next evaluation
 * sees them), stored so that they survive a restart, and audited. The inventory's thresholds are
 * the base; stored overrides are applied on top at start.
 */
public final class ThresholdService {
  private final ThresholdRegistry registry;
  private final Inventory inventory;
  private final Jdbi jdbi;
  private final InstantSource clock;
  private final Listener onChange;

  /** One threshold that really changed: its level before and after. */
  public record Change(Threshold threshold, Level before, Level after) {
    /** {@code requestsPerSecond 120/240 → 150/250}. */
    @Override
    public String toString() {
      return threshold.key() + " " + text(before) + " → " + text(after);
    }

    /** A level as {@code warning/critical}, e.g. {@code 120/240}. */
    public static String text(Level l) {
      return Level.num(l.warning()) + "/" + Level.num(l.critical());
    }
  }

  /** Told once per save of the thresholds that changed, after they are stored and in force. */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param machine the machine, or null for a default
     * @param changes only the thresholds whose level changed (never empty)
     */
    void changed(Instant at, String machine, List<Change> changes, String actor);
  }

  public ThresholdService(
      ThresholdRegistry registry,
      Inventory inventory,
      Jdbi jdbi,
      InstantSource clock,
      Listener onChange) {
    this.registry = registry;
    this.inventory = inventory;
    this.jdbi = jdbi;
    this.clock = clock;
    this.onChange = onChange;
  }

  private volatile java.util.function.Function<String, Map<Threshold, Long>> current =
      m -> Map.of();

  /**
   * Where the current value of each machine's metrics comes from: the local detection engine's
   * read-only snapshot ({@code DetectionEngine::currentValues}); none by default.
   */
  public void currentFrom(java.util.function.Function<String, Map<Threshold, Long>> source) {
    this.current = source == null ? m -> Map.of() : source;
  }

  /**
   * The current values of machine {@code machine}'s metrics that the rules compare with its
   * thresholds: threshold key to value (only the machine's own metrics; empty for an idle machine,
   * an unknown one or when detection runs elsewhere).
   */
  public Map<String, Long> current(String machine) {
    if (machine == null || inventory.machine(machine) == null) return Map.of();
    Map<String, Long> out = new LinkedHashMap<>();
    Map<Threshold, Long> values = current.apply(machine);
    if (values != null) values.forEach((t, v) -> out.put(t.key(), v));
    return out;
  }

  /** Applies the stored overrides to the registry (once, at start). */
  public void loadStored() {
    jdbi.useHandle(h ->
        h.createQuery(
                "SELECT scope, name, warning, critical FROM threshold_override ORDER BY scope, name")
            .map((rs, ctx) ->
                new Object[] {rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4)})
            .forEach(row -> {
              var t = Threshold.byKey((String) row[1]);
              if (t.isEmpty()) return;
              Level l = new Level((Double) row[2], (Double) row[3]);
              String scope = (String) row[0];
              registry.update(s -> apply(s, scope, Map.of(t.get(), l)));
            }));
  }

  /** The effective thresholds: defaults and each machine's overrides. */
  public Map<String, Object> view() {
    Thresholds s = registry.current();
    Map<String, Object> defaults = new LinkedHashMap<>();
    s.defaultLevels().forEach((t, l) -> defaults.put(t.key(), levelJson(l, t.meaning())));
    Map<String, Object> machines = new LinkedHashMap<>();
    for (var m : inventory.machines()) {
      Map<String, Object> o = new LinkedHashMap<>();
      s.overrides(m.id()).forEach((t, l) -> o.put(t.key(), levelJson(l, null)));
      machines.put(m.id(), o);
    }
    return Map.of("defaults", defaults, "machines", machines);
  }

  /**
   * Changes thresholds of the defaults ({@code machine == null}) or of one machine.
   *
   * @param changes e.g. {@code {"requestsPerSecond": {"warning": 80, "critical": 300}}}
   * @throws ApiError 400 naming the bad key or value, 404 for an unknown machine
   */
  public Map<String, Object> change(String machine, Object changes, String actor) {
    if (machine != null && inventory.machine(machine) == null) {
      throw ApiError.notFound("no machine '" + machine + "' in the inventory");
    }
    if (!(changes instanceof Map<?, ?> m) || m.isEmpty()) {
      throw ApiError.badRequest(
          "'thresholds' must be a non-empty object of {warning, critical} levels");
    }
    Thresholds now = registry.current();
    Map<Threshold, Level> parsed;
    try {
      parsed = InventoryParser.parseThresholds("thresholds", changes, t -> now.level(machine, t));
    } catch (InvalidConfigException e) {
      throw ApiError.badRequest(String.join("; ", e.errors()));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("thresholds: " + e.getMessage());
    }
    String scope = machine == null ? "*" : machine;
    var at = clock.instant();
    // a form posts every field: only what really changed is stored, audited and told
    List<Change> changed = new ArrayList<>();
    parsed.forEach((t, l) -> {
      Level before = now.level(machine, t);
      if (!before.equals(l)) changed.add(new Change(t, before, l));
    });
    if (changed.isEmpty()) return Map.of("machine", scope, "changed", Map.of());
    jdbi.useTransaction(h -> {
      for (Change c : changed) {
        h.execute(
            "DELETE FROM threshold_override WHERE scope = ? AND name = ?",
            scope,
            c.threshold().key());
        h.execute(
            "INSERT INTO threshold_override (scope, name, warning, critical, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)",
            scope,
            c.threshold().key(),
            c.after().warning(),
            c.after().critical(),
            Timestamp.from(at),
            actor);
      }
      // one audit row per save, naming only what changed
      AuditLog.record(
          h,
          at,
          actor,
          "THRESHOLD_CHANGED",
          scope,
          "OPERATOR",
          String.join("; ", changed.stream().map(Change::toString).toList()));
    });
    Map<Threshold, Level> applied = new EnumMap<>(Threshold.class);
    changed.forEach(c -> applied.put(c.threshold(), c.after()));
    registry.update(s -> apply(s, scope, applied));
    Map<String, Object> out = new LinkedHashMap<>();
    applied.forEach((t, l) -> out.put(t.key(), levelJson(l, null)));
    onChange.changed(at, machine, List.copyOf(changed), actor);
    return Map.of("machine", scope, "changed", out);
  }

  private static Thresholds apply(Thresholds s, String scope, Map<Threshold, Level> changes) {
    if (scope.equals("*")) {
      Thresholds r = s;
      for (var e : changes.entrySet()) r = r.withDefault(e.getKey(), e.getValue());
      return r;
    }
    Map<Threshold, Level> merged = new EnumMap<>(Threshold.class);
    merged.putAll(s.overrides(scope));
    merged.putAll(changes);
    return s.withMachine(scope, merged);
  }

  private static Map<String, Object> levelJson(Level l, String meaning) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("warning", l.warning());
    m.put("critical", l.critical());
    if (meaning != null) m.put("meaning", meaning);
    return m;
  }
}
