package dev.vigie.server.status;

import java.time.Instant;
import java.util.List;

/**
 * An incident as the public status page shows it: no internal notes, only its number, title, public
 * status, the services it touches and its public updates.
 */
public record PublicIncident(
    String number,
    String title,
    String status,
    Instant startedAt,
    Instant resolvedAt,
    List<String> services,
    List<String> clients,
    List<Update> updates) {
  /** One public update. */
  public record Update(Instant at, String text) {}

  public boolean active() {
    return resolvedAt == null;
  }
}
