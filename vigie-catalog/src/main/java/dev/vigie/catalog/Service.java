package dev.vigie.catalog;

import java.util.List;

/** A service clients use; {@code critical} ones get single-point-of-failure analysis. */
public record Service(String id, String name, boolean critical, List<Requirement> dependsOn)
    implements Component {
  public Service {
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.SERVICE;
  }
}
