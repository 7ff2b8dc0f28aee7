package dev.vigie.server.web;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.Client;
import dev.vigie.catalog.Service;
import dev.vigie.catalog.analysis.CatalogAnalysis;
import dev.vigie.incident.AffectedClient;
import dev.vigie.incident.Incident;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The forms of the incident page as the operator sees them: the values (from the incident, or as
 * typed when a form was refused), the catalogue's services and clients ticked or not, and the error
 * of each field in the user's language. A refused form is rendered again from this object, errors
 * next to their fields, what was typed kept.
 *
 * <p>Keys: the editor's fields ({@code title}, {@code severity}, {@code priority}, {@code
 * startedAt}, {@code detectedAt}, {@code endedAt}, {@code cause}, {@code clientImpact}, {@code
 * otherServices}, {@code otherClients}), the transition's {@code moveAt} and {@code move}, a new
 * entry's {@code entry.description} and {@code entry.at}, an edited entry's {@code
 * e<ID>.description} and {@code e<ID>.at}, a declaration's {@code decl}; {@code form} for a
 * form-level error.
 */
public final class EditorForm {
  static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> errors = new LinkedHashMap<>();
  private final Set<String> services = new LinkedHashSet<>();
  private final Set<String> clients = new LinkedHashSet<>();
  private long openEntry = -1;

  /** One catalogue choice: its value, the label people read, what it proposes, ticked or not. */
  public record Pick(String value, String label, String proposes, boolean checked) {}

  /** The form filled from the stored incident. */
  static EditorForm of(Incident i, Catalog catalog, ZoneId zone) {
    EditorForm f = new EditorForm();
    f.values.put("title", i.title());
    f.values.put("severity", i.severity().name());
    f.values.put("priority", i.priority().name());
    f.values.put("startedAt", local(i.startedAt(), zone));
    f.values.put("detectedAt", local(i.detectedAt(), zone));
    f.values.put("endedAt", local(i.endedAt(), zone));
    f.values.put("mitigatedAt", local(i.mitigatedAt(), zone));
    f.values.put("resolvedAt", local(i.resolvedAt(), zone));
    f.values.put("cause", i.cause() == null ? "" : i.cause());
    f.values.put("clientImpact", i.clientImpact() == null ? "" : i.clientImpact());
    List<String> other = new ArrayList<>();
    for (String s : i.services()) {
      Service known = catalog == null ? null : service(catalog, s);
      if (known != null) f.services.add(known.id());
      else other.add(s);
    }
    f.values.put("otherServices", String.join("\n", other));
    List<String> otherClients = new ArrayList<>();
    for (AffectedClient c : i.affectedClients()) {
      Client known =
          catalog == null
              ? null
              : catalog.findClient(c.catalogId() != null ? c.catalogId() : c.name()).orElse(null);
      if (known != null) f.clients.add(known.id());
      else otherClients.add(c.name());
    }
    f.values.put("otherClients", String.join("\n", otherClients));
    return f;
  }

  /** An empty form (no incident yet) or one to be filled by what was typed. */
  public static EditorForm empty() {
    return new EditorForm();
  }

  /** The catalogue service of a stored service string (its id or its name), or null. */
  static Service service(Catalog catalog, String idOrName) {
    for (Service s : catalog.services()) {
      if (s.id().equals(idOrName) || idOrName.equals(s.name())) return s;
    }
    return null;
  }

  public static String local(Instant at, ZoneId zone) {
    return at == null ? "" : LOCAL.format(at.atZone(zone));
  }

  public EditorForm put(String key, String value) {
    values.put(key, value == null ? "" : value);
    return this;
  }

  EditorForm error(String key, String message) {
    errors.putIfAbsent(key, message);
    return this;
  }

  EditorForm tick(Set<String> serviceIds, Set<String> clientIds) {
    services.clear();
    services.addAll(serviceIds);
    clients.clear();
    clients.addAll(clientIds);
    return this;
  }

  EditorForm openEntry(long id) {
    this.openEntry = id;
    return this;
  }

  /** The value of a field ("" when none). */
  public String v(String key) {
    return values.getOrDefault(key, "");
  }

  /** The error of a field, or null. */
  public String err(String key) {
    return errors.get(key);
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Whether one of the editor's fields (not a transition or an entry) was refused. */
  public boolean editorRefused() {
    for (String k : errors.keySet()) if (EDITOR.contains(k)) return true;
    return false;
  }

  static final Set<String> EDITOR =
      Set.of(
          "title",
          "severity",
          "priority",
          "startedAt",
          "detectedAt",
          "endedAt",
          "mitigatedAt",
          "resolvedAt",
          "cause",
          "clientImpact",
          "otherServices",
          "otherClients",
          "services",
          "affectedClients",
          "form");

  /** Whether the timeline entry's edit form should be open (its edit was refused). */
  public boolean entryOpen(long id) {
    return openEntry == id;
  }

  /** aria-invalid / aria-describedby attributes of a field. */
  public String aria(String key) {
    return errors.containsKey(key) ? "true" : null;
  }

  /** The catalogue's services, each proposing the clients its failure affects (ids, spaced). */
  public List<Pick> servicePicks(Catalog catalog) {
    List<Pick> out = new ArrayList<>();
    if (catalog == null) return out;
    for (Service s : catalog.services()) {
      var clientsDown = CatalogAnalysis.impact(catalog, List.of(s.id())).clients();
      out.add(
          new Pick(
              s.id(),
              s.name() == null ? s.id() : s.name(),
              String.join(" ", clientsDown),
              services.contains(s.id())));
    }
    return out;
  }

  /** The catalogue's clients, labelled by name (and users when known). */
  public List<Pick> clientPicks(Catalog catalog) {
    List<Pick> out = new ArrayList<>();
    if (catalog == null) return out;
    for (Client c : catalog.clients()) {
      out.add(
          new Pick(
              c.id(),
              c.name() == null ? c.id() : c.name(),
              Long.toString(c.users()),
              clients.contains(c.id())));
    }
    return out;
  }
}
