package dev.vigie.server.web;

import dev.vigie.catalog.analysis.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The catalogue's findings for a manager: one row per root cause (the same components at fault, a
 * shared provider for instance), ranked by its best-ranked finding, listing everything it touches.
 * At 100 clients the raw list has hundreds of rows; this one has a row per thing to fix.
 *
 * @param first the best-ranked finding of the cause (its severity, explanation and score)
 * @param findings how many findings share the cause
 * @param touches services, lines and targets the cause takes down, each once
 * @param clients clients behind them
 */
public record FindingGroups(
    Finding first, int findings, List<String> touches, List<String> clients) {

  /** Groups findings (in rank order) by the set of components at fault. O(n log n). */
  public static List<FindingGroups> of(List<Finding> ranked) {
    Map<String, List<Finding>> byCause = new LinkedHashMap<>();
    for (Finding f : ranked) {
      String cause = String.join(",", new TreeSet<>(f.components()));
      byCause.computeIfAbsent(cause, k -> new ArrayList<>()).add(f);
    }
    List<FindingGroups> out = new ArrayList<>();
    for (List<Finding> fs : byCause.values()) {
      Set<String> touches = new LinkedHashSet<>();
      Set<String> clients = new LinkedHashSet<>();
      for (Finding f : fs) {
        touches.addAll(f.servicesDown());
        touches.addAll(f.targets());
        clients.addAll(f.clients());
      }
      out.add(new FindingGroups(fs.get(0), fs.size(), List.copyOf(touches), List.copyOf(clients)));
    }
    return out;
  }
}
