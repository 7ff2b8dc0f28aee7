package dev.vigie.catalog.analysis;

import dev.vigie.catalog.Component;
import dev.vigie.catalog.PhoneNumber;
import dev.vigie.catalog.Service;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/** Computes {@link Impact}s on a {@link DependencyModel}: one evaluation, O(size of groups). */
final class Impacts {
  private Impacts() {}

  static Impact of(DependencyModel model, BitSet failed) {
    BitSet up = model.up(failed);
    List<String> failedIds = new ArrayList<>();
    List<String> downIds = new ArrayList<>();
    List<String> services = new ArrayList<>();
    List<String> critical = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    for (int i = up.nextClearBit(0); i < model.size(); i = up.nextClearBit(i + 1)) {
      Component c = model.component(i);
      downIds.add(c.id());
      if (failed.get(i)) {
        failedIds.add(c.id());
      }
      // instanceof, not a type switch: this loop runs once per down component per impact
      if (c instanceof Service s) {
        services.add(s.id());
        if (s.critical()) {
          critical.add(s.id());
        }
      } else if (c instanceof PhoneNumber n) {
        numbers.add(n.id());
      }
    }
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Expr.Any> line : model.lines.entrySet()) {
      if (!DependencyModel.holds(line.getValue(), up)) {
        lines.add(line.getKey());
      }
    }
    List<String> clients = new ArrayList<>();
    BitSet down = (BitSet) up.clone();
    down.flip(0, model.size());
    for (int c = 0; c < model.clientComponents.size(); c++) {
      if (model.clientComponents.get(c).intersects(down)) {
        clients.add(model.catalog.clients().get(c).id());
      }
    }
    return new Impact(failedIds, downIds, services, critical, numbers, lines, clients);
  }
}
