package dev.vigie.catalog;

import java.util.List;

/**
 * A client of the platform: the services it uses and whom to tell when they fail. Machines whose
 * {@code client} names it (its PBX) count as its own too.
 *
 * @param users how many users (extensions, seats) the client has on the platform, 0 when not given;
 *     an incident's default {@code usersAffected} is the sum over its affected clients, and the
 *     NIS2 thresholds compare it with the sum over all clients (docs/obligations.md)
 */
public record Client(
    String id, String name, List<String> services, List<Contact> contacts, long users) {
  public Client {
    services = List.copyOf(services);
    contacts = List.copyOf(contacts);
    if (users < 0) {
      throw new IllegalArgumentException("client " + id + ": users must be >= 0, got " + users);
    }
  }

  /** A client whose number of users is not given. */
  public Client(String id, String name, List<String> services, List<Contact> contacts) {
    this(id, name, services, contacts, 0);
  }
}
