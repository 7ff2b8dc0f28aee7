package dev.vigie.catalog.analysis;

import java.util.List;

/**
 * A dependency group compiled to component indices: the AND/OR tree the evaluator and the cut-set
 * algebra walk. {@code path} names the group in the catalogue ({@code
 * services[voip-3cx].dependsOn[0]}) for explanations; null for groups the analysis makes up.
 */
sealed interface Expr {
  record Leaf(int component) implements Expr {}

  record All(List<Expr> members, String path) implements Expr {
    public All {
      members = List.copyOf(members);
    }
  }

  record Any(List<Expr> members, String path) implements Expr {
    public Any {
      members = List.copyOf(members);
    }
  }
}
