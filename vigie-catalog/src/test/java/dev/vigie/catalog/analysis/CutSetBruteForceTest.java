package dev.vigie.catalog.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.CatalogException;
import dev.vigie.catalog.Provider;
import dev.vigie.catalog.ProviderKind;
import dev.vigie.catalog.Requirement;
import dev.vigie.catalog.Service;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The cut-set algebra against brute force: on random acyclic AND/OR catalogues, the single points
 * of failure (and cut pairs) of every service are exactly the components (pairs) whose removal,
 * re-evaluated on the whole graph, takes it down.
 */
class CutSetBruteForceTest {

  @Property(tries = 400)
  void cutSetsEqualBruteForce(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 6) int providers,
      @ForAll @IntRange(min = 1, max = 8) int services)
      throws CatalogException {
    Catalog catalog = random(new Random(seed), providers, services);
    DependencyModel model = new DependencyModel(catalog);
    CutSets cuts = new CutSets(model);
    for (int target = 0; target < model.size(); target++) {
      CutSets.Cuts c = cuts.of(target);
      assertThat(c.singles())
          .as("singles of %s", model.component(target).id())
          .isEqualTo(bruteSingles(model, target));
      assertThat(c.pairs())
          .as("pairs of %s", model.component(target).id())
          .isEqualTo(brutePairs(model, target, c.singles()));
    }
  }

  static BitSet bruteSingles(DependencyModel model, int target) {
    BitSet out = new BitSet();
    for (int i = 0; i < model.size(); i++) {
      if (!model.up(bits(i)).get(target)) {
        out.set(i);
      }
    }
    return out;
  }

  static Set<Long> brutePairs(DependencyModel model, int target, BitSet singles) {
    Set<Long> out = new HashSet<>();
    for (int i = 0; i < model.size(); i++) {
      for (int j = i + 1; j < model.size(); j++) {
        if (!singles.get(i) && !singles.get(j) && !model.up(bits(i, j)).get(target)) {
          out.add(CutSets.pair(i, j));
        }
      }
    }
    return out;
  }

  static BitSet bits(int... indices) {
    BitSet b = new BitSet();
    for (int i : indices) {
      b.set(i);
    }
    return b;
  }

  /** Providers p0.., then services s0.. each needing random groups of earlier components. */
  static Catalog random(Random rnd, int providers, int services) throws CatalogException {
    List<Provider> ps = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < providers; i++) {
      ps.add(new Provider("p" + i, "p" + i, ProviderKind.OTHER, List.of()));
      ids.add("p" + i);
    }
    List<Service> ss = new ArrayList<>();
    for (int i = 0; i < services; i++) {
      List<Requirement> groups = new ArrayList<>();
      int count = 1 + rnd.nextInt(3);
      for (int g = 0; g < count; g++) {
        groups.add(requirement(rnd, ids, 2));
      }
      ss.add(new Service("s" + i, "s" + i, true, groups));
      ids.add("s" + i);
    }
    return Catalog.of(ps, List.of(), List.of(), ss, List.of(), List.of());
  }

  static Requirement requirement(Random rnd, List<String> ids, int depth) {
    if (depth == 0 || rnd.nextInt(3) == 0) {
      return Requirement.on(ids.get(rnd.nextInt(ids.size())));
    }
    List<Requirement> members = new ArrayList<>();
    int count = 1 + rnd.nextInt(3);
    for (int i = 0; i < count; i++) {
      Requirement member = requirement(rnd, ids, depth - 1);
      if (!members.contains(member)) { // a group may not name a component twice
        members.add(member);
      }
    }
    return rnd.nextBoolean() ? new Requirement.AllOf(members) : new Requirement.AnyOf(members);
  }
}
