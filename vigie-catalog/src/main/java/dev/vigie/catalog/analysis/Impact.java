package dev.vigie.catalog.analysis;

import java.util.List;

/**
 * What goes down when some components fail, redundancy considered (an {@code anyOf} group fails
 * only when all its members do). Lists are ids in catalogue order.
 *
 * @param failed the components that failed by themselves
 * @param componentsDown every component down, the failed ones included
 * @param linesDown the lines (of phone numbers) none of whose numbers works
 * @param clients the clients with a service down or one of their machines down: the ones to notify
 */
public record Impact(
    List<String> failed,
    List<String> componentsDown,
    List<String> servicesDown,
    List<String> criticalServicesDown,
    List<String> numbersDown,
    List<String> linesDown,
    List<String> clients) {
  public Impact {
    failed = List.copyOf(failed);
    componentsDown = List.copyOf(componentsDown);
    servicesDown = List.copyOf(servicesDown);
    criticalServicesDown = List.copyOf(criticalServicesDown);
    numbersDown = List.copyOf(numbersDown);
    linesDown = List.copyOf(linesDown);
    clients = List.copyOf(clients);
  }

  /** Whether anything beyond the failed components themselves is down. */
  public boolean spreads() {
    return componentsDown.size() > failed.size() || !linesDown.isEmpty();
  }
}
