package dev.vigie.catalog.analysis;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.Machine;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The order in which to bring machines back after an outage (the seed's 08h50-09h45 restarts): a
 * machine others depend on comes before them. The catalogue's dependency graph (explicit {@code
 * dependsOn} groups at any depth, through services, sites and providers too) is reduced to the
 * chosen machines: machine A waits for machine B when B is among A's transitive dependencies. The
 * result is a topological order (Kahn's algorithm); among the machines ready at the same time, the
 * one more chosen machines wait for comes first, then catalogue order. O(V·(V+E)) for V components
 * and E dependency references: a catalogue of a few thousand components answers in milliseconds.
 * Stateless and thread-safe.
 */
public final class RecoveryOrder {
  private RecoveryOrder() {}

  /**
   * One machine of the order.
   *
   * @param waitsFor the chosen machines it depends on (transitively), in order
   * @param dependents how many chosen machines depend on it (transitively)
   */
  public record Step(Machine machine, List<String> waitsFor, int dependents) {
    public Step {
      waitsFor = List.copyOf(waitsFor);
    }
  }

  /**
   * The machines an incident touches: those its services (ids or names) depend on, at any depth,
   * the machines named in {@code machineIds} and the machines of its affected clients; in catalogue
   * order. Unknown names are skipped.
   */
  public static List<Machine> affected(
      Catalog catalog,
      Collection<String> services,
      Collection<String> clients,
      Collection<String> machineIds) {
    DependencyModel model = new DependencyModel(catalog);
    BitSet wanted = new BitSet(model.size());
    for (String s : services) {
      catalog.resolve(s).ifPresent(c -> wanted.or(closure(model, model.index.get(c.id()))));
    }
    Set<String> clientIds = new LinkedHashSet<>();
    for (String c : clients) catalog.findClient(c).ifPresent(x -> clientIds.add(x.id()));
    List<Machine> out = new ArrayList<>();
    for (Machine m : catalog.machines()) {
      if (wanted.get(model.index.get(m.id()))
          || machineIds.contains(m.id())
          || m.client() != null && clientIds.contains(m.client())) {
        out.add(m);
      }
    }
    return out;
  }

  /** The given machines (ids; unknown ones are refused) in recovery order. */
  public static List<Step> of(Catalog catalog, Collection<String> machineIds) {
    DependencyModel model = new DependencyModel(catalog);
    List<Machine> chosen = new ArrayList<>();
    for (Machine m : catalog.machines()) if (machineIds.contains(m.id())) chosen.add(m);
    for (String id : machineIds) {
      if (catalog.machines().stream().noneMatch(m -> m.id().equals(id))) {
        throw new IllegalArgumentException("no machine '" + id + "' in the catalogue");
      }
    }
    int n = chosen.size();
    boolean[][] waits = new boolean[n][n]; // waits[a][b]: a depends on b
    for (int a = 0; a < n; a++) {
      BitSet deps = closure(model, model.index.get(chosen.get(a).id()));
      for (int b = 0; b < n; b++) {
        waits[a][b] = a != b && deps.get(model.index.get(chosen.get(b).id()));
      }
    }
    int[] dependents = new int[n];
    int[] pending = new int[n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        if (waits[a][b]) {
          dependents[b]++;
          pending[a]++;
        }
      }
    }
    List<Step> out = new ArrayList<>();
    boolean[] placed = new boolean[n];
    for (int round = 0; round < n; round++) {
      int best = -1;
      for (int i = 0; i < n; i++) {
        if (placed[i] || pending[i] > 0) continue;
        if (best < 0 || dependents[i] > dependents[best]) best = i;
      }
      placed[best] = true; // the catalogue is acyclic: some machine is always ready
      List<String> waitsFor = new ArrayList<>();
      for (Step s : out) {
        int b = chosen.indexOf(s.machine());
        if (waits[best][b]) waitsFor.add(s.machine().id());
      }
      out.add(new Step(chosen.get(best), waitsFor, dependents[best]));
      for (int a = 0; a < n; a++) if (waits[a][best]) pending[a]--;
    }
    return out;
  }

  /** Every component {@code start} needs, at any depth (not itself). */
  private static BitSet closure(DependencyModel model, int start) {
    BitSet seen = new BitSet(model.size());
    List<Integer> stack = new ArrayList<>(List.of(start));
    while (!stack.isEmpty()) {
      int i = stack.removeLast();
      for (int d : DependencyModel.leaves(model.needs.get(i), new ArrayList<>())) {
        if (!seen.get(d)) {
          seen.set(d);
          stack.add(d);
        }
      }
    }
    seen.clear(start);
    return seen;
  }
}
