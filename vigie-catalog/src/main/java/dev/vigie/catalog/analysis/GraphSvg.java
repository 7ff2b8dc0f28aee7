package dev.vigie.catalog.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a {@link GraphView} as a standalone SVG for the console, with no JavaScript: a layered
 * layout with dependents above what they need (layer = longest path down to a component that needs
 * nothing), each layer ordered by the mean position of its dependencies below to limit crossings
 * (one barycentre sweep). Redundant (ANY) edges are dashed; single points of failure get the class
 * {@code spof} and a red border; critical services and lines a thick border. O(V + E) plus a sort
 * per layer. Stateless, thread-safe.
 */
public final class GraphSvg {
  private static final int W = 160;
  private static final int H = 34;
  private static final int GAP_X = 20;
  private static final int GAP_Y = 70;
  private static final Map<String, String> FILL =
      Map.of(
          "PROVIDER", "#dbe9f6",
          "SITE", "#e4e4f4",
          "MACHINE", "#eef4e0",
          "SERVICE", "#fdf0d5",
          "NUMBER", "#f6e0ec",
          "LINE", "#f6e0ec");

  private GraphSvg() {}

  public static String render(GraphView graph) {
    Map<String, List<String>> needs = new HashMap<>();
    graph.edges().forEach(e -> needs.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to()));
    Map<String, Integer> layer = new HashMap<>();
    graph.nodes().forEach(n -> layerOf(n.id(), needs, layer));
    int top = layer.values().stream().max(Integer::compare).orElse(0);
    List<List<GraphView.Node>> rows = new ArrayList<>();
    for (int i = 0; i <= top; i++) {
      rows.add(new ArrayList<>());
    }
    graph.nodes().forEach(n -> rows.get(layer.get(n.id())).add(n));
    Map<String, double[]> at = new HashMap<>();
    int widest = rows.stream().mapToInt(List::size).max().orElse(0);
    for (int l = 0; l <= top; l++) {
      List<GraphView.Node> row = rows.get(l);
      if (l > 0) {
        row.sort(Comparator.comparingDouble(n -> barycentre(n.id(), needs, at)));
      }
      double offset = (widest - row.size()) * (W + GAP_X) / 2.0;
      for (int i = 0; i < row.size(); i++) {
        double x = GAP_X + offset + i * (W + GAP_X);
        double y = GAP_Y / 2.0 + (top - l) * (H + GAP_Y);
        at.put(row.get(i).id(), new double[] {x, y});
      }
    }
    int width = GAP_X + widest * (W + GAP_X);
    int height = GAP_Y + (top + 1) * (H + GAP_Y) - GAP_Y;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"catalog-graph\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\""
                + " font-size=\"12\">%n",
            width, height, width, height));
    for (GraphView.Edge e : graph.edges()) {
      double[] a = at.get(e.from());
      double[] b = at.get(e.to());
      svg.append(
          String.format(
              java.util.Locale.ROOT,
              "<line class=\"edge %s\" x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\""
                  + " stroke=\"#888\"%s/>%n",
              e.mode().toLowerCase(java.util.Locale.ROOT),
              a[0] + W / 2.0,
              a[1] + H,
              b[0] + W / 2.0,
              b[1],
              e.mode().equals("ANY") ? " stroke-dasharray=\"5 4\"" : ""));
    }
    for (GraphView.Node n : graph.nodes()) {
      node(svg, n, at.get(n.id()));
    }
    return svg.append("</svg>\n").toString();
  }

  private static void node(StringBuilder svg, GraphView.Node n, double[] p) {
    String stroke = n.singlePointOfFailure() ? "#c62828" : "#555";
    int strokeWidth = n.critical() || n.singlePointOfFailure() ? 3 : 1;
    String label = n.id().length() > 22 ? n.id().substring(0, 21) + "…" : n.id();
    svg.append(
        String.format(
            java.util.Locale.ROOT,
            "<g class=\"node %s%s\" data-id=\"%s\"><title>%s (%s)</title>"
                + "<rect x=\"%.0f\" y=\"%.0f\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"%s\""
                + " stroke=\"%s\" stroke-width=\"%d\"/>"
                + "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">%s</text></g>%n",
            n.kind().toLowerCase(java.util.Locale.ROOT),
            n.singlePointOfFailure() ? " spof" : "",
            xml(n.id()),
            xml(n.name()),
            n.kind().toLowerCase(java.util.Locale.ROOT),
            p[0],
            p[1],
            W,
            H,
            FILL.getOrDefault(n.kind(), "#fff"),
            stroke,
            strokeWidth,
            p[0] + W / 2.0,
            p[1] + H / 2.0 + 4,
            xml(label)));
  }

  private static int layerOf(
      String id, Map<String, List<String>> needs, Map<String, Integer> memo) {
    Integer known = memo.get(id);
    if (known != null) {
      return known;
    }
    int l = 0;
    for (String d : needs.getOrDefault(id, List.of())) {
      l = Math.max(l, 1 + layerOf(d, needs, memo));
    }
    memo.put(id, l);
    return l;
  }

  private static double barycentre(
      String id, Map<String, List<String>> needs, Map<String, double[]> at) {
    return needs.getOrDefault(id, List.of()).stream()
        .mapToDouble(d -> at.get(d)[0])
        .average()
        .orElse(0);
  }

  static String xml(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
