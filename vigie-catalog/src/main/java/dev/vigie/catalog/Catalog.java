package dev.vigie.catalog;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A validated, immutable catalogue: providers, sites, machines (the inventory's), services, the
 * provider's own phone numbers and the clients. Component ids are unique across kinds and every
 * reference resolves; the dependency graph has no cycle. Build one with {@link #load(Path)}, {@link
 * #parse(String)} or {@link #of}; all three report every error at once in a {@link
 * CatalogException}. Thread-safe (immutable).
 */
public final class Catalog {
  private final List<Provider> providers;
  private final List<Site> sites;
  private final List<Machine> machines;
  private final List<Service> services;
  private final List<PhoneNumber> numbers;
  private final List<Client> clients;
  private final List<String> protectedAddresses;
  private final Map<String, Component> components = new LinkedHashMap<>();
  private final Map<String, Client> clientsById = new LinkedHashMap<>();

  Catalog(
      List<Provider> providers,
      List<Site> sites,
      List<Machine> machines,
      List<Service> services,
      List<PhoneNumber> numbers,
      List<Client> clients,
      List<String> protectedAddresses) {
    this.providers = List.copyOf(providers);
    this.sites = List.copyOf(sites);
    this.machines = List.copyOf(machines);
    this.services = List.copyOf(services);
    this.numbers = List.copyOf(numbers);
    this.clients = List.copyOf(clients);
    this.protectedAddresses = List.copyOf(protectedAddresses);
    Stream.of(this.providers, this.sites, this.machines, this.services, this.numbers)
        .flatMap(List::stream)
        .forEach(c -> components.putIfAbsent(c.id(), c));
    this.clients.forEach(c -> clientsById.putIfAbsent(c.id(), c));
  }

  /** Reads and validates a YAML catalogue (or an inventory, or a {@code serve} config with one). */
  public static Catalog load(Path file) throws CatalogException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new CatalogException(file.toString(), List.of(new CatalogError("", "no such file")));
    } catch (MalformedInputException e) {
      throw new CatalogException(file.toString(), List.of(new CatalogError("", "not UTF-8 text")));
    } catch (IOException e) {
      String why = Files.isDirectory(file) ? "is a directory, not a file" : "cannot read: " + e;
      throw new CatalogException(file.toString(), List.of(new CatalogError("", why)));
    }
    return CatalogLoader.load(text, file.toString());
  }

  /** Reads and validates a catalogue from YAML text. */
  public static Catalog parse(String yaml) throws CatalogException {
    return CatalogLoader.load(yaml, "catalogue");
  }

  /** Builds and validates a catalogue from records (references, duplicate ids, cycles). */
  public static Catalog of(
      List<Provider> providers,
      List<Site> sites,
      List<Machine> machines,
      List<Service> services,
      List<PhoneNumber> numbers,
      List<Client> clients)
      throws CatalogException {
    Catalog catalog =
        new Catalog(providers, sites, machines, services, numbers, clients, List.of());
    List<CatalogError> errors = CatalogValidator.validate(catalog);
    if (!errors.isEmpty()) {
      throw new CatalogException("catalogue", errors);
    }
    return catalog;
  }

  public List<Provider> providers() {
    return providers;
  }

  public List<Site> sites() {
    return sites;
  }

  public List<Machine> machines() {
    return machines;
  }

  public List<Service> services() {
    return services;
  }

  public List<PhoneNumber> numbers() {
    return numbers;
  }

  public List<Client> clients() {
    return clients;
  }

  /** The inventory's {@code protected} addresses and networks, as written. */
  public List<String> protectedAddresses() {
    return protectedAddresses;
  }

  /** Every component in declaration order: providers, sites, machines, services, numbers. */
  public Collection<Component> components() {
    return components.values();
  }

  public Optional<Component> component(String id) {
    return Optional.ofNullable(components.get(id));
  }

  /**
   * The component with this id, or else the one whose name is this (ignoring case): incidents and
   * operators often name services as people say them ("Téléphonie IP 3CX").
   */
  public Optional<Component> resolve(String idOrName) {
    Component byId = components.get(idOrName);
    if (byId != null) {
      return Optional.of(byId);
    }
    return components.values().stream()
        .filter(c -> c.name().equalsIgnoreCase(idOrName.strip()))
        .findFirst();
  }

  public Optional<Client> client(String id) {
    return Optional.ofNullable(clientsById.get(id));
  }

  /** The client with this id, or else with this name ignoring case (as an operator types it). */
  public Optional<Client> findClient(String idOrName) {
    Client byId = clientsById.get(idOrName);
    if (byId != null) {
      return Optional.of(byId);
    }
    return clients.stream().filter(c -> c.name().equalsIgnoreCase(idOrName.strip())).findFirst();
  }

  /** The contacts of the given clients, in the order given; unknown ids are skipped. */
  public List<Contact> contactsOf(Collection<String> clientIds) {
    List<Contact> out = new ArrayList<>();
    for (String id : clientIds) {
      client(id).ifPresent(c -> out.addAll(c.contacts()));
    }
    return List.copyOf(out);
  }

  /** The number of components of all kinds. */
  public int size() {
    return components.size();
  }
}
