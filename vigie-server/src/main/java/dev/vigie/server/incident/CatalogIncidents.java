package dev.vigie.server.incident;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.Client;
import dev.vigie.catalog.analysis.CatalogAnalysis;
import dev.vigie.incident.AffectedClient;
import dev.vigie.incident.IncidentCatalog;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue as the incident stage sees it: the clients affected by a machine are those whose
 * services go down with it (the catalogue's redundancy-aware impact), so that an incident opened by
 * an alert on a machine names exactly the clients to tell. Every machine is its own correlation
 * group.
 */
public final class CatalogIncidents implements IncidentCatalog {
  private final Catalog catalog;

  public CatalogIncidents(Catalog catalog) {
    this.catalog = catalog;
  }

  /** The view of a catalogue, or {@link IncidentCatalog#NONE} when there is none. */
  public static IncidentCatalog of(Catalog catalog) {
    return catalog == null ? IncidentCatalog.NONE : new CatalogIncidents(catalog);
  }

  @Override
  public Optional<AffectedClient> client(String nameOrId) {
    return catalog.findClient(nameOrId).map(CatalogIncidents::affected);
  }

  @Override
  public List<AffectedClient> clientsOf(String machineId) {
    if (catalog.component(machineId).isEmpty()) return List.of();
    return CatalogAnalysis.impact(catalog, List.of(machineId)).clients().stream()
        .map(id ->
            catalog.client(id).map(CatalogIncidents::affected).orElse(AffectedClient.entered(id)))
        .toList();
  }

  /**
   * Walks down from every critical service through what it requires (explicit groups, redundant
   * members included, and implicit site/hosting dependencies): O(components + dependencies).
   */
  @Override
  public boolean carriesCriticalService(String machineId) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
    for (var s : catalog.services()) if (s.critical()) todo.add(s.id());
    while (!todo.isEmpty()) {
      String id = todo.poll();
      if (!seen.add(id)) continue;
      if (id.equals(machineId)) return true;
      catalog
          .component(id)
          .ifPresent(c -> {
            for (var r : c.requires()) todo.addAll(r.components());
          });
    }
    return false;
  }

  @Override
  public long users(String catalogId) {
    return catalog.client(catalogId).map(Client::users).orElse(0L);
  }

  @Override
  public long totalUsers() {
    long sum = 0;
    for (Client c : catalog.clients()) sum += c.users();
    return sum;
  }

  @Override
  public Optional<String> groupOf(String machineId) {
    return Optional.empty();
  }

  private static AffectedClient affected(Client c) {
    return new AffectedClient(c.name() == null ? c.id() : c.name(), c.id());
  }
}
