package dev.vigie.catalog;

import java.util.List;

/** A place machines run in (a datacentre, a rack); {@code provider} operates it, when known. */
public record Site(String id, String name, String provider, List<Requirement> dependsOn)
    implements Component {
  public Site {
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.SITE;
  }

  @Override
  public List<String> implicitDependencies() {
    return Component.present(provider);
  }
}
