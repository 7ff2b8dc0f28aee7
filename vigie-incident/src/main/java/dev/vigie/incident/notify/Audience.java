package dev.vigie.incident.notify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Decides who receives a notice: the contacts of the affected clients, one recipient per address.
 *
 * <p>Rules: only clients in the affected set are considered (an unaffected client's contacts are
 * never read); each address appears once, compared case-insensitively; when two affected clients
 * list the same address (an IT contractor serving both), the address receives one message, under
 * the first client in id order, and the other pairing is reported in {@link Selection#merged}.
 * Since a {@link Recipient} holds exactly one address and every notification has exactly one
 * recipient, no message can be addressed to several clients.
 *
 * <p>Deterministic (clients in id order, contacts in listed order). O(total contacts of the
 * affected clients). Pure and thread-safe.
 */
public final class Audience {
  private Audience() {}

  /**
   * The outcome of a selection.
   *
   * @param recipients one per distinct address
   * @param unknownClients affected client ids missing from the directory
   * @param clientsWithoutContacts affected clients that list no address
   * @param merged addresses shared by several affected clients, as {@code "address: kept-client,
   *     dropped-client"}
   */
  public record Selection(
      List<Recipient> recipients,
      List<String> unknownClients,
      List<String> clientsWithoutContacts,
      List<String> merged) {
    public Selection {
      recipients = List.copyOf(recipients);
      unknownClients = List.copyOf(unknownClients);
      clientsWithoutContacts = List.copyOf(clientsWithoutContacts);
      merged = List.copyOf(merged);
    }
  }

  /**
   * Selects the recipients among {@code directory} (client id to contacts) for the {@code affected}
   * client ids.
   *
   * @throws IllegalArgumentException if a directory key differs from its entry's client id
   */
  public static Selection select(
      Collection<String> affected, Map<String, ClientContacts> directory) {
    Map<String, Recipient> byAddress = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    List<String> silent = new ArrayList<>();
    List<String> merged = new ArrayList<>();
    for (String clientId : new TreeSet<>(affected)) {
      ClientContacts client = directory.get(clientId);
      if (client == null) {
        unknown.add(clientId);
        continue;
      }
      if (!client.clientId().equals(clientId)) {
        throw new IllegalArgumentException(
            "client directory: key '" + clientId + "' holds client '" + client.clientId() + "'");
      }
      if (client.contacts().isEmpty()) {
        silent.add(clientId);
      }
      for (ClientContacts.Contact contact : client.contacts()) {
        Recipient recipient =
            new Recipient(clientId, client.clientName(), contact.email(), contact.language());
        Recipient kept = byAddress.putIfAbsent(recipient.addressKey(), recipient);
        if (kept != null && !kept.clientId().equals(clientId)) {
          merged.add(recipient.addressKey() + ": " + kept.clientId() + ", " + clientId);
        }
      }
    }
    return new Selection(List.copyOf(byAddress.values()), unknown, silent, merged);
  }
}
