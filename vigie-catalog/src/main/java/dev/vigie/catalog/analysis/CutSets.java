package dev.vigie.catalog.analysis;

import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Minimal cut sets of size one and two of every component: the single components, and the pairs of
 * components (neither a single one), whose failure takes it down.
 *
 * <p>Algorithm: the bottom-up cut-set algebra of fault trees, truncated at order two. For a
 * component c, MCS(c) = {{c}} ∪ MCS(AND of its groups); MCS(AND of x, y) = min(MCS(x) ∪ MCS(y));
 * MCS(OR of x, y) = min{a ∪ b : a ∈ MCS(x), b ∈ MCS(y)}. Truncation is exact because a minimal cut
 * of order ≤ 2 is made of child cuts of order ≤ 2. With singles S and pairs P of each side, the OR
 * keeps singles Sx ∩ Sy and pairs {a, b} (a ∈ Sx, b ∈ Sy), the pairs of one side that meet the
 * other side's singles, and Px ∩ Py; "min" drops pairs containing a single. Components are visited
 * in topological order and memoised, so each is computed once. Cost per node is O(|S|² + |P|),
 * hence O(n²) space per node and O(E·n²) time in the worst case, a few milliseconds for hundreds of
 * components in practice. Tests check it against removing every component (and pair) and
 * re-evaluating.
 */
final class CutSets {
  /** Singles as a bit set of component indices, pairs packed as {@code (low << 32) | high}. */
  record Cuts(BitSet singles, Set<Long> pairs) {}

  private final DependencyModel model;
  private final Cuts[] memo;

  CutSets(DependencyModel model) {
    this.model = model;
    this.memo = new Cuts[model.size()];
    for (int i : model.order) {
      BitSet self = new BitSet();
      self.set(i);
      memo[i] = and(List.of(new Cuts(self, Set.of()), of(model.needs.get(i))));
    }
  }

  /** The cuts of component {@code i}. */
  Cuts of(int i) {
    return memo[i];
  }

  Cuts of(Expr e) {
    return switch (e) {
      case Expr.Leaf leaf -> memo[leaf.component()];
      case Expr.All all -> and(all.members().stream().map(this::of).toList());
      case Expr.Any any -> or(any.members().stream().map(this::of).toList());
    };
  }

  static long pair(int a, int b) {
    return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
  }

  static int first(long pair) {
    return (int) (pair >>> 32);
  }

  static int second(long pair) {
    return (int) pair;
  }

  private static Cuts and(List<Cuts> parts) {
    BitSet singles = new BitSet();
    Set<Long> pairs = new HashSet<>();
    for (Cuts c : parts) {
      singles.or(c.singles());
      pairs.addAll(c.pairs());
    }
    return minimal(singles, pairs);
  }

  private static Cuts or(List<Cuts> parts) {
    if (parts.isEmpty()) {
      return new Cuts(new BitSet(), Set.of());
    }
    Cuts acc = parts.get(0);
    for (int k = 1; k < parts.size(); k++) {
      acc = or(acc, parts.get(k));
    }
    return acc;
  }

  private static Cuts or(Cuts x, Cuts y) {
    BitSet singles = (BitSet) x.singles().clone();
    singles.and(y.singles());
    Set<Long> pairs = new HashSet<>();
    x.singles().stream()
        .forEach(a -> y.singles().stream().filter(b -> b != a).forEach(b -> pairs.add(pair(a, b))));
    meeting(x.pairs(), y.singles(), pairs);
    meeting(y.pairs(), x.singles(), pairs);
    for (long p : x.pairs()) {
      if (y.pairs().contains(p)) {
        pairs.add(p);
      }
    }
    return minimal(singles, pairs);
  }

  private static void meeting(Set<Long> pairs, BitSet singles, Set<Long> into) {
    for (long p : pairs) {
      if (singles.get(first(p)) || singles.get(second(p))) {
        into.add(p);
      }
    }
  }

  private static Cuts minimal(BitSet singles, Set<Long> pairs) {
    pairs.removeIf(p -> singles.get(first(p)) || singles.get(second(p)));
    return new Cuts(singles, pairs);
  }
}
