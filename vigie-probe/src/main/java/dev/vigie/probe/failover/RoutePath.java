package dev.vigie.probe.failover;

import java.util.List;

/**
 * One way calls reach a main number: catalogue components in series (carrier trunk, SBC, client
 * proxy, PBX...). The path carries calls only when every one of them is available.
 */
public record RoutePath(String name, List<String> components) {
  public RoutePath {
    components = List.copyOf(components);
  }
}
