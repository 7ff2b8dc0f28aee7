package dev.vigie.catalog;

import java.util.List;

/**
 * One of the provider's own phone numbers (support, on-call). A number works when its carrier and
 * the platform (a service) that answers it both work; a line (numbers sharing {@code line}) is
 * reachable while any of its numbers works.
 *
 * @param number the dialled number as written ("+33 4 66 90 00 00"), or null
 * @param line the line it belongs to ("support" unless said otherwise)
 * @param publishedOn the components (a website, a status page) where clients find this number; for
 *     a backup, these should stay up when the main numbers fail
 */
public record PhoneNumber(
    String id,
    String name,
    String number,
    String line,
    NumberRole role,
    String carrier,
    String platform,
    List<String> publishedOn,
    List<Requirement> dependsOn)
    implements Component {
  public PhoneNumber {
    publishedOn = List.copyOf(publishedOn);
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.NUMBER;
  }

  @Override
  public List<String> implicitDependencies() {
    return Component.present(carrier, platform);
  }
}
