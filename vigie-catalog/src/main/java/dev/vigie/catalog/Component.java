package dev.vigie.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Anything whose failure can take a service down: a provider, a site, a machine, a service or a
 * phone number. Ids are unique across all kinds, so a dependency names a component by id alone.
 */
public sealed interface Component permits Provider, Site, Machine, Service, PhoneNumber {

  String id();

  /** The human name; the id when the catalogue gives none. */
  String name();

  ComponentKind kind();

  /** The explicit {@code dependsOn} groups, all of which must hold. */
  List<Requirement> dependsOn();

  /**
   * Every group this component needs, the implicit ones first (a machine's site and hosting
   * provider, a site's provider, a number's carrier and platform) then {@code dependsOn}.
   */
  default List<Requirement> requires() {
    List<Requirement> all = new ArrayList<>();
    for (String id : implicitDependencies()) {
      all.add(Requirement.on(id));
    }
    all.addAll(dependsOn());
    return List.copyOf(all);
  }

  /** The ids this component needs through its typed keys (site, hosting, carrier...). */
  default List<String> implicitDependencies() {
    return List.of();
  }

  /** "Name (id)" or just the id when they are the same, for explanations. */
  default String label() {
    return name().equals(id()) ? id() : name() + " (" + id() + ")";
  }

  /** Drops nulls from an id list. */
  static List<String> present(String... ids) {
    List<String> out = new ArrayList<>();
    for (String id : ids) {
      if (id != null) {
        out.add(id);
      }
    }
    return List.copyOf(out);
  }
}
