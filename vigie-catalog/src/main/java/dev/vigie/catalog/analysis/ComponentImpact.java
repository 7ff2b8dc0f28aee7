package dev.vigie.catalog.analysis;

import java.util.List;

/** What the failure of one component takes down, for the console's "click a node" view. */
public record ComponentImpact(
    String component,
    String kind,
    List<String> servicesDown,
    List<String> criticalServicesDown,
    List<String> linesDown,
    List<String> clients) {
  public ComponentImpact {
    servicesDown = List.copyOf(servicesDown);
    criticalServicesDown = List.copyOf(criticalServicesDown);
    linesDown = List.copyOf(linesDown);
    clients = List.copyOf(clients);
  }
}
