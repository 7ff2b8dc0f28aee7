package dev.vigie.catalog;

import java.util.List;

/**
 * A client of the platform: the services it uses and whom to tell when they fail. Machines whose
 * {@code client} names it (its PBX) count as its own too.
 */
public record Client(String id, String name, List<String> services, List<Contact> contacts) {
  public Client {
    services = List.copyOf(services);
    contacts = List.copyOf(contacts);
  }
}
