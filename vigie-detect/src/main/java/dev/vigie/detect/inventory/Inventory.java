package dev.vigie.detect.inventory;

import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.IpAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hosted machines and the protected ranges, with a fast address lookup: single addresses sit in
 * a hash map (O(1)), ranges in a short list sorted by decreasing prefix length (longest match
 * first, O(number of ranges)). Immutable and thread-safe. Build it with {@link
 * InventoryParser#parse(Map)} from a parsed YAML tree, or with {@link #of}.
 */
public final class Inventory {
  private final List<Machine> machines;
  private final List<Cidr> protectedRanges;
  private final Map<IpAddress, Machine> exact = new HashMap<>();
  private final List<Map.Entry<Cidr, Machine>> ranges = new ArrayList<>();
  private final Map<String, Machine> byId = new HashMap<>();

  private Inventory(List<Machine> machines, List<Cidr> protectedRanges) {
    this.machines = List.copyOf(machines);
    this.protectedRanges = List.copyOf(protectedRanges);
    for (Machine m : this.machines) {
      byId.put(m.id(), m);
      for (Cidr c : m.addresses()) {
        if (c.isHost()) exact.putIfAbsent(c.network(), m);
        else ranges.add(Map.entry(c, m));
      }
    }
    ranges.sort(
        Comparator.comparingInt((Map.Entry<Cidr, Machine> e) -> -e.getKey().prefixLength()));
  }

  public static Inventory of(List<Machine> machines, List<Cidr> protectedRanges) {
    return new Inventory(machines, protectedRanges);
  }

  public static Inventory empty() {
    return new Inventory(List.of(), List.of());
  }

  public List<Machine> machines() {
    return machines;
  }

  public List<Cidr> protectedRanges() {
    return protectedRanges;
  }

  public Machine machine(String id) {
    return byId.get(id);
  }

  /** The machine owning {@code ip}, or null for a remote address. */
  public Machine machineOf(IpAddress ip) {
    Machine m = exact.get(ip);
    if (m != null || ranges.isEmpty()) return m;
    for (Map.Entry<Cidr, Machine> e : ranges) if (e.getKey().contains(ip)) return e.getValue();
    return null;
  }

  /** True when {@code ip} is in a protected range (never contained). */
  public boolean isProtected(IpAddress ip) {
    for (Cidr c : protectedRanges) if (c.contains(ip)) return true;
    return false;
  }

  /** The default thresholds plus every machine's overrides. */
  public Thresholds thresholds(Thresholds defaults) {
    Thresholds t = defaults;
    for (Machine m : machines)
      if (!m.thresholds().isEmpty()) t = t.withMachine(m.id(), m.thresholds());
    return t;
  }
}
