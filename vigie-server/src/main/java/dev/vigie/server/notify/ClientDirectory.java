package dev.vigie.server.notify;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.Client;
import dev.vigie.catalog.Component;
import dev.vigie.catalog.Contact;
import dev.vigie.catalog.NumberRole;
import dev.vigie.catalog.PhoneNumber;
import dev.vigie.catalog.analysis.CatalogAnalysis;
import dev.vigie.incident.AffectedClient;
import dev.vigie.incident.Incident;
import dev.vigie.incident.Language;
import dev.vigie.incident.notify.ClientContacts;
import dev.vigie.incident.notify.NotificationContext;
import dev.vigie.server.status.StatusLinks;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What notifications take from the catalogue: each client's contacts (with the default language
 * where none is set), the support numbers, each client's status link, and who an incident affects.
 * Built once at start (the catalogue is fixed for the server's life); immutable, thread-safe.
 */
public final class ClientDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(ClientDirectory.class);
  private final Catalog catalog;
  private final Map<String, ClientContacts> contacts;
  private final NotificationContext context;

  /**
   * @throws IllegalStateException when there is no backup number (the catalogue's or {@code
   *     notifications.backupNumber}): every message must name one
   */
  public ClientDirectory(Catalog catalog, NotificationSettings s, StatusLinks links) {
    this.catalog = catalog;
    Map<String, ClientContacts> dir = new LinkedHashMap<>();
    Map<String, URI> pages = new LinkedHashMap<>();
    List<String> main = new ArrayList<>();
    String backup = s.backupNumber();
    if (catalog != null) {
      for (Client c : catalog.clients()) {
        dir.put(c.id(), contactsOf(c, s.defaultLanguage()));
        if (s.clientLinks() && links != null) pages.put(c.id(), s.clientPage(links.token(c.id())));
      }
      for (PhoneNumber n : catalog.numbers()) {
        String number = n.number() != null ? n.number() : n.id();
        if (n.role() == NumberRole.MAIN) main.add(number);
        else if (backup == null && n.role() == NumberRole.BACKUP) backup = number;
      }
    }
    if (backup == null) {
      throw new IllegalStateException(
          "notifications: no backup number (set one with role: backup in the catalogue's numbers,"
              + " or notifications.backupNumber): every client message names it");
    }
    this.contacts = Map.copyOf(dir);
    this.context =
        new NotificationContext(
            s.companyName(), s.statusPage(), pages, backup, main, s.zone(), null);
  }

  private static ClientContacts contactsOf(Client c, Language dflt) {
    List<ClientContacts.Contact> out = new ArrayList<>();
    for (Contact k : c.contacts()) {
      if (k.email() == null || k.email().isBlank()) continue;
      try {
        Language l = k.language() == null ? dflt : Language.parse(k.language());
        out.add(new ClientContacts.Contact(k.email(), l));
      } catch (IllegalArgumentException e) {
        LOG.warn(
            "client {}: contact {} left out of notifications: {}",
            c.id(),
            k.name(),
            e.getMessage());
      }
    }
    return new ClientContacts(c.id(), c.name() == null ? c.id() : c.name(), out);
  }

  public Map<String, ClientContacts> contacts() {
    return contacts;
  }

  /** The context without an incident (company, links, numbers, zone). */
  public NotificationContext context() {
    return context;
  }

  /** Every client with at least one contact, in id order. */
  public Set<String> clientsWithContacts() {
    Set<String> out = new TreeSet<>();
    contacts.forEach((id, c) -> {
      if (!c.contacts().isEmpty()) out.add(id);
    });
    return out;
  }

  /**
   * The catalogue clients an incident affects: its affected clients (catalogue id, or a name or id
   * the catalogue knows), plus the redundancy-aware impact of the catalogue components it names
   * (services given by id or name, and the machine of a {@code machine:ID} correlation key).
   */
  public Set<String> affected(Incident incident) {
    Set<String> out = new TreeSet<>();
    if (catalog == null) return out;
    for (AffectedClient a : incident.affectedClients()) {
      String id = a.catalogId();
      if (id == null) id = catalog.findClient(a.name()).map(Client::id).orElse(null);
      if (id != null) out.add(id);
    }
    List<String> failed = new ArrayList<>();
    for (String s : incident.services())
      catalog.resolve(s).map(Component::id).ifPresent(failed::add);
    String key = incident.correlationKey();
    if (key != null && key.startsWith("machine:")) {
      catalog.component(key.substring(8)).map(Component::id).ifPresent(failed::add);
    }
    if (!failed.isEmpty()) out.addAll(CatalogAnalysis.impact(catalog, failed).clients());
    return out;
  }

  /**
   * The names clients may read for an incident's services: a catalogue service by its name, text
   * the catalogue does not know as written (an operator entered it); a machine, site, provider or
   * number of the catalogue is left out.
   */
  public List<String> publicServiceNames(List<String> services) {
    return dev.vigie.server.comms.PublicFacts.serviceNames(catalog, services);
  }

  /** The display names of services named by catalogue id (other names are kept as written). */
  public List<String> serviceNames(List<String> services) {
    List<String> out = new ArrayList<>();
    for (String s : services) {
      out.add(
          catalog == null
              ? s
              : catalog.component(s).map(c -> c.name() == null ? s : c.name()).orElse(s));
    }
    return out;
  }
}
