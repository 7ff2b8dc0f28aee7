package dev.vigie.incident.notify;

import dev.vigie.incident.Language;

/**
 * One addressee of a client notice: a contact of one client.
 *
 * @param clientId the client's id in the catalogue/inventory ({@code client:} of a machine)
 * @param clientName the client's name as written in messages
 * @param email exactly one address; a message is never addressed to anyone else
 * @param language the template language for this contact
 */
public record Recipient(String clientId, String clientName, String email, Language language) {
  public Recipient {
    clientId = Text.singleLine(clientId, "recipient.clientId");
    clientName = Text.singleLine(clientName, "recipient.clientName");
    email = EmailAddresses.requireSingle(email, "recipient.email");
    language = Text.notNull(language, "recipient.language");
  }

  /** The address in the case-insensitive form used for deduplication. */
  public String addressKey() {
    return EmailAddresses.key(email);
  }
}
