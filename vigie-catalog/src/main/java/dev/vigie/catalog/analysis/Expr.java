package dev.vigie.catalog.analysis;

import java.util.BitSet;
import java.util.List;

/**
 * A dependency group compiled to component indices: the AND/OR tree the evaluator and the cut-set
 * algebra walk. {@code path} names the group in the catalogue ({@code
 * services[voip-3cx].dependsOn[0]}) for explanations; null for groups the analysis makes up. {@link
 * #holds} is a virtual call with indexed loops: it is the inner loop of every impact.
 */
sealed interface Expr {
  /** Whether the group holds when exactly the components in {@code up} are up. */
  boolean holds(BitSet up);

  record Leaf(int component) implements Expr {
    @Override
    public boolean holds(BitSet up) {
      return up.get(component);
    }
  }

  record All(List<Expr> members, String path) implements Expr {
    public All {
      members = List.copyOf(members);
    }

    @Override
    public boolean holds(BitSet up) {
      for (int i = 0; i < members.size(); i++) {
        if (!members.get(i).holds(up)) {
          return false;
        }
      }
      return true;
    }
  }

  record Any(List<Expr> members, String path) implements Expr {
    public Any {
      members = List.copyOf(members);
    }

    @Override
    public boolean holds(BitSet up) {
      for (int i = 0; i < members.size(); i++) {
        if (members.get(i).holds(up)) {
          return true;
        }
      }
      return false;
    }
  }
}
