package dev.vigie.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checks what the YAML shape cannot: ids unique across every component kind (and among clients),
 * every reference naming a component of the expected kind, and no dependency cycle ({@link
 * DependencyCycles}). Linear in the size of the catalogue plus the cycle search.
 */
final class CatalogValidator {
  private final Catalog catalog;
  private final List<CatalogError> errors = new ArrayList<>();

  private CatalogValidator(Catalog catalog) {
    this.catalog = catalog;
  }

  static List<CatalogError> validate(Catalog catalog) {
    CatalogValidator v = new CatalogValidator(catalog);
    v.duplicates();
    v.references();
    v.errors.addAll(DependencyCycles.find(catalog));
    return List.copyOf(v.errors);
  }

  static String where(Component c) {
    return c.kind().section() + "[" + c.id() + "]";
  }

  private void duplicates() {
    Map<String, Component> seen = new HashMap<>();
    Stream.of(
            catalog.providers(),
            catalog.sites(),
            catalog.machines(),
            catalog.services(),
            catalog.numbers())
        .flatMap(List::stream)
        .forEach(c -> {
          Component first = seen.putIfAbsent(c.id(), c);
          if (first != null) {
            errors.add(
                new CatalogError(
                    where(c),
                    "duplicate id '"
                        + c.id()
                        + "' (already used by a "
                        + first.kind().en()
                        + " in "
                        + first.kind().section()
                        + ")"));
          }
        });
    Map<String, Client> clients = new HashMap<>();
    for (Client c : catalog.clients()) {
      if (clients.putIfAbsent(c.id(), c) != null) {
        errors.add(new CatalogError("clients[" + c.id() + "]", "duplicate id '" + c.id() + "'"));
      }
    }
  }

  private void references() {
    for (Site s : catalog.sites()) {
      typed(where(s) + ".provider", s.provider(), ComponentKind.PROVIDER);
      groups(s);
    }
    for (Provider p : catalog.providers()) {
      groups(p);
    }
    boolean checkClients = !catalog.clients().isEmpty();
    for (Machine m : catalog.machines()) {
      typed(where(m) + ".site", m.site(), ComponentKind.SITE);
      typed(where(m) + ".hosting", m.hosting(), ComponentKind.PROVIDER);
      if (checkClients && m.client() != null && catalog.client(m.client()).isEmpty()) {
        errors.add(
            new CatalogError(
                where(m) + ".client",
                "unknown client '" + m.client() + "'" + suggest(m.client(), clientIds())));
      }
      groups(m);
    }
    catalog.services().forEach(this::groups);
    for (PhoneNumber n : catalog.numbers()) {
      typed(where(n) + ".carrier", n.carrier(), ComponentKind.PROVIDER);
      typed(where(n) + ".platform", n.platform(), ComponentKind.SERVICE);
      for (int i = 0; i < n.publishedOn().size(); i++) {
        typed(where(n) + ".publishedOn[" + i + "]", n.publishedOn().get(i), null);
      }
      groups(n);
    }
    for (Client c : catalog.clients()) {
      for (int i = 0; i < c.services().size(); i++) {
        typed(
            "clients[" + c.id() + "].services[" + i + "]",
            c.services().get(i),
            ComponentKind.SERVICE);
      }
    }
  }

  private List<String> clientIds() {
    return catalog.clients().stream().map(Client::id).toList();
  }

  private void groups(Component c) {
    for (int i = 0; i < c.dependsOn().size(); i++) {
      requirement(c.dependsOn().get(i), where(c) + ".dependsOn[" + i + "]");
    }
  }

  private void requirement(Requirement r, String path) {
    switch (r) {
      case Requirement.On on -> typed(path, on.component(), null);
      case Requirement.AllOf all -> members(all.members(), path + ".allOf");
      case Requirement.AnyOf any -> members(any.members(), path + ".anyOf");
    }
  }

  private void members(List<Requirement> members, String path) {
    java.util.Set<Requirement> seen = new java.util.HashSet<>();
    for (int i = 0; i < members.size(); i++) {
      requirement(members.get(i), path + "[" + i + "]");
      if (members.get(i) instanceof Requirement.On on && !seen.add(on)) {
        errors.add(
            new CatalogError(
                path + "[" + i + "]", "'" + on.component() + "' is listed twice in this group"));
      }
    }
  }

  /** Checks that {@code id} (when given) names a component, of {@code kind} unless null. */
  private void typed(String path, String id, ComponentKind kind) {
    if (id == null) {
      return;
    }
    Component target = catalog.component(id).orElse(null);
    String noun = kind == null ? "component" : kind.en();
    if (target == null) {
      List<String> candidates =
          catalog.components().stream()
              .filter(c -> kind == null || c.kind() == kind)
              .map(Component::id)
              .toList();
      errors.add(
          new CatalogError(path, "unknown " + noun + " '" + id + "'" + suggest(id, candidates)));
    } else if (kind != null && target.kind() != kind) {
      errors.add(
          new CatalogError(
              path, "'" + id + "' is a " + target.kind().en() + ", expected a " + kind.en()));
    }
  }

  /** " (did you mean 'x'?)" for the closest candidate within edit distance 2, else "". */
  static String suggest(String id, List<String> candidates) {
    String best = null;
    int bestDistance = 3;
    for (String c : candidates) {
      int d = distance(id, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  /** Levenshtein distance, O(|a|·|b|). */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
