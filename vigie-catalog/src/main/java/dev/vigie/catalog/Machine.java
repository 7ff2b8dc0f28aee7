package dev.vigie.catalog;

import java.util.List;
import java.util.Map;

/**
 * A machine of the inventory (DESIGN.md section 4): the same entry serves the detector (addresses,
 * thresholds) and the catalogue (site, hosting, dependencies).
 *
 * @param client the client this machine serves (its PBX), or null for shared machines
 * @param site the site it runs at, or null
 * @param hosting the provider hosting it (a virtual infrastructure), or null
 * @param attributes the keys the catalogue does not interpret ({@code thresholds}...), kept as
 *     plain maps, lists and scalars for the modules that do
 */
public record Machine(
    String id,
    String name,
    List<String> addresses,
    String client,
    MachineRole role,
    String site,
    String hosting,
    List<Requirement> dependsOn,
    Map<String, Object> attributes)
    implements Component {
  public Machine {
    addresses = List.copyOf(addresses);
    dependsOn = List.copyOf(dependsOn);
    attributes = Map.copyOf(attributes);
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.MACHINE;
  }

  @Override
  public List<String> implicitDependencies() {
    return Component.present(site, hosting);
  }
}
