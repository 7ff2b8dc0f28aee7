package dev.vigie.incident.notify;

import dev.vigie.incident.Language;
import java.util.List;

/**
 * A client of the provider and the people to tell when its services are affected.
 *
 * @param clientId the client's id (the {@code client:} of its machines in the inventory)
 * @param clientName the name written in messages
 * @param contacts the addresses to notify, each with its language; may be empty (the server then
 *     reports the client as having no contact)
 */
public record ClientContacts(String clientId, String clientName, List<Contact> contacts) {
  public ClientContacts {
    clientId = Text.singleLine(clientId, "clients[].id");
    clientName = Text.singleLine(clientName, "clients[" + clientId + "].name");
    contacts = List.copyOf(Text.notNull(contacts, "clients[" + clientId + "].contacts"));
  }

  /**
   * One contact.
   *
   * @param email exactly one address
   * @param language the language of the messages this contact receives
   */
  public record Contact(String email, Language language) {
    public Contact {
      email = EmailAddresses.requireSingle(email, "contact.email");
      language = Text.notNull(language, "contact.language");
    }
  }
}
