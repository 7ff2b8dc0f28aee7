package dev.vigie.incident.notify;

import java.time.Instant;
import java.util.List;

/**
 * What clients are told about one incident. Only public text goes here: the internal cause and
 * operator notes stay in the incident. Any text is accepted: control characters become spaces (line
 * feeds are kept in the public update), U+FFFE, U+FFFF and unpaired surrogates become U+FFFD.
 *
 * @param id the incident's id in the server
 * @param number the IG number, e.g. {@code IG-2024-09-23-001}
 * @param title a short public title
 * @param status the public status at the time of the notice
 * @param clientImpact what clients experience, e.g. "Problème d'acheminement des appels entrants /
 *     sortants externes"
 * @param services the impacted services, e.g. "Téléphonie IP 3CX"; at least one
 * @param publicUpdate the text of a public update (required for {@link
 *     NotificationType#INCIDENT_UPDATE}, optional otherwise); may span lines
 * @param updateKey identifies the update (e.g. its timeline entry id) so it is sent once; when null
 *     a digest of {@code publicUpdate} is used
 * @param startedAt when the incident started
 * @param updatedAt the time of the update (required for an update notice)
 * @param resolvedAt when it ended (required for a resolution notice)
 */
public record IncidentFacts(
    String id,
    String number,
    String title,
    PublicStatus status,
    String clientImpact,
    List<String> services,
    String publicUpdate,
    String updateKey,
    Instant startedAt,
    Instant updatedAt,
    Instant resolvedAt) {

  public IncidentFacts {
    id = Text.singleLine(id, "incident.id");
    number = Text.singleLine(number, "incident.number");
    title = Text.printableLine(title, "incident.title");
    Text.notNull(status, "incident.status");
    clientImpact = Text.printableText(Text.required(clientImpact, "incident.clientImpact")).strip();
    services = List.copyOf(Text.notNull(services, "incident.services"));
    if (services.isEmpty()) {
      throw new IllegalArgumentException("incident.services: at least one service, got []");
    }
    services = services.stream().map(s -> Text.printableLine(s, "incident.services[]")).toList();
    publicUpdate =
        publicUpdate == null || publicUpdate.isBlank()
            ? null
            : Text.printableText(publicUpdate).strip();
    updateKey = Text.optionalLine(updateKey, "incident.updateKey");
    Text.notNull(startedAt, "incident.startedAt");
    if (resolvedAt != null && resolvedAt.isBefore(startedAt)) {
      throw new IllegalArgumentException(
          "incident.resolvedAt: before startedAt (" + startedAt + "), got " + resolvedAt);
    }
  }

  /** The services joined for a subject line: "Téléphonie IP 3CX, Trunk SIP". */
  public String servicesLine() {
    return String.join(", ", services);
  }
}
