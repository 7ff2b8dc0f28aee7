package dev.vigie.catalog.analysis;

import dev.vigie.catalog.Component;
import dev.vigie.catalog.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dependency graph as nodes and edges, for drawing. An edge goes from the dependent to what it
 * needs; {@code mode} is ALL for a plain or {@code allOf} dependency and ANY for a member of an
 * {@code anyOf} group (drawn dashed: redundant), {@code group} names the innermost group.
 */
public record GraphView(List<Node> nodes, List<Edge> edges) {
  public GraphView {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /**
   * @param kind PROVIDER, SITE, MACHINE, SERVICE, NUMBER or LINE
   * @param singlePointOfFailure whether its failure alone takes down a critical service or a line
   */
  public record Node(
      String id, String kind, String name, boolean critical, boolean singlePointOfFailure) {}

  public record Edge(String from, String to, String mode, String group) {}

  static GraphView of(DependencyModel model, Set<String> spofs) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    for (int i = 0; i < model.size(); i++) {
      Component c = model.component(i);
      boolean critical = c instanceof Service s && s.critical();
      nodes.add(new Node(c.id(), c.kind().name(), c.name(), critical, spofs.contains(c.id())));
      for (Expr group : model.needs.get(i).members()) {
        edges(model, c.id(), group, "ALL", null, edges);
      }
    }
    for (Map.Entry<String, Expr.Any> line : model.lines.entrySet()) {
      String id = "line:" + line.getKey();
      nodes.add(new Node(id, "LINE", line.getKey(), true, false));
      edges(model, id, line.getValue(), "ANY", null, edges);
    }
    return new GraphView(nodes, edges);
  }

  private static void edges(
      DependencyModel model, String from, Expr e, String mode, String group, List<Edge> out) {
    switch (e) {
      case Expr.Leaf leaf ->
          out.add(new Edge(from, model.component(leaf.component()).id(), mode, group));
      case Expr.All all ->
          all.members().forEach(m -> edges(model, from, m, "ALL", all.path(), out));
      case Expr.Any any ->
          any.members().forEach(m -> edges(model, from, m, "ANY", any.path(), out));
    }
  }
}
