package dev.vigie.server.web;

import dev.vigie.catalog.analysis.GraphView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws the catalogue's dependency graph as SVG with a simple layered layout: one row per component
 * kind (lines and numbers on top, then services, machines, sites, providers at the bottom), nodes
 * in catalogue order within a row, edges as straight lines from the dependent to what it needs
 * (dashed for a member of a redundant {@code anyOf} group). Single points of failure are drawn red,
 * critical services bold. O(nodes + edges).
 */
public final class GraphSvg {
  private static final List<String> ROWS =
      List.of("LINE", "NUMBER", "SERVICE", "MACHINE", "SITE", "PROVIDER");
  private static final int BOX_W = 150;
  private static final int BOX_H = 34;
  private static final int GAP_X = 24;
  private static final int ROW_H = 92;
  private static final int PAD = 16;

  private GraphSvg() {}

  /** The graph as inline SVG; {@code label} is its accessible name (read by screen readers). */
  public static String draw(GraphView g, String label) {
    Map<String, List<GraphView.Node>> rows = new HashMap<>();
    for (GraphView.Node n : g.nodes()) {
      rows.computeIfAbsent(row(n.kind()), k -> new ArrayList<>()).add(n);
    }
    List<String> used = ROWS.stream().filter(rows::containsKey).toList();
    int widest = used.stream().mapToInt(r -> rows.get(r).size()).max().orElse(1);
    int width = PAD * 2 + widest * BOX_W + (widest - 1) * GAP_X;
    int height = PAD * 2 + used.size() * ROW_H - (ROW_H - BOX_H);
    Map<String, double[]> pos = new HashMap<>();
    for (int r = 0; r < used.size(); r++) {
      List<GraphView.Node> row = rows.get(used.get(r));
      int rowWidth = row.size() * BOX_W + (row.size() - 1) * GAP_X;
      double x0 = (width - rowWidth) / 2.0;
      for (int i = 0; i < row.size(); i++) {
        pos.put(row.get(i).id(), new double[] {x0 + i * (BOX_W + GAP_X), PAD + r * ROW_H});
      }
    }
    StringBuilder sb = new StringBuilder(4096);
    sb.append("<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" role=\"group\" aria-label=\"")
        .append(Svg.esc(label))
        .append("\">");
    for (GraphView.Edge e : g.edges()) {
      double[] a = pos.get(e.from());
      double[] b = pos.get(e.to());
      if (a == null || b == null) continue;
      boolean down = a[1] <= b[1];
      sb.append("<line x1=\"")
          .append(Svg.fmt(a[0] + BOX_W / 2.0))
          .append("\" y1=\"")
          .append(Svg.fmt(down ? a[1] + BOX_H : a[1]))
          .append("\" x2=\"")
          .append(Svg.fmt(b[0] + BOX_W / 2.0))
          .append("\" y2=\"")
          .append(Svg.fmt(down ? b[1] : b[1] + BOX_H))
          .append("\" stroke=\"#8a94a6\" stroke-width=\"1.2\"")
          .append("ANY".equals(e.mode()) ? " stroke-dasharray=\"5 4\"" : "")
          .append("/>");
    }
    for (GraphView.Node n : g.nodes()) {
      double[] p = pos.get(n.id());
      String fill = n.singlePointOfFailure() ? "#fde2e1" : "#ffffff";
      String stroke = n.singlePointOfFailure() ? "#c0392b" : "#5b6b82";
      sb.append("<a href=\"/console/catalog?component=")
          .append(
              Svg.esc(java.net.URLEncoder.encode(n.id(), java.nio.charset.StandardCharsets.UTF_8)))
          .append("#impact\" class=\"node\" data-id=\"")
          .append(Svg.esc(n.id()))
          .append("\"><g><title>")
          .append(
              Svg.esc(
                  (n.name() == null ? n.id() : n.name())
                      + " ("
                      + n.kind().toLowerCase(java.util.Locale.ROOT)
                      + " "
                      + n.id()
                      + ")"))
          .append("</title><rect x=\"")
          .append(Svg.fmt(p[0]))
          .append("\" y=\"")
          .append(Svg.fmt(p[1]))
          .append("\" rx=\"6\" width=\"")
          .append(BOX_W)
          .append("\" height=\"")
          .append(BOX_H)
          .append("\" fill=\"")
          .append(fill)
          .append("\" stroke=\"")
          .append(stroke)
          .append("\" stroke-width=\"")
          .append(n.critical() ? "2.2" : "1.2")
          .append("\"/><text x=\"")
          .append(Svg.fmt(p[0] + BOX_W / 2.0))
          .append("\" y=\"")
          .append(Svg.fmt(p[1] + 14))
          .append("\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"")
          .append(n.critical() ? "700" : "500")
          .append("\" fill=\"#1f2a3a\">")
          .append(Svg.esc(clip(n.name() == null ? n.id() : n.name())))
          .append("</text><text x=\"")
          .append(Svg.fmt(p[0] + BOX_W / 2.0))
          .append("\" y=\"")
          .append(Svg.fmt(p[1] + 27))
          .append("\" text-anchor=\"middle\" font-size=\"10\" fill=\"#6b7689\">")
          .append(Svg.esc(n.kind().toLowerCase(java.util.Locale.ROOT)))
          .append("</text></g></a>");
    }
    return sb.append("</svg>").toString();
  }

  private static String row(String kind) {
    return ROWS.contains(kind) ? kind : "SERVICE";
  }

  private static String clip(String s) {
    return s.length() <= 22 ? s : s.substring(0, 21) + "…";
  }
}
