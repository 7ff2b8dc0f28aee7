package dev.vigie.server.comms;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.Component;
import dev.vigie.catalog.Service;
import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.notify.PublicStatus;
import dev.vigie.server.incident.PublicationPolicy;
import dev.vigie.server.incident.Publications.Publication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What clients may be told about an incident, and nothing else: the IG number, the public title
 * (null: the generic wording), the public impact, the public status, start and end times, and the
 * public names of its catalogue services (never a machine, site, provider or number). Drafts are
 * prefilled from this type only, so an internal cause, an operator's note, a machine id, an address
 * or an attacker's detail cannot reach a prefilled text: the type has no field to carry them.
 */
public record PublicFacts(
    String number,
    String title,
    String impact,
    PublicStatus status,
    Instant startedAt,
    Instant resolvedAt,
    List<String> services) {

  public PublicFacts {
    services = List.copyOf(services);
  }

  /**
   * The public facts of an incident, field by field from an allow-list: {@link
   * PublicationPolicy#publicTitle} and {@link PublicationPolicy#publicImpact} (null for an incident
   * Vigie opened and nobody wrote a public text for), the lifecycle mapped to {@link PublicStatus},
   * and {@link #serviceNames} of its services.
   */
  public static PublicFacts of(Incident i, Publication p, Catalog catalog) {
    return new PublicFacts(
        i.number(),
        PublicationPolicy.publicTitle(i, p),
        PublicationPolicy.publicImpact(i, p),
        status(i.status()),
        i.startedAt(),
        i.resolvedAt(),
        serviceNames(catalog, i.services()));
  }

  /** The public status of a lifecycle state; a cancelled incident reads as resolved. */
  public static PublicStatus status(IncidentStatus s) {
    return switch (s) {
      case TRIAGE, INVESTIGATING -> PublicStatus.INVESTIGATING;
      case MITIGATED -> PublicStatus.MONITORING;
      case RESOLVED, CLOSED, CANCELLED -> PublicStatus.RESOLVED;
    };
  }

  /**
   * The names clients may read for services as incidents store them: a catalogue service by its
   * name, text the catalogue does not know as written (an operator entered it); a machine, site,
   * provider or number of the catalogue is left out.
   */
  public static List<String> serviceNames(Catalog catalog, List<String> services) {
    List<String> out = new ArrayList<>();
    for (String s : services) {
      Optional<Component> c = catalog == null ? Optional.empty() : catalog.resolve(s);
      if (c.isPresent() && !(c.get() instanceof Service)) continue;
      String name = c.map(x -> x.name() != null ? x.name() : x.id()).orElse(s);
      if (!out.contains(name)) out.add(name);
    }
    return out;
  }
}
