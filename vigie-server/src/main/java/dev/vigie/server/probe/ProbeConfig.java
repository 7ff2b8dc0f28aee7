package dev.vigie.server.probe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.probe.Credentials;
import dev.vigie.probe.ProbeConfigException;
import dev.vigie.probe.ProbeKind;
import dev.vigie.probe.ProbeTarget;
import dev.vigie.probe.StatusCodes;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.Node;
import dev.vigie.wire.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code probes:} section of the configuration: one entry per SIP OPTIONS or REGISTER probe
 * (keys and defaults in docs/probes.md). Every problem is reported at once, each naming {@code
 * probes[i].key} and the bad value.
 */
public final class ProbeConfig {
  private static final Set<String> KEYS =
      Set.of(
          "id",
          "component",
          "host",
          "port",
          "transport",
          "kind",
          "credentials",
          "interval",
          "timeout",
          "acceptedCodes",
          "downAfter",
          "upAfter");

  private ProbeConfig() {}

  /** The targets of the configuration root (empty when there is no {@code probes} section). */
  public static List<ProbeTarget> read(JsonNode root) {
    JsonNode list = root == null ? null : root.get("probes");
    List<ProbeTarget> out = new ArrayList<>();
    if (list == null || list.isNull()) return out;
    List<String> problems = new ArrayList<>();
    if (!list.isArray())
      throw new ConfigException("configuration", List.of("probes: expected a list"));
    for (int i = 0; i < list.size(); i++) {
      String path = "probes[" + i + "]";
      JsonNode e = list.get(i);
      if (!e.isObject()) {
        problems.add(path + ": expected a mapping");
        continue;
      }
      e.fieldNames()
          .forEachRemaining(k -> {
            if (!KEYS.contains(k))
              problems.add(
                  path
                      + "."
                      + k
                      + ": unknown key (known: "
                      + String.join(", ", new java.util.TreeSet<>(KEYS))
                      + ")");
          });
      Node n = new Node(e, path, problems);
      String id = n.string("id", null);
      String host = n.string("host", null);
      if (id == null) problems.add(path + ".id: required");
      if (host == null) problems.add(path + ".host: required");
      if (id == null || host == null) continue;
      try {
        ProbeTarget.Builder b = ProbeTarget.builder(id, host);
        if (n.has("component")) b.component(n.string("component", id));
        if (n.has("port")) b.port(n.integer("port", 5060, 1, 65535));
        if (n.has("transport")) b.transport(transport(n, problems, path));
        ProbeKind kind = ProbeKind.OPTIONS;
        if (n.has("kind")) {
          String k = n.string("kind", "options").toUpperCase(Locale.ROOT);
          try {
            kind = ProbeKind.valueOf(k);
          } catch (IllegalArgumentException x) {
            problems.add(path + ".kind: '" + n.string("kind", "") + "' is not options or register");
          }
        }
        b.kind(kind);
        if (n.has("credentials")) {
          Node c = n.get("credentials");
          b.register(
              new Credentials(
                  c.string("user", null), c.string("password", null), c.string("domain", null)));
        }
        if (n.has("interval")) b.interval(n.duration("interval", Duration.ofSeconds(30)));
        if (n.has("timeout")) b.timeout(n.duration("timeout", Duration.ofSeconds(4)));
        if (n.has("acceptedCodes")) {
          String spec = n.string("acceptedCodes", "");
          try {
            b.acceptedCodes(StatusCodes.parse(spec));
          } catch (IllegalArgumentException x) {
            problems.add(path + ".acceptedCodes: " + x.getMessage());
          }
        }
        if (n.has("downAfter")) b.downAfter(n.integer("downAfter", 3, 1, 100));
        if (n.has("upAfter")) b.upAfter(n.integer("upAfter", 2, 1, 100));
        out.add(b.build());
      } catch (ProbeConfigException x) {
        for (String p : x.problems()) problems.add(path + ": " + p);
      } catch (IllegalArgumentException x) {
        problems.add(path + ": " + x.getMessage());
      }
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (ProbeTarget t : out)
      if (!ids.add(t.id())) problems.add("probes: id '" + t.id() + "' is used twice");
    if (!problems.isEmpty()) throw new ConfigException("configuration", problems);
    return out;
  }

  private static Transport transport(Node n, List<String> problems, String path) {
    String t = n.string("transport", "udp").toUpperCase(Locale.ROOT);
    return switch (t) {
      case "UDP" -> Transport.UDP;
      case "TCP" -> Transport.TCP;
      default -> {
        problems.add(path + ".transport: '" + n.string("transport", "") + "' is not udp or tcp");
        yield Transport.UDP;
      }
    };
  }
}
