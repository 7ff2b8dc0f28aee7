package dev.vigie.server.status;

import java.time.Instant;
import java.util.List;

/**
 * An incident as one public page shows it (HTML and JSON), in the page's language: its number,
 * public title, public status, times, the public names of the services the page's audience uses,
 * and the public updates. Nothing else exists in this type, so nothing else can be rendered.
 */
public record PublicIncident(
    String number,
    String title,
    String status,
    Instant startedAt,
    Instant resolvedAt,
    List<String> services,
    List<Update> updates) {

  public PublicIncident {
    services = List.copyOf(services);
    updates = List.copyOf(updates);
  }

  /** One public update. */
  public record Update(Instant at, String text) {}

  public boolean active() {
    return resolvedAt == null;
  }
}
