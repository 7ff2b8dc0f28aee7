package dev.vigie.catalog.analysis;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.Component;
import dev.vigie.catalog.Service;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The analysis of a catalogue, JSON-friendly (records of strings, numbers and lists): summary, cut
 * sets of each critical service and line, ranked findings, the impact of each component and the
 * graph to draw. {@link #analyse} is a pure function of the catalogue; for n components and groups
 * of total size E it costs O(n·E) for the impacts plus the cut-set algebra (see {@link CutSets}),
 * milliseconds for hundreds of components.
 *
 * <p>Thread-safe: the catalogue and the result are immutable, nothing is shared between calls.
 *
 * <p>Findings are ranked by score (clients affected times criticality) descending, then severity,
 * then how many components go down (a provider under everything before the site it runs), then kind
 * and id, so the order is deterministic.
 */
public record CatalogAnalysis(
    Summary summary,
    List<TargetAnalysis> targets,
    List<Finding> findings,
    List<ComponentImpact> impacts,
    GraphView graph) {
  public CatalogAnalysis {
    targets = List.copyOf(targets);
    findings = List.copyOf(findings);
    impacts = List.copyOf(impacts);
  }

  static final Comparator<Finding> RANKING =
      Comparator.comparingInt(Finding::score)
          .reversed()
          .thenComparing(Finding::severity)
          .thenComparing(Comparator.comparingInt(Finding::componentsDown).reversed())
          .thenComparing(Finding::kind)
          .thenComparing(Finding::id);

  /** Analyses a validated catalogue. */
  public static CatalogAnalysis analyse(Catalog catalog) {
    DependencyModel model = new DependencyModel(catalog);
    FindingRules rules = new FindingRules(model, new CutSets(model)).run();
    List<Finding> sorted = new ArrayList<>(rules.findings);
    sorted.sort(RANKING);
    List<Finding> ranked = new ArrayList<>();
    for (Finding f : sorted) {
      ranked.add(f.ranked(ranked.size() + 1));
    }
    Set<String> spofs = new HashSet<>();
    rules.analyses.forEach(t -> spofs.addAll(t.singlePointsOfFailure()));
    List<ComponentImpact> impacts = new ArrayList<>();
    for (int i = 0; i < model.size(); i++) {
      BitSet one = new BitSet();
      one.set(i);
      Impact impact = Impacts.of(model, one);
      Component c = model.component(i);
      impacts.add(
          new ComponentImpact(
              c.id(),
              c.kind().name(),
              impact.servicesDown(),
              impact.criticalServicesDown(),
              impact.linesDown(),
              impact.clients()));
    }
    return new CatalogAnalysis(
        summary(catalog, ranked), rules.analyses, ranked, impacts, GraphView.of(model, spofs));
  }

  /**
   * What goes down when {@code failed} components fail together: the services, lines and the
   * clients to notify.
   *
   * @throws IllegalArgumentException naming an id that is not a component of the catalogue
   */
  public static Impact impact(Catalog catalog, Collection<String> failed) {
    DependencyModel model = new DependencyModel(catalog);
    return Impacts.of(model, model.failing(failed));
  }

  /** The findings of one kind, in rank order. */
  public List<Finding> findings(FindingKind kind) {
    return findings.stream().filter(f -> f.kind() == kind).toList();
  }

  /** The cut sets of a critical service id or {@code line:NAME}, if it is one. */
  public java.util.Optional<TargetAnalysis> target(String id) {
    return targets.stream().filter(t -> t.target().equals(id)).findFirst();
  }

  private static Summary summary(Catalog catalog, List<Finding> findings) {
    return new Summary(
        catalog.providers().size(),
        catalog.sites().size(),
        catalog.machines().size(),
        catalog.services().size(),
        (int) catalog.services().stream().filter(Service::critical).count(),
        catalog.numbers().size(),
        catalog.clients().size(),
        findings.size(),
        (int) findings.stream().filter(f -> f.severity() == Severity.CRITICAL).count(),
        (int) findings.stream().filter(f -> f.severity() == Severity.WARNING).count());
  }
}
