package dev.vigie.detect.inventory;

import dev.vigie.detect.threshold.Level;
import dev.vigie.detect.threshold.Threshold;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates an inventory given as plain Java values (maps, lists, strings, numbers: what a YAML
 * parser produces) and builds an {@link Inventory}. Every error is collected, each naming its key
 * path and the bad value, and thrown together as one {@link InvalidConfigException}. Unknown keys
 * are errors too (a typo must not silently disable a threshold).
 */
public final class InventoryParser {
  private static final Set<String> TOP = Set.of("machines", "protected");

  /**
   * Detection's keys, and the catalogue's (name, site, hosting, dependsOn: one file serves both).
   */
  private static final Set<String> MACHINE_KEYS =
      Set.of(
          "id",
          "addresses",
          "client",
          "role",
          "thresholds",
          "allowedPrefixes",
          "name",
          "site",
          "hosting",
          "dependsOn",
          "pressure");

  private final List<String> errors = new ArrayList<>();

  private InventoryParser() {}

  /**
   * Parses the root of an inventory document (a map with {@code machines} and {@code protected}).
   */
  public static Inventory parse(Map<String, ?> root) {
    InventoryParser p = new InventoryParser();
    Inventory inv = p.root(root == null ? Map.of() : root);
    if (!p.errors.isEmpty()) throw new InvalidConfigException(p.errors);
    return inv;
  }

  /**
   * Parses a {@code thresholds} map ({@code requestsPerSecond: {warning: 50, critical: 200}}).
   * Missing levels come from {@code base}.
   */
  public static Map<Threshold, Level> parseThresholds(
      String path, Object value, java.util.function.Function<Threshold, Level> base) {
    InventoryParser p = new InventoryParser();
    Map<Threshold, Level> out = p.thresholds(path, value, base);
    if (!p.errors.isEmpty()) throw new InvalidConfigException(p.errors);
    return out;
  }

  private Inventory root(Map<String, ?> root) {
    unknownKeys("", root, TOP);
    List<Machine> machines = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<?> list = list("machines", root.get("machines"));
    for (int i = 0; i < list.size(); i++) {
      Machine m = machine("machines[" + i + "]", list.get(i));
      if (m == null) continue;
      if (!ids.add(m.id())) error("machines[" + i + "].id", m.id(), "is a duplicate id");
      machines.add(m);
    }
    List<Cidr> prot = cidrs("protected", root.get("protected"));
    return Inventory.of(machines, prot);
  }

  private Machine machine(String path, Object o) {
    if (!(o instanceof Map<?, ?> map)) {
      error(path, o, "is not a map");
      return null;
    }
    unknownKeys(path + ".", map, MACHINE_KEYS);
    int before = errors.size();
    Object idv = map.get("id");
    String id = idv instanceof String s && !s.isBlank() ? s.strip() : null;
    if (id == null) {
      if (idv == null) errors.add(path + ".id: is required");
      else error(path + ".id", idv, "is not a non-empty string");
    }
    List<Cidr> addrs = cidrs(path + ".addresses", map.get("addresses"));
    if (map.get("addresses") instanceof List<?> given && given.isEmpty()) {
      errors.add(path + ".addresses: must list at least one address");
    } else if (map.get("addresses") == null) {
      errors.add(path + ".addresses: is required");
    }
    Object cl = map.get("client");
    if (cl != null && !(cl instanceof String)) error(path + ".client", cl, "is not a string");
    Role role = Role.OTHER;
    Object r = map.get("role");
    if (r != null) {
      try {
        role = Role.valueOf(String.valueOf(r).strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        error(path + ".role", r, "is not one of pbx, proxy, sbc, trunk, other");
      }
    }
    Map<Threshold, Level> th =
        thresholds(path + ".thresholds", map.get("thresholds"), Threshold::defaults);
    List<String> allowed = new ArrayList<>();
    List<?> al = list(path + ".allowedPrefixes", map.get("allowedPrefixes"));
    for (int i = 0; i < al.size(); i++) {
      String s = String.valueOf(al.get(i)).strip();
      if (!s.matches("\\+?[0-9]{1,8}")) {
        error(
            path + ".allowedPrefixes[" + i + "]", al.get(i), "is not a dialling prefix like 0033");
      } else allowed.add(s);
    }
    if (errors.size() != before) return null;
    return new Machine(id, addrs, cl == null ? null : (String) cl, role, th, allowed);
  }

  private Map<Threshold, Level> thresholds(
      String path, Object o, java.util.function.Function<Threshold, Level> base) {
    Map<Threshold, Level> out = new EnumMap<>(Threshold.class);
    if (o == null) return out;
    if (!(o instanceof Map<?, ?> map)) {
      error(path, o, "is not a map");
      return out;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      String p = path + "." + key;
      Threshold t = Threshold.byKey(key).orElse(null);
      if (t == null) {
        error(p, key, "is not a known threshold");
        continue;
      }
      if (!(e.getValue() instanceof Map<?, ?> lv)) {
        error(p, e.getValue(), "is not a map of warning and critical");
        continue;
      }
      unknownKeys(p + ".", lv, Set.of("warning", "critical"));
      Level b = base.apply(t);
      Double w = number(p + ".warning", lv.get("warning"), b.warning());
      Double c = number(p + ".critical", lv.get("critical"), b.critical());
      if (w == null || c == null) continue;
      try {
        out.put(t, new Level(w, c));
      } catch (IllegalArgumentException ex) {
        errors.add(p + ": " + ex.getMessage());
      }
    }
    return out;
  }

  private Double number(String path, Object o, double dflt) {
    if (o == null) return dflt;
    if (o instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue())) {
      return n.doubleValue();
    }
    if (o instanceof String s) {
      try {
        double d = Double.parseDouble(s.strip());
        if (d > 0 && Double.isFinite(d)) return d;
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    error(path, o, "is not a positive number");
    return null;
  }

  private List<Cidr> cidrs(String path, Object o) {
    List<Cidr> out = new ArrayList<>();
    List<?> l = o instanceof String s ? List.of(s) : list(path, o);
    for (int i = 0; i < l.size(); i++) {
      try {
        out.add(Cidr.parse(String.valueOf(l.get(i))));
      } catch (IllegalArgumentException e) {
        errors.add(path + "[" + i + "]: " + e.getMessage());
      }
    }
    return out;
  }

  private List<?> list(String path, Object o) {
    if (o == null) return List.of();
    if (o instanceof List<?> l) return l;
    error(path, o, "is not a list");
    return List.of();
  }

  private void unknownKeys(String prefix, Map<?, ?> map, Set<String> known) {
    for (Object k : map.keySet()) {
      if (!known.contains(String.valueOf(k))) {
        errors.add(
            prefix
                + k
                + ": unknown key (known: "
                + String.join(", ", new java.util.TreeSet<>(known))
                + ")");
      }
    }
  }

  private void error(String path, Object value, String what) {
    errors.add(path + ": '" + value + "' " + what);
  }
}
