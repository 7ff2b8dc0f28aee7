package dev.vigie.incident;

import dev.vigie.detect.Alert;
import java.util.List;
import java.util.Optional;

/**
 * What the incident service asks of the catalogue (implemented by the server over vigie-catalog;
 * {@link #NONE} when there is no catalogue). Implementations must be thread-safe.
 */
public interface IncidentCatalog {

  /** The catalogue's client for a name or id entered by an operator, if it knows it. */
  Optional<AffectedClient> client(String nameOrId);

  /** Clients served by a machine (for an incident an alert opens). */
  List<AffectedClient> clientsOf(String machineId);

  /** The group (cluster, platform) a machine belongs to, if any. */
  Optional<String> groupOf(String machineId);

  /**
   * The correlation key an alert attaches by: {@code group:G} when the machine belongs to a group,
   * else {@code machine:M}, else {@code source:IP} for an alert about a remote source only.
   */
  default String keyOf(Alert alert) {
    if (alert.machine() != null) {
      return groupOf(alert.machine()).map(g -> "group:" + g).orElse("machine:" + alert.machine());
    }
    return "source:" + alert.source();
  }

  /**
   * Whether a critical service of the catalogue needs this machine, directly or through other
   * components, redundant groups included (a degraded member of a redundant pair is where an outage
   * of the service begins). False without a catalogue or for a machine it does not know: then a
   * SERVICE_DEGRADED alert opens no incident by itself.
   */
  default boolean carriesCriticalService(String machineId) {
    return false;
  }

  /** Users (seats) of a catalogue client, 0 when the catalogue does not say. */
  default long users(String catalogId) {
    return 0;
  }

  /** Users of all the catalogue's clients (0 when unknown). */
  default long totalUsers() {
    return 0;
  }

  /** Resolves names entered by hand: catalogue clients when known, else entered as is. */
  default List<AffectedClient> resolve(List<String> names) {
    return names.stream().map(n -> client(n).orElseGet(() -> AffectedClient.entered(n))).toList();
  }

  /** No catalogue: every client is entered, every machine is its own group. */
  IncidentCatalog NONE =
      new IncidentCatalog() {
        @Override
        public Optional<AffectedClient> client(String nameOrId) {
          return Optional.empty();
        }

        @Override
        public List<AffectedClient> clientsOf(String machineId) {
          return List.of();
        }

        @Override
        public Optional<String> groupOf(String machineId) {
          return Optional.empty();
        }
      };
}
