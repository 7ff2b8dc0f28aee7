package dev.vigie.catalog.analysis;

import dev.vigie.catalog.Client;
import dev.vigie.catalog.NumberRole;
import dev.vigie.catalog.PhoneNumber;
import dev.vigie.catalog.Service;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the cut sets of every target (critical service, line of numbers) into findings: one per
 * single point of failure (SUPPORT_COUPLED when it also cuts a line off), one per cut pair of a
 * critical service, one per (redundancy group, common cause), and the backup-number checks of each
 * line. Each finding is scored on the {@link Impact} of its failure; {@link CatalogAnalysis} ranks
 * them.
 */
final class FindingRules {
  /** A critical service or a line: what cut sets are computed for. */
  record Target(String id, String name, Expr expr, int self) {}

  private final DependencyModel model;
  private final CutSets cuts;
  private final Explain explain;
  private final List<Target> targets = new ArrayList<>();
  final List<TargetAnalysis> analyses = new ArrayList<>();
  final List<Finding> findings = new ArrayList<>();
  private final Map<Integer, List<String>> singles = new TreeMap<>();
  private final Map<Long, List<String>> pairs = new TreeMap<>();
  private final Map<BitSet, Impact> impacts = new HashMap<>();
  private final Set<String> subscribed = new HashSet<>();

  FindingRules(DependencyModel model, CutSets cuts) {
    this.model = model;
    this.cuts = cuts;
    this.explain = new Explain(model);
    for (int i = 0; i < model.size(); i++) {
      if (model.component(i) instanceof Service s && s.critical()) {
        targets.add(new Target(s.id(), s.name(), new Expr.Leaf(i), i));
      }
    }
    model.catalog.clients().forEach(c -> subscribed.addAll(c.services()));
    model.lines.forEach((line, any) -> targets.add(new Target("line:" + line, line, any, -1)));
  }

  FindingRules run() {
    for (Target t : targets) {
      CutSets.Cuts c = cuts.of(t.expr());
      List<String> spofs = new ArrayList<>();
      c.singles().stream()
          .filter(i -> i != t.self())
          .forEach(i -> {
            spofs.add(id(i));
            singles.computeIfAbsent(i, k -> new ArrayList<>()).add(t.id());
          });
      List<List<String>> cutPairs = new ArrayList<>();
      c.pairs().stream()
          .sorted()
          .forEach(p -> {
            cutPairs.add(List.of(id(CutSets.first(p)), id(CutSets.second(p))));
            if (t.self() >= 0) {
              pairs.computeIfAbsent(p, k -> new ArrayList<>()).add(t.id());
            }
          });
      analyses.add(new TargetAnalysis(t.id(), t.name(), spofs, cutPairs));
    }
    singles.forEach(this::singlePoint);
    pairs.forEach(this::pair);
    for (int i = 0; i < model.size(); i++) {
      commonCauses(model.needs.get(i));
    }
    new NumberChecks(model, this).run();
    clientsWithoutContact();
    return this;
  }

  /** A client nobody can be told about: a catalogue gap, not a failure (score 1, WARNING). */
  private void clientsWithoutContact() {
    for (Client client : model.catalog.clients()) {
      if (client.contacts().isEmpty()) {
        Explain.Text text = explain.noContact(client.id());
        findings.add(
            new Finding(
                0,
                FindingKind.CLIENT_WITHOUT_CONTACT + ":" + client.id(),
                FindingKind.CLIENT_WITHOUT_CONTACT,
                Severity.WARNING,
                1,
                List.of(),
                List.of(),
                0,
                List.of(),
                List.of(client.id()),
                null,
                text.en(),
                text.fr()));
      }
    }
  }

  String id(int i) {
    return model.component(i).id();
  }

  CutSets cuts() {
    return cuts;
  }

  Explain explain() {
    return explain;
  }

  /** The impact of {@code ids} failing, memoised (a component is often in several findings). */
  Impact impact(List<String> ids) {
    return impacts.computeIfAbsent(model.failing(ids), failed -> Impacts.of(model, failed));
  }

