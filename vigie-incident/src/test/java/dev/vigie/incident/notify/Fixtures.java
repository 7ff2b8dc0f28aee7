package dev.vigie.incident.notify;

import dev.vigie.incident.Language;
import dev.vigie.incident.notify.ClientContacts.Contact;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The seed incident IG-2024-09-23-001 (3CX telephony down 07h40-11h05 Paris time) and a small
 * client directory: two affected clients (one with a French, a duplicate and an English contact),
 * one unaffected.
 */
final class Fixtures {
  static final String BACKUP = "09 70 00 12 34";
  static final String MAIN = "04 66 00 00 00";
  static final URI STATUS = URI.create("https://status.exemple-telecom.fr/");
  static final URI ACME_STATUS = URI.create("https://status.exemple-telecom.fr/c/acme");
  static final Instant STARTED = Instant.parse("2024-09-23T05:40:00Z"); // 07h40 in Paris
  static final Instant UPDATED = Instant.parse("2024-09-23T06:45:00Z"); // 08h45
  static final Instant RESOLVED = Instant.parse("2024-09-23T09:05:00Z"); // 11h05

  static final Map<String, ClientContacts> DIRECTORY =
      Map.of(
          "acme",
          new ClientContacts(
              "acme",
              "Acme Sàrl",
              List.of(
                  new Contact("it@acme.fr", Language.FR),
                  new Contact("IT@Acme.FR", Language.FR),
                  new Contact("ceo@acme.example", Language.EN))),
          "bistrot",
          new ClientContacts(
              "bistrot", "Bistrot Élysée", List.of(new Contact("gerance@bistrot.fr", Language.FR))),
          "cabinet",
          new ClientContacts(
              "cabinet",
              "Cabinet Dupré",
              List.of(new Contact("secretariat@cabinet-dupre.fr", Language.FR))));

  static final List<String> AFFECTED = List.of("acme", "bistrot");

  private Fixtures() {}

  static IncidentFacts incident(PublicStatus status, String update, Instant resolvedAt) {
    return new IncidentFacts(
        "42",
        "IG-2024-09-23-001",
        "Téléphonie IP 3CX indisponible",
        status,
        "Problème d'acheminement des appels entrants / sortants externes",
        List.of("Téléphonie IP 3CX"),
        update,
        null,
        STARTED,
        update == null ? null : UPDATED,
        resolvedAt);
  }

  static NotificationContext context(IncidentFacts incident) {
    return new NotificationContext(
        "Exemple Télécom",
        STATUS,
        Map.of("acme", ACME_STATUS),
        BACKUP,
        List.of(MAIN),
        null,
        incident);
  }

  static NotificationContext opened() {
    return context(incident(PublicStatus.INVESTIGATING, null, null));
  }

  static NotificationContext update(String text) {
    return context(incident(PublicStatus.IDENTIFIED, text, null));
  }

  static NotificationContext resolved() {
    return context(incident(PublicStatus.RESOLVED, null, RESOLVED));
  }

  static NotificationContext announcement() {
    return context(null);
  }

  /** The context a type needs, with a fixed update text. */
  static NotificationContext forType(NotificationType type) {
    return switch (type) {
      case INCIDENT_OPENED -> opened();
      case INCIDENT_UPDATE ->
          update("Le trafic anormal est identifié et la machine en cause est isolée.");
      case INCIDENT_RESOLVED -> resolved();
      case BACKUP_NUMBER_ANNOUNCEMENT -> announcement();
      case NOC_REMINDER -> throw new IllegalArgumentException("not a client notice");
    };
  }

  static Recipient recipient(String clientId, String email, Language language) {
    return new Recipient(clientId, DIRECTORY.get(clientId).clientName(), email, language);
  }
}
