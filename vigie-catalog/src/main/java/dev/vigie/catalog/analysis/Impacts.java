package dev.vigie.catalog.analysis;

import dev.vigie.catalog.Client;
import dev.vigie.catalog.Component;
import dev.vigie.catalog.Machine;
import dev.vigie.catalog.Service;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Computes {@link Impact}s on a {@link DependencyModel}: one evaluation, O(size of groups). */
final class Impacts {
  private Impacts() {}

  static Impact of(DependencyModel model, BitSet failed) {
    BitSet up = model.up(failed);
    List<String> failedIds = new ArrayList<>();
    List<String> down = new ArrayList<>();
    List<String> services = new ArrayList<>();
    List<String> critical = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    Set<String> downIds = new HashSet<>();
    for (int i = 0; i < model.size(); i++) {
      if (up.get(i)) {
        continue;
      }
      Component c = model.component(i);
      downIds.add(c.id());
      down.add(c.id());
      if (failed.get(i)) {
        failedIds.add(c.id());
      }
      switch (c) {
        case Service s -> {
          services.add(s.id());
          if (s.critical()) {
            critical.add(s.id());
          }
        }
        case dev.vigie.catalog.PhoneNumber n -> numbers.add(n.id());
        default -> {}
      }
    }
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Expr.Any> line : model.lines.entrySet()) {
      if (!DependencyModel.holds(line.getValue(), up)) {
        lines.add(line.getKey());
      }
    }
    List<String> clients = new ArrayList<>();
    for (Client client : model.catalog.clients()) {
      boolean hit = client.services().stream().anyMatch(downIds::contains);
      for (Machine m : model.catalog.machines()) {
        hit |= client.id().equals(m.client()) && downIds.contains(m.id());
      }
      if (hit) {
        clients.add(client.id());
      }
    }
    return new Impact(failedIds, down, services, critical, numbers, lines, clients);
  }
}