  private void singlePoint(int i, List<String> hit) {
    Impact impact = impact(List.of(id(i)));
    List<String> lines = hit.stream().filter(t -> t.startsWith("line:")).toList();
    List<String> clientServices =
        impact.criticalServicesDown().stream().filter(subscribed::contains).toList();
    boolean coupled = !lines.isEmpty() && !clientServices.isEmpty();
    List<String> clients = clientsOf(impact);
    Explain.Text text =
        coupled
            ? explain.supportCoupled(id(i), lines, clientServices, clients.size())
            : explain.singlePoint(id(i), hit, clients);
    FindingKind kind = coupled ? FindingKind.SUPPORT_COUPLED : FindingKind.SINGLE_POINT_OF_FAILURE;
    add(kind, List.of(id(i)), hit, impact, null, text, true);
  }

  /**
   * A pair finding for the critical services it cuts (and the lines it cuts as well). Pairs that
   * cut only a line are left to the target analysis: the backup-number checks speak for lines, and
   * every main-side failure paired with every backup-side one would drown the list.
   */
  private void pair(long p, List<String> services) {
    List<String> both = List.of(id(CutSets.first(p)), id(CutSets.second(p)));
    Impact impact = impact(both);
    List<String> hit = new ArrayList<>(services);
    impact.linesDown().forEach(line -> hit.add("line:" + line));
    Explain.Text text = explain.pair(both.get(0), both.get(1), hit, clientsOf(impact));
    add(FindingKind.CUT_PAIR, both, hit, impact, null, text, false);
  }

  private void commonCauses(Expr e) {
    switch (e) {
      case Expr.Leaf leaf -> {}
      case Expr.All all -> all.members().forEach(this::commonCauses);
      case Expr.Any any -> {
        any.members().forEach(this::commonCauses);
        List<Integer> members = DependencyModel.leaves(any, new ArrayList<>());
        if (any.path() != null && members.stream().distinct().count() >= 2) {
          BitSet causes = cuts.of(any).singles();
          causes.stream().forEach(c -> commonCause(any, members, c));
        }
      }
    }
  }

  private void commonCause(Expr.Any group, List<Integer> members, int cause) {
    Impact impact = impact(List.of(id(cause)));
    List<String> memberIds = members.stream().distinct().map(this::id).toList();
    List<String> hit = singles.getOrDefault(cause, List.of());
    Explain.Text text =
        explain.commonCause(
            group.path(), memberIds, id(cause), impact.servicesDown(), clientsOf(impact));
    add(FindingKind.COMMON_CAUSE, List.of(id(cause)), hit, impact, group.path(), text, true);
  }

  /** The clients of an impact, or every client when a line (support) is cut off. */
  List<String> clientsOf(Impact impact) {
    if (impact.linesDown().isEmpty()) {
      return impact.clients();
    }
    return model.catalog.clients().stream().map(Client::id).toList();
  }

  void add(
      FindingKind kind,
      List<String> components,
      List<String> hit,
      Impact impact,
      String group,
      Explain.Text text,
      boolean singleFailure) {
    List<String> clients = clientsOf(impact);
    boolean heavy = !impact.criticalServicesDown().isEmpty() || !impact.linesDown().isEmpty();
    int score = Math.max(1, clients.size()) * (heavy ? 3 : 1);
    Severity severity =
        singleFailure == heavy
            ? (singleFailure ? Severity.CRITICAL : Severity.INFO)
            : Severity.WARNING;
    String id = kind + ":" + String.join("+", components) + (group == null ? "" : "@" + group);
    findings.add(
        new Finding(
            0,
            id,
            kind,
            severity,
            score,
            components,
            hit,
            impact.componentsDown().size(),
            impact.servicesDown(),
            clients,
            group,
            text.en(),
            text.fr()));
  }

  List<PhoneNumber> numbers(String line, NumberRole role) {
    return model.catalog.numbers().stream()
        .filter(n -> n.line().equals(line) && n.role() == role)
        .toList();
  }

  /** Whether some single component takes the target down. */
  boolean hasSinglePoint(String target) {
    return analyses.stream()
        .anyMatch(a -> a.target().equals(target) && !a.singlePointsOfFailure().isEmpty());
  }
}
