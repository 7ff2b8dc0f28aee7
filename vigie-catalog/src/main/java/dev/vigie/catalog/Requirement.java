package dev.vigie.catalog;

import java.util.List;

/**
 * One dependency group of a component: a single component, all of several (AND) or any of several
 * (OR, redundancy). Groups nest: {@code anyOf: [{allOf: [sbc-1, proxy-1]}, sbc-2]}.
 *
 * <p>In YAML a bare string is an {@link On}, a map {@code {allOf: [...]}} an {@link AllOf} and
 * {@code {anyOf: [...]}} an {@link AnyOf}.
 */
public sealed interface Requirement {

  /** The component with this id must be up. */
  record On(String component) implements Requirement {}

  /** Every member must hold. */
  record AllOf(List<Requirement> members) implements Requirement {
    public AllOf {
      members = List.copyOf(members);
    }
  }

  /** At least one member must hold: the members are redundant. */
  record AnyOf(List<Requirement> members) implements Requirement {
    public AnyOf {
      members = List.copyOf(members);
    }
  }

  /** The ids of every component this group names, at any depth, in order (with repeats). */
  default List<String> components() {
    return switch (this) {
      case On on -> List.of(on.component());
      case AllOf all -> all.members().stream().flatMap(m -> m.components().stream()).toList();
      case AnyOf any -> any.members().stream().flatMap(m -> m.components().stream()).toList();
    };
  }

  /** Shorthand for {@code new On(id)}. */
  static Requirement on(String id) {
    return new On(id);
  }
}
