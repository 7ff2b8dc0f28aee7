package dev.vigie.server.status;

import dev.vigie.incident.notify.PublicStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A published incident as the status pages receive it: its public facts, and the keys that choose
 * which client pages show it ({@link #services} as stored, {@link #clientIds}); the client ids are
 * never rendered. Built field by field from an allow-list ({@code PublicIncidents}); {@link
 * PublicView} turns it into what one page shows.
 *
 * @param number the IG number
 * @param title the public title, null for the generic wording
 * @param status the public status
 * @param services the services it touches as stored (catalogue ids or names, or text an operator
 *     entered); {@link PublicView} shows only those that are catalogue services, by public name
 * @param clientIds the catalogue ids of the clients it affects
 * @param updates public updates, oldest first
 */
public record PublishedIncident(
    String number,
    String title,
    PublicStatus status,
    Instant startedAt,
    Instant resolvedAt,
    List<String> services,
    Set<String> clientIds,
    List<Update> updates) {

  public PublishedIncident {
    services = List.copyOf(services);
    clientIds = Set.copyOf(clientIds);
    updates = List.copyOf(updates);
  }

  /**
   * One public update: a status change ({@code text} null: the status label is shown) or an
   * operator's text written for clients, in French ({@code text}) and English ({@code textEn}, null
   * when it was written in one language only).
   */
  public record Update(Instant at, PublicStatus status, String text, String textEn) {
    public Update(Instant at, PublicStatus status, String text) {
      this(at, status, text, null);
    }

    /** The text for a page in that language, null for a bare status change. */
    public String text(boolean french) {
      return french || textEn == null ? text : textEn;
    }
  }

  public boolean active() {
    return resolvedAt == null;
  }
}
