package dev.vigie.server.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.Node;
import java.time.Duration;
import java.util.List;

/**
 * The {@code recovery} section (docs/configuration.md): how often a waiting machine is checked
 * again, how many times before Vigie gives up on it, the SIP port and timeout of the OPTIONS sent
 * to a machine without a configured probe, and the share of its usual registrations that counts as
 * back.
 */
public record RecoverySettings(
    Duration recheckInterval,
    int maxChecks,
    int sipPort,
    Duration sipTimeout,
    double registrationsShare) {

  public static RecoverySettings defaults() {
    return new RecoverySettings(Duration.ofSeconds(15), 240, 5060, Duration.ofSeconds(2), 0.9);
  }

  /** Reads {@code recovery} from the configuration root; every problem names its key. */
  public static RecoverySettings from(JsonNode root) {
    Node r = Node.root(root).get("recovery");
    RecoverySettings d = defaults();
    Duration every = r.duration("recheckInterval", d.recheckInterval());
    int max = r.integer("maxChecks", d.maxChecks(), 1, 10_000);
    int port = r.integer("sipPort", d.sipPort(), 1, 65_535);
    Duration timeout = r.duration("sipTimeout", d.sipTimeout());
    int percent = r.integer("registrationsPercent", 90, 1, 100);
    for (String k : iterable(r.raw())) {
      if (!List.of("recheckInterval", "maxChecks", "sipPort", "sipTimeout", "registrationsPercent")
          .contains(k)) {
        r.problem(
            k,
            "unknown key; known keys here: maxChecks, recheckInterval, registrationsPercent,"
                + " sipPort, sipTimeout");
      }
    }
    if (every.compareTo(Duration.ofSeconds(1)) < 0) {
      r.problem("recheckInterval", "'" + every + "' is under 1 s");
    }
    if ((timeout.compareTo(Duration.ofMillis(100)) < 0
        || timeout.compareTo(Duration.ofSeconds(30)) > 0)) {
      r.problem("sipTimeout", "'" + timeout + "' is not between 100 ms and 30 s");
    }
    if (!r.problems().isEmpty()) throw new ConfigException("configuration", r.problems());
    return new RecoverySettings(every, max, port, timeout, percent / 100.0);
  }

  private static Iterable<String> iterable(JsonNode n) {
    if (n == null || !n.isObject()) return List.of();
    return n::fieldNames;
  }
}
