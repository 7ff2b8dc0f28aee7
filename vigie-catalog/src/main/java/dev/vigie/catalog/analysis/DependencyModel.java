package dev.vigie.catalog.analysis;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.Client;
import dev.vigie.catalog.Component;
import dev.vigie.catalog.Machine;
import dev.vigie.catalog.PhoneNumber;
import dev.vigie.catalog.Requirement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A catalogue compiled for analysis: components indexed 0..n-1, each with the AND of the groups it
 * needs as an {@link Expr} tree, and a topological order (dependencies first). A component is up
 * when it has not failed itself and all its groups hold; an {@code anyOf} holds while one member
 * does. A line (numbers sharing {@code line}) is the OR of its numbers. Building is O(V+E); {@link
 * #up} is O(size of all groups). Immutable once built, so safe to share between threads.
 */
final class DependencyModel {
  final Catalog catalog;
  final List<Component> components;
  final Map<String, Integer> index = new HashMap<>();
  final List<Expr.All> needs = new ArrayList<>();
  final int[] order;
  final Map<String, Expr.Any> lines = new LinkedHashMap<>();

  /** Per client (catalogue order), the indices of its services and of its own machines. */
  final List<BitSet> clientComponents = new ArrayList<>();

  DependencyModel(Catalog catalog) {
    this.catalog = catalog;
    this.components = List.copyOf(catalog.components());
    for (int i = 0; i < components.size(); i++) {
      index.put(components.get(i).id(), i);
    }
    for (Component c : components) {
      String where = c.kind().section() + "[" + c.id() + "]";
      List<Expr> groups = new ArrayList<>();
      for (String id : c.implicitDependencies()) {
        groups.add(new Expr.Leaf(index.get(id)));
      }
      for (int g = 0; g < c.dependsOn().size(); g++) {
        groups.add(compile(c.dependsOn().get(g), where + ".dependsOn[" + g + "]"));
      }
      needs.add(new Expr.All(groups, where));
    }
    Map<String, List<Expr>> byLine = new LinkedHashMap<>();
    for (PhoneNumber n : catalog.numbers()) {
      byLine
          .computeIfAbsent(n.line(), k -> new ArrayList<>())
          .add(new Expr.Leaf(index.get(n.id())));
    }
    byLine.forEach((line, numbers) -> lines.put(line, new Expr.Any(numbers, "line[" + line + "]")));
    this.order = topologicalOrder();
    for (Client client : catalog.clients()) {
      BitSet own = new BitSet(components.size());
      client.services().forEach(id -> own.set(index.get(id)));
      for (Machine m : catalog.machines()) {
        if (client.id().equals(m.client())) {
          own.set(index.get(m.id()));
        }
      }
      clientComponents.add(own);
    }
  }

  private Expr compile(Requirement r, String path) {
    return switch (r) {
      case Requirement.On on -> new Expr.Leaf(index.get(on.component()));
      case Requirement.AllOf all -> new Expr.All(members(all.members(), path + ".allOf"), path);
      case Requirement.AnyOf any -> new Expr.Any(members(any.members(), path + ".anyOf"), path);
    };
  }

  private List<Expr> members(List<Requirement> members, String path) {
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      out.add(compile(members.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  int size() {
    return components.size();
  }

  Component component(int i) {
    return components.get(i);
  }

  /** Dependencies before dependents: depth-first post-order (the catalogue is acyclic). */
  private int[] topologicalOrder() {
    int[] out = new int[size()];
    int[] next = {0};
    boolean[] done = new boolean[size()];
    for (int i = 0; i < size(); i++) {
      visit(i, done, out, next);
    }
    return out;
  }

  private void visit(int i, boolean[] done, int[] out, int[] next) {
    if (done[i]) {
      return;
    }
    done[i] = true;
    for (int d : leaves(needs.get(i), new ArrayList<>())) {
      visit(d, done, out, next);
    }
    out[next[0]++] = i;
  }

  static List<Integer> leaves(Expr e, List<Integer> into) {
    switch (e) {
      case Expr.Leaf leaf -> into.add(leaf.component());
      case Expr.All all -> all.members().forEach(m -> leaves(m, into));
      case Expr.Any any -> any.members().forEach(m -> leaves(m, into));
    }
    return into;
  }

  /** The components up when exactly {@code failed} have failed by themselves. */
  BitSet up(BitSet failed) {
    BitSet up = new BitSet(size());
    for (int i : order) {
      if (!failed.get(i) && holds(needs.get(i), up)) {
        up.set(i);
      }
    }
    return up;
  }

  static boolean holds(Expr e, BitSet up) {
    return e.holds(up);
  }

  BitSet failing(Iterable<String> ids) {
    BitSet failed = new BitSet(size());
    for (String id : ids) {
      Integer i = index.get(id);
      if (i == null) {
        throw new IllegalArgumentException("unknown component '" + id + "'");
      }
      failed.set(i);
    }
    return failed;
  }
}
