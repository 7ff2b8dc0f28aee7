package dev.vigie.incident.notify;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Everything a template needs besides the recipient: who speaks, where to look, whom to call, and
 * (for incident notices) the incident.
 *
 * @param companyName the provider's name, used in the signature
 * @param statusPage the public status page, e.g. {@code https://status.example.fr/}
 * @param clientStatusPages optional per-client status links (client id to URL), used instead of
 *     {@code statusPage} for that client's contacts
 * @param backupNumber the backup support number, named in every message
 * @param mainNumbers the usual support numbers (what the backup number backs up); may be empty
 * @param zone the provider's time zone for times in messages, default {@code Europe/Paris}
 * @param incident the incident, {@code null} only for the backup number announcement
 */
public record NotificationContext(
    String companyName,
    URI statusPage,
    Map<String, URI> clientStatusPages,
    String backupNumber,
    List<String> mainNumbers,
    ZoneId zone,
    IncidentFacts incident) {

  /** The provider's time zone unless configured otherwise. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

  public NotificationContext {
    companyName = Text.singleLine(companyName, "notifications.companyName");
    statusPage = checkWebLink(statusPage, "notifications.statusPage");
    clientStatusPages = Map.copyOf(clientStatusPages == null ? Map.of() : clientStatusPages);
    clientStatusPages.forEach(
        (client, url) -> checkWebLink(url, "notifications.clientStatusPages." + client));
    backupNumber = Text.singleLine(backupNumber, "notifications.backupNumber");
    mainNumbers = List.copyOf(mainNumbers == null ? List.of() : mainNumbers);
    mainNumbers.forEach(n -> Text.singleLine(n, "notifications.mainNumbers[]"));
    zone = zone == null ? DEFAULT_ZONE : zone;
  }

  /** The same context about another incident (or none). */
  public NotificationContext about(IncidentFacts facts) {
    return new NotificationContext(
        companyName, statusPage, clientStatusPages, backupNumber, mainNumbers, zone, facts);
  }

  /** The status link for a client: its own page if configured, else the public page. */
  public URI statusPageFor(String clientId) {
    return clientStatusPages.getOrDefault(clientId, statusPage);
  }

  private static URI checkWebLink(URI url, String key) {
    if (url == null
        || !url.isAbsolute()
        || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          key + ": expected an absolute http(s) URL, got '" + url + "'");
    }
    return url;
  }
}
