package dev.vigie.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Finds dependency cycles: the strongly connected components (Kosaraju, O(V+E)) of the graph "a
 * component needs another" that have more than one member or a self-loop. One error per cycle,
 * placed at its first component in declaration order and spelling out one concrete loop through it,
 * e.g. {@code services[a]: dependency cycle a -> b -> a}.
 */
final class DependencyCycles {
  private DependencyCycles() {}

  static Graph<String, DefaultEdge> graph(Catalog catalog) {
    Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    catalog.components().forEach(c -> g.addVertex(c.id()));
    for (Component c : catalog.components()) {
      for (Requirement r : c.requires()) {
        for (String target : r.components()) {
          if (g.containsVertex(target)) {
            g.addEdge(c.id(), target);
          }
        }
      }
    }
    return g;
  }

  static List<CatalogError> find(Catalog catalog) {
    Graph<String, DefaultEdge> g = graph(catalog);
    List<CatalogError> errors = new ArrayList<>();
    for (Set<String> scc : new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets()) {
      String first =
          catalog.components().stream()
              .map(Component::id)
              .filter(scc::contains)
              .findFirst()
              .orElseThrow();
      if (scc.size() == 1 && !g.containsEdge(first, first)) {
        continue;
      }
      List<String> loop = new ArrayList<>();
      loop.add(first);
      walk(g, scc, first, first, loop, new HashSet<>());
      Component c = catalog.component(first).orElseThrow();
      String message =
          loop.size() == 2
              ? "depends on itself"
              : "dependency cycle " + loop.stream().collect(Collectors.joining(" -> "));
      errors.add(new CatalogError(CatalogValidator.where(c), message));
    }
    List<String> order = catalog.components().stream().map(Component::id).toList();
    errors.sort(
        java.util.Comparator.comparingInt(e ->
            order.indexOf(
                e.where().substring(e.where().indexOf('[') + 1, e.where().length() - 1))));
    return errors;
  }

  /** Depth-first search inside the SCC for a path back to {@code start}; appends it to loop. */
  private static boolean walk(
      Graph<String, DefaultEdge> g,
      Set<String> scc,
      String at,
      String start,
      List<String> loop,
      Set<String> visited) {
    visited.add(at);
    for (DefaultEdge e : g.outgoingEdgesOf(at)) {
      String next = g.getEdgeTarget(e);
      if (next.equals(start)) {
        loop.add(start);
        return true;
      }
      if (scc.contains(next) && !visited.contains(next)) {
        loop.add(next);
        if (walk(g, scc, next, start, loop, visited)) {
          return true;
        }
        loop.remove(loop.size() - 1);
      }
    }
    return false;
  }
}
