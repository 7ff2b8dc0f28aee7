package dev.vigie.server.status;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.Client;
import dev.vigie.catalog.Component;
import dev.vigie.catalog.Service;
import dev.vigie.server.i18n.Lang;
import dev.vigie.server.i18n.Texts;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns published incidents into what one public page shows: for the global page every published
 * incident with the public names of its services; for a client's page only the incidents that
 * affect that client or one of its services, each with only that client's services. A service is
 * shown by its catalogue name when it is a catalogue service; a machine, site, provider or number
 * of the catalogue is never shown; text an operator entered that the catalogue does not know is
 * shown on the global page only. Every field of the result is copied from an allow-listed field of
 * {@link PublishedIncident}; texts are in the page's language (status labels, the generic title).
 */
final class PublicView {
  private PublicView() {}

  static List<PublicIncident> of(
      List<PublishedIncident> all, Catalog catalog, Client client, boolean fr) {
    Set<String> mine = client == null ? null : Set.copyOf(client.services());
    Texts t = new Texts(fr ? Lang.FR : Lang.EN, ZoneId.of("UTC"));
    String generic = t.t("status.incident.generic");
    List<PublicIncident> out = new ArrayList<>();
    for (PublishedIncident i : all) {
      List<String> services = new ArrayList<>();
      boolean touches = false;
      for (String s : i.services()) {
        Optional<Component> c = catalog == null ? Optional.empty() : catalog.resolve(s);
        if (c.isPresent() && !(c.get() instanceof Service)) continue; // never a machine
        String id = c.map(Component::id).orElse(null);
        if (mine != null && (id == null || !mine.contains(id))) continue;
        String name = c.map(x -> x.name() != null ? x.name() : x.id()).orElse(s);
        if (!services.contains(name)) services.add(name);
        touches = true;
      }
      if (client != null && !touches && !i.clientIds().contains(client.id())) continue;
      List<PublicIncident.Update> updates = new ArrayList<>();
      for (PublishedIncident.Update u : i.updates()) {
        updates.add(
            new PublicIncident.Update(
                u.at(), u.text() != null ? u.text(fr) : t.t("comms.status." + u.status().name())));
      }
      out.add(
          new PublicIncident(
              i.number(),
              i.title() != null ? i.title() : generic,
              t.t("comms.status." + i.status().name()),
              i.startedAt(),
              i.resolvedAt(),
              services,
              updates));
    }
    return out;
  }
}
