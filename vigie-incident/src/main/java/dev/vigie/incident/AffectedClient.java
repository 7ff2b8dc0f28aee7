package dev.vigie.incident;

/**
 * A client affected by the incident.
 *
 * @param name display name as it appears in the report
 * @param catalogId the client's id in the catalogue, or null when the operator entered the name by
 *     hand (no catalogue, or a client the catalogue does not know)
 */
public record AffectedClient(String name, String catalogId) {
  public AffectedClient {
    name = Require.text("affectedClients[].name", name);
    catalogId = catalogId == null || catalogId.isBlank() ? null : catalogId.strip();
  }

  /** A client entered by hand. */
  public static AffectedClient entered(String name) {
    return new AffectedClient(name, null);
  }

  public boolean fromCatalog() {
    return catalogId != null;
  }
}
