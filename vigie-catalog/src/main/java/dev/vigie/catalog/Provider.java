package dev.vigie.catalog;

import java.util.List;

/**
 * An outside supplier: carrier, hosting (virtual infrastructure), network, DNS, email...
 *
 * @param supplies what it supplies (the YAML key {@code kind})
 */
public record Provider(String id, String name, ProviderKind supplies, List<Requirement> dependsOn)
    implements Component {
  public Provider {
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.PROVIDER;
  }
}
