package dev.vigie.incident.notify;

import dev.vigie.incident.Language;

/**
 * The description of the timeline entry the server appends for each sent notification (in {@link
 * OutboxWorker.Listener#onSent}), in the seed report's words: "Communication à nos Clients sur la
 * résolution de l'incident".
 *
 * <p>It names the client and the address: keep such entries internal (operator timeline) and do not
 * print them in a report given to other clients; {@link #summary} gives the client-neutral wording.
 */
public final class SentNotice {
  private SentNotice() {}

  /** E.g. "Communication client envoyée (résolution de l'incident) : Acme Sàrl, it@acme.fr". */
  public static String describe(Notification sent, Language language) {
    return summary(sent.type(), language)
        + (language == Language.FR ? " : " : ": ")
        + sent.recipient().clientName()
        + ", "
        + sent.recipient().email();
  }

  /** E.g. "Communication client envoyée (résolution de l'incident)", naming no client. */
  public static String summary(NotificationType type, Language language) {
    return switch (language) {
      case FR ->
          "Communication client envoyée ("
              + switch (type) {
                case INCIDENT_OPENED -> "ouverture de l'incident";
                case INCIDENT_UPDATE -> "point de situation";
                case INCIDENT_RESOLVED -> "résolution de l'incident";
                case BACKUP_NUMBER_ANNOUNCEMENT -> "numéro de support de secours";
                case NOC_REMINDER -> "rappel au NOC";
              }
              + ")";
      case EN ->
          "Client notification sent ("
              + switch (type) {
                case INCIDENT_OPENED -> "incident opened";
                case INCIDENT_UPDATE -> "incident update";
                case INCIDENT_RESOLVED -> "incident resolved";
                case BACKUP_NUMBER_ANNOUNCEMENT -> "backup support number";
                case NOC_REMINDER -> "NOC reminder";
              }
              + ")";
    };
  }
}
